# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addons build as pip wheels (whool) that carry the addon's files."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _build_wheel(folder, out_dir):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
        + ["--no-build-isolation", "--wheel-dir", str(out_dir), str(folder)],
        check=True,
    )
    (wheel,) = out_dir.glob("*.whl")
    return wheel


def test_wheel_carries_addon_files(addon, tmp_path):
    name, folder, manifest = addon
    wheel = _build_wheel(folder, tmp_path)
    assert wheel.name.startswith(f"odoo_addon_{name}-{manifest['version']}")
    with zipfile.ZipFile(wheel) as archive:
        files = set(archive.namelist())
        metadata = next(f for f in files if f.endswith(".dist-info/METADATA"))
        requires = archive.read(metadata).decode()
    prefix = f"odoo/addons/{name}/"
    tracked = subprocess.run(
        ["git", "ls-files", name],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    expected = {prefix + path[len(name) + 1 :] for path in tracked}
    expected.discard(prefix + "pyproject.toml")
    assert expected, "the addon has tracked files"
    assert expected <= files, f"missing from the wheel: {expected - files}"
    assert "Requires-Dist: odoo==19.0.*" in requires
    for dependency in manifest["depends"]:
        if dependency.startswith("visit_management"):
            assert f"Requires-Dist: odoo-addon-{dependency}==19.0.*" in requires


def test_metapackage_depends_on_every_addon():
    project = tomllib.loads(
        (REPO_ROOT / "setup" / "_metapackage" / "pyproject.toml").read_text()
    )["project"]
    assert sorted(project["dependencies"]) == [
        "odoo-addon-visit_management==19.0.*",
        "odoo-addon-visit_management_dashboard==19.0.*",
        "odoo-addon-visit_management_property==19.0.*",
        "odoo-addon-visit_management_repair==19.0.*",
        "odoo-addon-visit_management_sale==19.0.*",
        "odoo-addon-visit_management_sale_stock==19.0.*",
    ]
