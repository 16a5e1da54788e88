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


# The bridges to Sales, Inventory and Repairs, and what each depends on.
BRIDGES = {
    "visit_management_sale": {"visit_management", "sale"},
    "visit_management_sale_stock": {"visit_management_sale", "sale_stock"},
    "visit_management_repair": {"visit_management", "repair"},
}


def test_sale_bridges_are_optional(env, addon):
    """Only the bridges depend on Sales, and each installs by itself with what
    it bridges."""
    name, _folder, manifest = addon
    if name in BRIDGES:
        assert manifest["auto_install"] is True
        assert set(manifest["depends"]) == BRIDGES[name]
    else:
        assert "sale" not in manifest["depends"]
        module = env["ir.module.module"].search([("name", "=", name)])
        assert "sale" not in module.upstream_dependencies(
            exclude_states=("uninstallable",)
        ).mapped("name")
