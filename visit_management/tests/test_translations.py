# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

import polib

from odoo.tests import TransactionCase
from odoo.tools.misc import file_path

PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|<[^>]+>")


class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(file_path("visit_management/i18n/zh_CN.po"))
        cls.pot = polib.pofile(file_path("visit_management/i18n/visit_management.pot"))

    def test_po_file_is_complete(self):
        self.assertEqual(self.po.metadata.get("Language"), "zh_CN")
        self.assertIn("charset=UTF-8", self.po.metadata.get("Content-Type", ""))
        self.assertTrue(
            self.po.metadata.get("Plural-Forms", "").startswith("nplurals=1")
        )
        for entry in self.po:
            with self.subTest(msgid=entry.msgid):
                self.assertTrue(entry.msgstr.strip(), "untranslated")
                self.assertNotIn("fuzzy", entry.flags)
                self.assertFalse(entry.obsolete)
                # placeholders and HTML tags survive translation unchanged
                self.assertEqual(
                    sorted(PLACEHOLDER.findall(entry.msgid)),
                    sorted(PLACEHOLDER.findall(entry.msgstr)),
                )
        po_entries = {entry.msgid: entry for entry in self.po}
        for entry in self.pot:
            with self.subTest(msgid=entry.msgid):
                self.assertIn(entry.msgid, po_entries)
                self.assertEqual(
                    po_entries[entry.msgid].occurrences,
                    entry.occurrences,
                    "the .po does not match the .pot: regenerate it",
                )

    def test_chinese_labels_in_database(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        module = self.env["ir.module.module"].search(
            [("name", "=", "visit_management")]
        )
        module._update_translations(["zh_CN"], overwrite=True)
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.env.registry.clear_cache()
        self.env.invalidate_all()

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
