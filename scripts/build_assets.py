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
    "bus.websocket_worker_assets",
    "web.assets_frontend",
    "web.chartjs_lib",
    "web.assets_emoji",
    "web.fullcalendar_lib",
    "visit_management.leaflet_lib",
)
# The PDF reports' bundles, whose CSS wkhtmltopdf reads with vendor prefixes.
REPORT_BUNDLES = ("web.report_assets_common", "web.report_assets_pdf")

started = time.monotonic()
bundles = [(name, False) for name in BUNDLES + REPORT_BUNDLES]
bundles += [(name, True) for name in REPORT_BUNDLES]
for name, autoprefix in bundles:
    bundle = env["ir.qweb"]._get_asset_bundle(name, autoprefix=autoprefix)  # noqa: F821 (odoo shell)
    if bundle.javascripts:
        bundle.js()
    if bundle.stylesheets:
        bundle.css()
env.cr.commit()  # noqa: F821
print(f"{len(bundles)} asset bundles built in {time.monotonic() - started:.0f} s")
