# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import MANAGER_GROUPS, REP_GROUPS, VisitCommon, run_migration
from .test_demo import load_demo

FRONT_DESK_GROUPS = "base.group_user,visit_management.group_visit_front_desk"
LANDING = "visit_management.visit_landing_action"
# the menus only the front desk (and the administrator) works in
FRONT_DESK_MENUS = {"visit_management.visit_reception_menu_rooms"}
# the sales side: every rep sees these...
REP_MENUS = {
    "visit_management.visit_today_menu",
    "visit_management.visit_plan_menu",
    "visit_management.visit_report_menu",
    "visit_management.visit_plan_line_menu",
    "visit_management.visit_new_customer_application_menu",
    "visit_management.res_partner_menu_visit_customers",
    "visit_management.visit_reception_menu",
    "visit_management.visit_assessment_menu",
    "visit_management.visit_report_analysis_menu",
}
# ... and the managers these too
MANAGER_MENUS = {
    "visit_management.visit_today_rep_menu",
    "visit_management.visit_plan_menu_to_approve",
    "visit_management.visit_report_menu_to_approve",
    "visit_management.visit_report_menu_to_judge",
    "visit_management.visit_new_customer_application_menu_to_approve",
    "visit_management.visit_assessment_menu_team",
}
CONFIG_MENUS = {"visit_management.visit_frequency_rule_menu"}


def visible_menus(user):
    """The xmlids of the menus the web client shows the user."""
    menus = user.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
    return {menu["xmlid"] for menu in menus.values() if menu.get("xmlid")}


def overview_of(user):
    """The team overview the user lands on."""
    return user.env["visit.team.overview"].with_user(user).browse(user.id)


class TestLanding(VisitCommon):
    """Each role of the Visits app lands where it works and sees its menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.front_desk = new_test_user(
            cls.env, "visit_front_desk", groups=FRONT_DESK_GROUPS, tz="Asia/Shanghai"
        )
        cls.landing = cls.env.ref(LANDING)

    def _landing(self, user):
        return self.landing.with_user(user).run()

    def test_each_role_lands_on_its_screen(self):
        self.assertEqual(self._landing(self.rep)["res_model"], "visit.today")
        self.assertEqual(
            self._landing(self.rep)["id"],
            self.env.ref("visit_management.visit_today_action").id,
        )
        for manager in (self.manager, self.visit_admin):
            action = self._landing(manager)
            self.assertEqual(action["res_model"], "visit.team.overview")
            self.assertEqual(action["res_id"], manager.id)
            # shown in the Visits app; a reload lands again
            self.assertEqual(action["path"], "visits")
        action = self._landing(self.front_desk)
        self.assertEqual(action["res_model"], "visit.reception")
        # today is 23 November in Shanghai (UTC+8): from 16:00 UTC the day before
        self.assertEqual(
            action["domain"],
            [
                ("start_datetime", ">=", "2026-11-22 16:00:00"),
                ("start_datetime", "<", "2026-11-23 16:00:00"),
            ],
        )

    def test_the_app_opens_on_the_landing(self):
        root = self.env.ref("visit_management.visit_management_menu_root")
        self.assertEqual(root.action, self.landing)

    def test_menus_of_each_role(self):
        rep = visible_menus(self.rep)
        self.assertLessEqual(REP_MENUS, rep)
        self.assertFalse(rep & (MANAGER_MENUS | FRONT_DESK_MENUS | CONFIG_MENUS))

        manager = visible_menus(self.manager)
        self.assertLessEqual(REP_MENUS | MANAGER_MENUS, manager)
        self.assertFalse(manager & (FRONT_DESK_MENUS | CONFIG_MENUS))

        front_desk = visible_menus(self.front_desk)
        self.assertIn("visit_management.visit_management_menu_root", front_desk)
        self.assertLessEqual(
            FRONT_DESK_MENUS | {"visit_management.visit_reception_menu"}, front_desk
        )
        self.assertFalse(
            front_desk
            & (REP_MENUS | MANAGER_MENUS | CONFIG_MENUS)
            - {"visit_management.visit_reception_menu"}
        )

        admin = visible_menus(self.visit_admin)
        self.assertLessEqual(
            REP_MENUS | MANAGER_MENUS | FRONT_DESK_MENUS | CONFIG_MENUS, admin
        )

    def test_new_users_get_the_landing_as_home_action(self):
        rep = new_test_user(self.env, "new_rep", groups=REP_GROUPS)
        self.assertEqual(rep.action_id.id, self.landing.id)
        front_desk = new_test_user(self.env, "new_desk", groups=FRONT_DESK_GROUPS)
        self.assertEqual(front_desk.action_id.id, self.landing.id)

        # given the app later
        other = new_test_user(self.env, "new_other", groups="base.group_user")
        self.assertFalse(other.action_id)
        other.group_ids = [(4, self.env.ref("visit_management.group_visit_user").id)]
        self.assertEqual(other.action_id.id, self.landing.id)

        # a home action chosen is kept; portal users get none
        discuss = self.env.ref("mail.action_discuss")
        chosen = self.env["res.users"].create(
            {
                "name": "Chosen",
                "login": "chosen",
                "action_id": discuss.id,
                "group_ids": [(6, 0, self.env.ref(MANAGER_GROUPS.split(",")[-1]).ids)],
            }
        )
        self.assertEqual(chosen.action_id.id, discuss.id)
        self.assertFalse(self.portal_user.action_id)

    def test_update_gives_earlier_users_the_landing(self):
        """Users of a 19.0.1.0.0 database had no home action; the update gives
        it to the app's users who chose none, and to nobody else."""
        discuss = self.env.ref("mail.action_discuss")
        other = new_test_user(self.env, "old_other", groups="base.group_user")
        chosen = new_test_user(self.env, "old_chosen", groups=REP_GROUPS)
        chosen.action_id = discuss.id
        archived = new_test_user(self.env, "old_archived", groups=REP_GROUPS)
        archived.active = False
        (self.rep | self.manager | archived).action_id = False
        run_migration(
            self.env,
            "visit_management/migrations/19.0.1.1.0/post-migrate.py",
            "19.0.1.0.0",
        )
        for user in (self.rep, self.manager, archived):
            self.assertEqual(user.action_id.id, self.landing.id)
        self.assertEqual(chosen.action_id.id, discuss.id)
        self.assertFalse(other.action_id)
        self.assertFalse(self.portal_user.action_id)

    def test_team_overview_counts_the_managers_team(self):
        self._create_plan().action_submit()
        self._create_plan(user=self.rep2).action_submit()
        self._create_report().action_submit()
        self._create_plan(user=self.rep_b).action_submit()
        # Huadong (the rep's) is overdue, Xibei (nobody's) too but not the team's
        self.customer_b.user_id = self.rep_b
        (self.customer | self.customer_b).write({"next_visit_date": date(2026, 11, 1)})
        overview = overview_of(self.manager)
        self.assertEqual(overview.plan_count, 2)
        self.assertEqual(overview.report_count, 1)
        self.assertEqual(overview.overdue_count, 1)
        self.assertFalse(overview.assessment_month)
        action = overview.action_open_overdue_customers()
        self.assertEqual(
            self.env["res.partner"].with_user(self.manager).search(action["domain"]),
            self.customer,
        )
        other = overview_of(self.manager_b)
        self.assertEqual(other.plan_count, 1)
        self.assertEqual(other.report_count, 0)
        self.assertEqual(other.overdue_count, 1)

        # last month assessed: the team's two reps
        self.env["visit.assessment"]._assess_month(date(2026, 10, 1))
        self.env.invalidate_all()
        self.assertEqual(overview.assessment_month, date(2026, 10, 1))
        self.assertEqual(overview.assessment_count, 2)
        assessments = self.env["visit.assessment"].search(
            overview.action_open_assessments()["domain"]
        )
        self.assertEqual(assessments.user_id, self.rep | self.rep2)

    def test_team_overview_counts_in_fixed_queries(self):
        def queries():
            overview = overview_of(self.manager)
            overview.invalidate_recordset()
            self.env.flush_all()
            before = self.cr.sql_log_count
            overview.read(["plan_count"])
            return self.cr.sql_log_count - before

        queries()  # warms the caches
        few = queries()
        for user in (self.rep, self.rep2):
            for month in (date(2026, 12, 1), date(2027, 1, 1)):
                self._create_plan(user=user, month=month).action_submit()
            self._create_report(user=user).action_submit()
        self.assertEqual(queries(), few)
        self.assertEqual(overview_of(self.manager).plan_count, 4)


