# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Our addons are installed in the test database, at the manifest's version."""


def test_addon_installed_at_manifest_version(env, addon):
    name, _folder, manifest = addon
    module = env["ir.module.module"].search([("name", "=", name)])
    assert module, f"{name} is not known to the database"
    assert module.state == "installed"
    assert module.latest_version == manifest["version"]


def test_property_addon_depends_on_core(env):
    module = env["ir.module.module"].search(
        [("name", "=", "visit_management_property")]
    )
    assert "visit_management" in module.dependencies_id.mapped("name")


def test_sale_bridge_is_optional(env, addon):
    """Only the bridge depends on Sales, and it installs by itself with it."""
    name, _folder, manifest = addon
    if name == "visit_management_sale":
        assert manifest["auto_install"] is True
        assert set(manifest["depends"]) == {"visit_management", "sale"}
    else:
        assert "sale" not in manifest["depends"]
        module = env["ir.module.module"].search([("name", "=", name)])
        assert "sale" not in module.upstream_dependencies(
            exclude_states=("uninstallable",)
        ).mapped("name")
