# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Traditional Chinese (zh_TW) translation of an addon, made from its
Simplified Chinese one: OpenCC's character conversion to Taiwan's standard
forms (s2tw), which keeps the words of the Traditional Chinese regulations
(客戶, 拜訪, 住戶, 回訪, 信息); it never swaps words for Taiwan's usage.

    python scripts/zh_tw.py <addon folder>...   writes <addon>/i18n/zh_TW.po
"""

import sys
from pathlib import Path

import opencc
import polib

CONVERTER = opencc.OpenCC("s2tw")


def traditional_po(zh_cn_path):
    """The zh_TW catalogue of a zh_CN one: same terms, converted msgstr."""
    po = polib.pofile(str(zh_cn_path))
    po.metadata["Language"] = "zh_TW"
    for entry in po:
        entry.msgstr = CONVERTER.convert(entry.msgstr)
    return po


def main(addons):
    for addon in addons:
        i18n = Path(addon) / "i18n"
        po = traditional_po(i18n / "zh_CN.po")
        po.save(str(i18n / "zh_TW.po"))
        print(f"{i18n / 'zh_TW.po'}: {len(po)} terms")


if __name__ == "__main__":
    main(sys.argv[1:])