@tagged("post_install", "-at_install")
class TestLandingLogin(HttpCase):
    """Logged in, each role's home action is its landing, which the web
    client runs to open the role's screen."""

    def _land(self, login):
        self.authenticate(login, login)
        session = self.url_open("/odoo").text
        self.assertIn(f'"home_action_id": {self.env.ref(LANDING).id}', session)
        return self.make_jsonrpc_request(
            "/web/action/run", {"action_id": self.env.ref(LANDING).id}
        )

    def test_each_role_lands_on_its_screen(self):
        new_test_user(self.env, "landing_rep", groups=REP_GROUPS)
        new_test_user(self.env, "landing_manager", groups=MANAGER_GROUPS)
        new_test_user(self.env, "landing_desk", groups=FRONT_DESK_GROUPS)
        self.assertEqual(self._land("landing_rep")["res_model"], "visit.today")
        self.assertEqual(
            self._land("landing_manager")["res_model"], "visit.team.overview"
        )
        self.assertEqual(self._land("landing_desk")["res_model"], "visit.reception")

    def test_a_reload_lands_again(self):
        """The overview's URL (/odoo/visits/<user id>) opens it again."""
        manager = new_test_user(self.env, "landing_manager", groups=MANAGER_GROUPS)
        self.authenticate(manager.login, manager.login)
        crumbs = self.make_jsonrpc_request(
            "/web/action/load_breadcrumbs",
            {"actions": [{"action": "visits", "resId": manager.id}]},
        )
        self.assertEqual(crumbs, [{"display_name": "Team Overview"}])


class TestDemoLanding(TransactionCase):
    """The demo's users log in on their role's landing."""

    def test_demo_users_land_by_role(self):
        load_demo(self.env, "visit_management")
        landing = self.env.ref(LANDING)
        expected = {
            "user_rep_zhangwei_demo": "visit.today",
            "user_manager_shanghai_demo": "visit.team.overview",
            "user_reception_demo": "visit.reception",
        }
        for xmlid, model in expected.items():
            user = self.env.ref(f"visit_management.{xmlid}")
            with self.subTest(user=user.login):
                self.assertEqual(user.action_id.id, landing.id)
                self.assertEqual(landing.with_user(user).run()["res_model"], model)
