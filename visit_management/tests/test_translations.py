# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from .translation_checks import TranslationFileChecks


class TestTranslations(TranslationFileChecks, TransactionCase):
    _module = "visit_management"

    def test_main_views_open_in_chinese(self):
        self._assert_menus_open_in_chinese()

    def test_chinese_labels_in_database(self):
        env = self._load_zh_cn()

        states = dict(env["visit.report"]._fields["state"]._description_selection(env))
        self.assertEqual(states["approved"], "已批准")
        self.assertEqual(states["submitted"], "已提交")
        self.assertEqual(states["returned"], "已退回")

        purposes = dict(
            env["visit.plan.line"]._fields["purpose"]._description_selection(env)
        )
        self.assertEqual(purposes["relationship"], "客情维护")

        line_fields = env["visit.plan.line"].fields_get(["purpose"], ["string"])
        self.assertEqual(line_fields["purpose"]["string"], "拜访目的")
        report_fields = env["visit.report"].fields_get(["state"], ["string"])
        self.assertEqual(report_fields["state"]["string"], "状态")

        self.assertEqual(env["ir.model"]._get("visit.plan").name, "拜访计划")
        form = env["visit.report"].get_views([(False, "form")])
        self.assertIn("签到", form["views"]["form"]["arch"])

        # messages raised in Python code come from the .po file as well
        self.assertEqual(env._("Your visit plan was approved."), "您的拜访计划已批准。")

    def test_chinese_labels_of_the_new_features(self):
        env = self._load_zh_cn()
        model_name = env["ir.model"]._get

        # reception bookings (来访接待) and their meeting rooms
        self.assertEqual(model_name("visit.reception").name, "来访接待预约")
        self.assertEqual(model_name("visit.meeting.room").name, "会议室")
        states = dict(
            env["visit.reception"]._fields["state"]._description_selection(env)
        )
        self.assertEqual(states["requested"], "已预约")
        reception_fields = env["visit.reception"].fields_get(
            ["team_id", "support_team_ids", "user_id"], ["string"]
        )
        self.assertEqual(reception_fields["team_id"]["string"], "牵头部门")
        self.assertEqual(reception_fields["support_team_ids"]["string"], "配合部门")
        self.assertEqual(reception_fields["user_id"]["string"], "接待负责人")
        # the visitor register (来访客户信息登记表)
        self.assertEqual(model_name("visit.reception.visitor").name, "来访客户信息登记")
        visitor_fields = env["visit.reception.visitor"].fields_get(
            ["function", "business_scope"], ["string"]
        )
        self.assertEqual(visitor_fields["function"]["string"], "职务")
        self.assertEqual(visitor_fields["business_scope"]["string"], "经营范围")
        # the visitors' feedback
        satisfaction = dict(
            env["visit.reception"]._fields["satisfaction"]._description_selection(env)
        )
        self.assertEqual(satisfaction["5"], "非常满意")
        self.assertEqual(env._("This visit is already rated."), "本次来访已评价。")

        # new-customer applications (新客户开发申请表)
        self.assertEqual(
            model_name("visit.new.customer.application").name, "新客户开发申请"
        )
        application_states = dict(
            env["visit.new.customer.application"]
            ._fields["state"]
            ._description_selection(env)
        )
        self.assertEqual(application_states["refused"], "不予认定")

        # the monthly assessment (考核)
        self.assertEqual(model_name("visit.assessment").name, "月度拜访考核")

        # the Today route sheet (业务去向表) and its team view
        today = env.ref("visit_management.visit_today_action")
        self.assertEqual(today.name, "今日拜访")
        self.assertEqual(
            env.ref("visit_management.visit_today_rep_action").name, "团队今日拜访"
        )

        # the visit analysis
        self.assertEqual(model_name("visit.report.analysis").name, "拜访分析")

        # the reminders: the scheduled action and its to-do type
        self.assertEqual(
            env.ref("visit_management.ir_cron_visit_reception_reminders").name,
            "拜访：来访接待提醒",
        )
        self.assertEqual(
            env.ref("visit_management.mail_activity_visit_reception_prep").name,
            "接待准备",
        )
