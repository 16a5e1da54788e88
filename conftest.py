# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Suite-wide rule: a skipped test is a failed run (browser tests must never be
skipped silently, e.g. for a missing --odoo-http, browser or websocket-client)."""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"FAILED: {len(skipped)} test(s) were skipped; the suite allows none.",
            red=True,
        )
        session.exitstatus = 1
