# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL, sql

from .common import VisitCommon, run_migration


class TestFormerViews(VisitCommon):
    def test_update_drops_the_former_sql_views(self):
        """A 19.0.1.0.0 database holds SQL views of the models now read through
        their _table_query; the update drops them, and the models still read."""
        Migrated = ("visit.today.rep", "visit.today", "visit.report.analysis")
        for model in Migrated:
            self.env.cr.execute(
                SQL(
                    "CREATE VIEW %s AS SELECT id FROM visit_report",
                    SQL.identifier(self.env[model]._table),
                )
            )
        run_migration(
            self.env,
            "visit_management/migrations/19.0.1.1.0/post-migrate.py",
            "19.0.1.0.0",
        )
        self._create_report().action_submit()
        for model in Migrated:
            with self.subTest(model=model):
                self.assertIsNone(sql.table_kind(self.env.cr, self.env[model]._table))
                self.env[model].with_user(self.manager).search_read([], limit=1)
        self.assertTrue(self.env["visit.report.analysis"].search_count([]))


class TestFormerResumeCursor(VisitCommon):
    def test_update_drops_the_due_dates_cursor(self):
        params = self.env["ir.config_parameter"]
        params.set_param("visit_management.due_dates_resume", "2026-11-23/42")
        run_migration(
            self.env,
            "visit_management/migrations/19.0.1.2.0/post-migrate.py",
            "19.0.1.1.0",
        )
        self.env.registry.clear_cache()
        self.assertFalse(params.get_param("visit_management.due_dates_resume"))


class TestPlannedVisitsWithReport(VisitCommon):
    def test_update_tells_which_planned_visits_have_a_report(self):
        """The 19.0.1.7.0 update fills has_report as the ORM computes it: any
        report, an archived one too."""
        plan = self._create_plan(lines=3)
        plan.sudo().state = "approved"
        reported, archived, unreported = plan.line_ids
        for line in reported | archived:
            line.with_user(self.rep).action_open_report()
        archived.report_ids.sudo().action_archive()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE visit_plan_line SET has_report = NULL WHERE id IN %s",
                tuple(plan.line_ids.ids),
            )
        )
        run_migration(
            self.env,
            "visit_management/migrations/19.0.1.7.0/pre-migrate.py",
            "19.0.1.6.0",
        )
        self.assertEqual(
            (reported | archived | unreported).mapped("has_report"),
            [True, True, False],
        )


class TestTeamLeadersRuleOnToday(VisitCommon):
    def test_update_rewrites_the_former_rule_only(self):
        """The 19.0.1.8.0 update gives Today's team leaders' rule the view's
        team_leader_id; a rule the company changed stays as it is."""
        rule = self.env.ref("visit_management.visit_today_rule_manager")
        current = rule.domain_force
        former = "['|', ('user_id', '=', user.id), ('team_id.user_id', '=', user.id)]"
        changed = "[('team_id.user_id', '=', user.id)]"
        for domain, expected in ((former, current), (changed, changed)):
            with self.subTest(domain=domain):
                rule.domain_force = domain
                run_migration(
                    self.env,
                    "visit_management/migrations/19.0.1.8.0/post-migrate.py",
                    "19.0.1.7.0",
                )
                self.assertEqual(rule.domain_force, expected)
