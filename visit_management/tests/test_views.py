# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import VisitCommon

ACTIONS = (
    "visit_plan_action",
    "visit_plan_action_to_approve",
    "visit_plan_action_analysis",
    "visit_plan_line_action",
    "visit_plan_line_action_analysis",
    "visit_report_action",
    "visit_report_action_to_approve",
    "visit_report_action_analysis",
    "visit_report_analysis_action",
    "visit_frequency_rule_action",
    "visit_new_customer_application_action",
    "visit_new_customer_application_action_to_approve",
    "visit_today_action",
    "visit_today_rep_action",
    "res_partner_action_visit_customers",
)


class TestViews(VisitCommon):
    def test_every_view_of_every_action_renders(self):
        for xmlid in ACTIONS:
            action = self.env.ref(f"visit_management.{xmlid}")
            modes = action.view_mode.split(",")
            with self.subTest(action=xmlid):
                views = (
                    self.env[action.res_model]
                    .with_user(self.visit_admin)
                    .get_views([(False, mode) for mode in modes] + [(False, "search")])
                )
                self.assertEqual(set(views["views"]), set(modes) | {"search"})

    def test_visible_fields_follow_the_groups(self):
        rep_form = (
            self.env["visit.report"].with_user(self.rep).get_view(view_type="form")
        )
        manager_form = (
            self.env["visit.report"].with_user(self.manager).get_view(view_type="form")
        )
        self.assertNotIn('name="verification_score"', rep_form["arch"])
        self.assertIn('name="verification_score"', manager_form["arch"])
        self.assertIn('name="action_approve"', manager_form["arch"])
        self.assertNotIn('name="action_approve"', rep_form["arch"])

    def test_menus_by_group(self):
        expected = {
            "visit_management_menu_root": ["visit_management.group_visit_user"],
            "visit_management_menu_to_approve": [
                "visit_management.group_visit_manager"
            ],
            "visit_management_menu_reporting": [
                "sales_team.group_sale_salesman",
                "visit_management.group_visit_manager",
            ],
            "visit_management_menu_config": ["visit_management.group_visit_admin"],
        }
        for menu, groups in expected.items():
            self.assertEqual(
                self.env.ref(f"visit_management.{menu}").group_ids,
                self.env["res.groups"].browse(self.env.ref(g).id for g in groups),
            )
        to_approve = self.env.ref("visit_management.visit_plan_action_to_approve")
        self.assertIn("to_approve", to_approve.context)

    def test_settings_hold_the_visit_block(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        for name in (
            "visit_inplace_radius",
            "visit_report_deadline_unit",
            "visit_region_rules",
            "visit_new_customer_years",
            "visit_new_customer_apply_days",
        ):
            self.assertIn(f'name="{name}"', arch)

    def test_planned_visit_reads_as_customer_and_time(self):
        plan = self._create_plan()
        self.assertEqual(
            plan.line_ids.with_context(tz="UTC").display_name,
            "Huadong Trading Co. 2026-12-10 02:00",
        )
