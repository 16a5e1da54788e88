# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The zh_TW translations are the zh_CN ones in Traditional characters, as
scripts/zh_tw.py makes them: run `make i18n` after changing a zh_CN term."""

import importlib.util
from pathlib import Path

import polib

REPO_ROOT = Path(__file__).resolve().parent.parent

spec = importlib.util.spec_from_file_location("zh_tw", REPO_ROOT / "scripts/zh_tw.py")
zh_tw = importlib.util.module_from_spec(spec)
spec.loader.exec_module(zh_tw)


def _terms(po):
    return {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po}


def test_zh_tw_is_the_converted_zh_cn(addon):
    _name, folder, _manifest = addon
    made = zh_tw.traditional_po(folder / "i18n" / "zh_CN.po")
    committed = polib.pofile(str(folder / "i18n" / "zh_TW.po"))
    assert committed.metadata["Language"] == "zh_TW"
    assert _terms(committed) == _terms(made)


def test_the_regulations_vocabulary():
    """The words of the Traditional Chinese regulations (物業公司客戶服務管理辦法,
    來訪客戶管理辦法), not Taiwan's substitutes."""
    assert zh_tw.CONVERTER.convert("客户拜访、住户回访、来访客户信息") == (
        "客戶拜訪、住戶回訪、來訪客戶信息"
    )
