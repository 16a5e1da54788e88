# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.visit_management.tests.common import state_board_columns

from .common import PropertyCommon

ACTIONS = (
    "property_estate_action",
    "property_building_action",
    "property_unit_action",
    "res_partner_action_residents",
    "property_complaint_action",
    "property_repair_request_action",
    "property_incident_action",
    "property_resident_callback_action",
    "property_callback_analysis_action",
    "property_callback_assessment_action",
    "property_callback_sample_action",
    "property_festival_action",
    "property_repair_category_action",
    "property_festival_wizard_action",
    "property_callback_record_wizard_action",
)
# Festivals are arranged by the visit managers.
MANAGER_ACTIONS = ("property_festival_wizard_action",)
MENUS = {
    "property_estate_menu": "property_estate_action",
    "property_unit_menu": "property_unit_action",
    "property_resident_menu": "res_partner_action_residents",
    "property_complaint_menu": "property_complaint_action",
    "property_repair_request_menu": "property_repair_request_action",
    "property_incident_menu": "property_incident_action",
    "property_resident_callback_menu": "property_resident_callback_action",
}


class TestViewsAndReports(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["property.estate"])

    def test_every_view_of_every_action_renders(self):
        for xmlid in ACTIONS:
            action = self.env.ref(f"visit_management_property.{xmlid}")
            modes = action.view_mode.split(",")
            for user in (self.visit_admin, self.office_user):
                if xmlid in MANAGER_ACTIONS and user == self.office_user:
                    continue
                with self.subTest(action=xmlid, user=user.login):
                    views = (
                        self.env[action.res_model]
                        .with_user(user)
                        .get_views(
                            [(False, mode) for mode in modes] + [(False, "search")]
                        )
                    )
                    self.assertEqual(set(views["views"]), set(modes) | {"search"})

    def test_boards_show_every_state_even_empty(self):
        self._create_complaint()
        for model, states in (
            ("property.complaint", ["new", "in_progress", "resolved", "closed"]),
            ("property.repair.request", ["new", "assigned", "done"]),
            (
                "property.resident.callback",
                ["todo", "done", "unreachable", "cancelled"],
            ),
        ):
            with self.subTest(model=model):
                self.assertEqual(
                    state_board_columns(self.env, model, self.office_user), states
                )

    def test_menus_under_visits_property(self):
        root = self.env.ref("visit_management_property.property_menu_root")
        self.assertEqual(
            root.parent_id, self.env.ref("visit_management.visit_management_menu_root")
        )
        for menu, action in MENUS.items():
            menu = self.env.ref(f"visit_management_property.{menu}")
            self.assertEqual(menu.parent_id, root)
            self.assertEqual(
                menu.action, self.env.ref(f"visit_management_property.{action}")
            )
        reporting = self.env.ref("visit_management_property.property_menu_reporting")
        self.assertEqual(reporting.parent_id, root)
        self.assertIn(
            self.env.ref("visit_management_property.property_callback_analysis_menu"),
            reporting.child_id,
        )
        self.assertEqual(
            self.env.ref("visit_management_property.property_menu_config").group_ids,
            self.env.ref("visit_management.group_visit_manager"),
        )
        visible = self.env["ir.ui.menu"].with_user(self.office_user)._visible_menu_ids()
        self.assertIn(root.id, visible)

    def test_settings_hold_the_callback_rules(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        for name in (
            "property_move_in_callbacks",
            "property_mass_move_in_percent",
            "property_complaint_callback_all",
            "property_repair_callbacks",
            "property_routine_min",
            "property_callback_max_attempts",
        ):
            self.assertIn(f'name="{name}"', arch)
        settings = self.env["res.config.settings"].create(
            {"property_routine_min": 5, "property_routine_max": 8}
        )
        settings.execute()
        self.assertEqual(
            (self.company.property_routine_min, self.company.property_routine_max),
            (5, 8),
        )

    def _callback(self, due_days, resident=None, **values):
        return self._create_callback(
            resident=resident,
            due_date=self.today + timedelta(days=due_days),
            **values,
        )

    def test_callback_analysis_rates(self):
        done_on_time = self._callback(2, satisfaction="5")
        done_late = self._callback(-5, satisfaction="2", callback_type="repair")
        unreachable = self._callback(-3, callback_type="repair")
        overdue = self._callback(-1)
        not_due = self._callback(10)
        cancelled = self._callback(-2)
        other_estate = self._callback(-2, resident=self.owner_b)
        (done_on_time | done_late).action_done()
        self.company.property_callback_max_attempts = 1
        unreachable.action_no_answer()
        cancelled.action_cancel()
        self.env.flush_all()
        Analysis = self.env["property.callback.analysis"]
        rows = Analysis.search([("estate_id", "=", self.estate.id)])
        self.assertEqual(
            rows.callback_id, done_on_time | done_late | unreachable | overdue
        )
        self.assertNotIn(not_due, rows.callback_id)
        self.assertNotIn(cancelled, rows.callback_id)
        [(count, done, on_time, unreachable_rate, satisfaction)] = Analysis._read_group(
            [("estate_id", "=", self.estate.id)],
            [],
            [
                "__count",
                "done_rate:avg",
                "on_time_rate:avg",
                "unreachable_rate:avg",
                "satisfaction:avg",
            ],
        )
        self.assertEqual(count, 4)
        self.assertAlmostEqual(done, 50.0)
        self.assertAlmostEqual(on_time, 25.0)
        self.assertAlmostEqual(unreachable_rate, 25.0)
        self.assertAlmostEqual(satisfaction, 3.5, msg="rated callbacks only")
        by_type = dict(
            Analysis._read_group(
                [("estate_id", "=", self.estate.id)],
                ["callback_type"],
                ["done_rate:avg"],
            )
        )
        self.assertEqual(by_type, {"routine": 50.0, "repair": 50.0})
        # office users analyse their estates only
        self.assertEqual(
            Analysis.with_user(self.office_user).search([]).callback_id,
            rows.callback_id,
        )
        self.assertIn(
            other_estate, Analysis.with_user(self.manager).search([]).callback_id
        )

    def test_callback_record_report(self):
        done = self._callback(
            0,
            opinions="Please trim the hedges.",
            problems="Lift noise",
            satisfaction="4",
        )
        done.action_done()
        unreachable = self._callback(0, resident=self.family, callback_type="repair")
        self.company.property_callback_max_attempts = 1
        unreachable.action_no_answer()
        last_year = self._callback(-400, opinions="Old opinion")
        wizard = (
            self.env["property.callback.record.wizard"]
            .with_user(self.office_user)
            .with_context(active_model="property.estate", active_ids=self.estate.ids)
            .create({})
        )
        self.assertEqual(wizard.estate_ids, self.estate)
        action = wizard.action_print()
        self.assertEqual(action["data"]["month"], str(self.today.replace(day=1)))
        report = self.env["ir.actions.report"].with_user(self.office_user)
        html, _type = report._render_qweb_html(
            "visit_management_property.report_callback_record",
            self.estate.ids,
            data=action["data"],
        )
        html = html.decode()
        self.assertIn("Visit and Callback Record", html)
        self.assertIn("Sunshine Garden", html)
        self.assertIn(self.today.strftime("%Y-%m"), html)
        self.assertIn("Zhang Wei", html)
        self.assertIn("Please trim the hedges.", html)
        self.assertIn("Lift noise", html)
        self.assertIn("Satisfied", html)
        self.assertIn("Zhang Min", html)
        self.assertIn("Unreachable", html)
        self.assertIn("(<span>1</span> failed attempts)", " ".join(html.split()))
        self.assertNotIn(last_year.opinions, html)
        with self.assertRaises(AccessError):
            report._render_qweb_html(
                "visit_management_property.report_callback_record",
                self.estate_b.ids,
                data=action["data"],
            )

    def test_incident_register_report(self):
        incident = self._create_incident(
            emergency_actions="Water shut off, floor dried.",
            cause="A cracked hose under the sink.",
            preventive_measures="Hoses checked in the whole building.",
            reported_by="The neighbour below",
        )
        incident.action_close()
        incident.callback_ids.write({"opinions": "Thanked the staff."})
        incident.callback_ids.action_done()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "visit_management_property.report_incident", incident.ids
        )
        html = html.decode()
        for text in (
            incident.name,
            "Incident Register Entry",
            "Burst Pipe or Flooding",
            "A pipe burst in the kitchen.",
            "Water shut off, floor dried.",
            "A cracked hose under the sink.",
            "Hoses checked in the whole building.",
            "The neighbour below",
            "Thanked the staff.",
            "Zhang Wei",
        ):
            with self.subTest(text=text):
                self.assertIn(text, html)
