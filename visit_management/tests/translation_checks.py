# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks every addon runs on its translation files: the .pot is what Odoo's
own export makes of the code today, and the zh_CN and zh_TW .po translate all
of it."""

import io
import re
import unicodedata

import polib

from odoo.tools.misc import file_path
from odoo.tools.translate import trans_export

# The languages each addon ships (zh_TW is made from zh_CN: scripts/zh_tw.py).
LANGUAGES = ("zh_CN", "zh_TW")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s|<[^>]+>")
# the text of these attributes is translated inside a tag (an icon's title)
FIELD_NAME = re.compile(r'<field name="(\w+)"')
TRANSLATED_ATTRIBUTE = re.compile(r'\b(title|alt|aria-label|placeholder)="[^"]*"')


def placeholders(text):
    """The placeholders and the HTML tags of a term, the values of their
    translated attributes left out."""
    return sorted(
        TRANSLATED_ATTRIBUTE.sub(r'\1=""', found) for found in PLACEHOLDER.findall(text)
    )


def is_chinese(text):
    return any(unicodedata.name(char, "").startswith("CJK") for char in text)


def pot_terms(pot):
    """What a template says, its header (creation dates) left out."""
    return {
        (entry.msgctxt, entry.msgid): (sorted(entry.occurrences), entry.comment)
        for entry in pot
    }


class TranslationFileChecks:
    """Mixed into an addon's translation test case; `_module` names the addon."""

    _module = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        i18n = f"{cls._module}/i18n/"
        cls.pos = {
            lang: polib.pofile(file_path(f"{i18n}{lang}.po")) for lang in LANGUAGES
        }
        cls.po = cls.pos["zh_CN"]
        cls.pot = polib.pofile(file_path(i18n + f"{cls._module}.pot"))

    def _load_zh_cn(self, domain=None):
        """The addon's Chinese (or that of the modules of `domain`) loaded into
        the database; an env speaking it."""
        self.env["res.lang"]._activate_lang("zh_CN")
        modules = self.env["ir.module.module"].search(
            domain or [("name", "=", self._module)]
        )
        modules._update_translations(["zh_CN"], overwrite=True)
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        return self.env(context=dict(self.env.context, lang="zh_CN"))

    def _assert_menus_open_in_chinese(self):
        """Once Chinese is loaded the way Settings loads a language (every
        installed module's translations), every menu of the addon reads in
        Chinese and the views of its action load in Chinese."""
        env = self._load_zh_cn([("state", "=", "installed")])
        menus = env["ir.ui.menu"].search([])
        xmlids = menus.get_external_id()
        own = menus.filtered(
            lambda menu: xmlids[menu.id].startswith(self._module + ".")
        )
        self.assertTrue(own)
        for menu in own:
            with self.subTest(menu=xmlids[menu.id]):
                self.assertTrue(is_chinese(menu.name), menu.name)
                action = menu.action
                if not action or action._name != "ir.actions.act_window":
                    continue
                self.assertTrue(is_chinese(action.name), action.name)
                model = action.res_model
                modes = action.view_mode.split(",")
                views = env[model].get_views([(False, mode) for mode in modes])
                labels = views["models"][model]["fields"]
                for mode in modes:
                    arch = views["views"][mode]["arch"]
                    shown = [
                        labels[name]["string"]
                        for name in FIELD_NAME.findall(arch)
                        if name in labels
                    ]
                    self.assertTrue(
                        is_chinese(arch) or any(map(is_chinese, shown)),
                        f"the {mode} view of {model} has no Chinese",
                    )

    def test_pot_is_up_to_date(self):
        """The committed .pot is what `odoo-bin i18n export` makes of the code."""
        buffer = io.BytesIO()
        trans_export(None, [self._module], buffer, "po", self.env)
        exported = pot_terms(polib.pofile(buffer.getvalue().decode()))
        committed = pot_terms(self.pot)
        stale = f"{self._module}.pot is out of date: run odoo-bin i18n export"
        self.assertEqual(
            sorted(msgid for _ctx, msgid in exported.keys() - committed.keys()),
            [],
            stale + " (terms missing from it)",
        )
        self.assertEqual(
            sorted(msgid for _ctx, msgid in committed.keys() - exported.keys()),
            [],
            stale + " (terms no longer in the code)",
        )
        for key, where in exported.items():
            with self.subTest(msgid=key[1]):
                self.assertEqual(committed[key], where, stale)

    def test_po_files_are_complete(self):
        self.assertTrue(self.pot)
        for lang, po in self.pos.items():
            self.assertEqual(po.metadata.get("Language"), lang)
            self.assertIn("charset=UTF-8", po.metadata.get("Content-Type", ""))
            self.assertTrue(
                po.metadata.get("Plural-Forms", "").startswith("nplurals=1")
            )
            for entry in po:
                with self.subTest(lang=lang, msgid=entry.msgid):
                    self.assertTrue(entry.msgstr.strip(), "untranslated")
                    self.assertNotIn("fuzzy", entry.flags)
                    self.assertFalse(entry.obsolete)
                    # placeholders and HTML tags survive translation (only a
                    # title changes)
                    self.assertEqual(
                        placeholders(entry.msgid), placeholders(entry.msgstr)
                    )
            self.assertEqual(
                pot_terms(po), pot_terms(self.pot), f"{lang}.po does not match the .pot"
            )
