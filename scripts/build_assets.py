# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builds the asset bundles the browser tours and the PDF tests load, once, in
the test database (scripts/test.sh runs it through `odoo shell` after the
install). Each test class rolls its transaction back, and with it the bundles
its first page built: built and committed here, every class reuses them. On a
slow machine, building web.assets_web took longer than the 20 s a concurrent
request waits for the test cursor (HttpCase.test_cursor_lock_timeout), and
that request failed."""

import time

BUNDLES = (
    "web.assets_web",
    "web.assets_web_print",
    "web.assets_backend_lazy",
    "web.assets_tests",
    "web.assets_frontend",
    "web.chartjs_lib",
    "web.report_assets_common",
    "web.report_assets_pdf",
    "visit_management.leaflet_lib",
)

started = time.monotonic()
for name in BUNDLES:
    bundle = env["ir.qweb"]._get_asset_bundle(name, css=True, js=True)  # noqa: F821 (odoo shell)
    if bundle.javascripts:
        bundle.js()
    if bundle.stylesheets:
        bundle.css()
env.cr.commit()  # noqa: F821
print(f"{len(BUNDLES)} asset bundles built in {time.monotonic() - started:.0f} s")
