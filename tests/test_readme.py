# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each addon is presented as the Odoo app store and OCA expect: a name the
store shows whole, an icon and readme fragments (pre-commit's
oca-gen-addon-readme keeps README.rst and the description page current)."""

from pathlib import Path

from PIL import Image

FRAGMENTS = ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md", "CONTRIBUTORS.md")
# the app store cuts longer names
NAME_LIMIT = 25


def test_name_icon_and_fragments(addon):
    _name, folder, manifest = addon
    assert len(manifest["name"]) <= NAME_LIMIT, manifest["name"]
    with Image.open(folder / "static" / "description" / "icon.png") as icon:
        assert icon.size == (128, 128)
    for fragment in FRAGMENTS:
        assert (folder / "readme" / fragment).read_text().strip(), fragment


def test_license_file():
    root = Path(__file__).resolve().parent.parent
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (root / "LICENSE").read_text()
