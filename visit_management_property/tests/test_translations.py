# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError

from odoo.addons.visit_management.tests.translation_checks import (
    TranslationFileChecks,
)

from .common import PropertyCommon


class TestTranslations(TranslationFileChecks, PropertyCommon):
    _module = "visit_management_property"

    def test_main_views_open_in_chinese(self):
        self._assert_menus_open_in_chinese()

    def test_chinese_labels_in_database(self):
        env = self._load_zh_cn()

        self.assertEqual(env["ir.model"]._get("property.estate").name, "小区")
        self.assertEqual(env["ir.model"]._get("property.repair.request").name, "请修单")

        states = dict(
            env["property.resident.callback"]
            ._fields["state"]
            ._description_selection(env)
        )
        self.assertEqual(states["todo"], "待办")
        self.assertEqual(states["unreachable"], "联系不上")
        types = dict(
            env["property.resident.callback"]
            ._fields["callback_type"]
            ._description_selection(env)
        )
        self.assertEqual(types["move_in"], "入伙拜访")
        self.assertEqual(types["repair"], "请修回访")

        estate_fields = env["property.estate"].fields_get(["manager_id"], ["string"])
        self.assertEqual(estate_fields["manager_id"]["string"], "管理处主任")
        leak = env.ref("visit_management_property.repair_category_leak")
        self.assertEqual(leak.name, "渗漏水")

        form = env["property.estate"].get_views([(False, "form")])
        self.assertIn("管理处", form["views"]["form"]["arch"])
        form = env["property.resident.callback"].get_views([(False, "form")])
        self.assertIn("住户反馈", form["views"]["form"]["arch"])

        # messages of the Python code come from the .po file as well
        self.assertEqual(env._("Callback done."), "回访已完成。")

    def test_chinese_messages_from_the_code(self):
        env = self._load_zh_cn()
        callback = self._create_callback(due_date=date(2026, 11, 15)).with_env(env)
        # the name computed in English at creation is cached for the transaction
        callback.invalidate_recordset(["display_name"])
        self.assertEqual(
            callback.display_name,
            "日常回访：Zhang Wei（2026-11-15）",
        )
        complaint = self._create_complaint().with_env(env)
        with self.assertRaisesRegex(UserError, "须处理完毕后才能关闭"):
            complaint.action_close()
