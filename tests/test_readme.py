# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each addon is presented as the Odoo app store and OCA expect: a name the
store shows whole, an icon, readme fragments, and the README.rst and
description page that oca-gen-addon-readme makes of them (`make readme`)."""

import shutil
import subprocess
import sys
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


def test_readme_and_description_page_are_current(addon, tmp_path):
    name, folder, _manifest = addon
    copy = tmp_path / name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("tests", "i18n"))
    subprocess.run(
        [
            Path(sys.executable).with_name("oca-gen-addon-readme"),
            "--org-name=visit-management",
            "--repo-name=odoo-visit-management",
            "--branch=19.0",
            f"--addon-dir={copy}",
            "--no-commit",
            "--gen-html",
        ],
        check=True,
    )
    for generated in ("README.rst", "static/description/index.html"):
        assert (copy / generated).read_text() == (folder / generated).read_text(), (
            f"{name}/{generated} is stale: run make readme"
        )


def test_license_file():
    root = Path(__file__).resolve().parent.parent
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (root / "LICENSE").read_text()
