# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo and its database read the same clock: the one of the day the suite runs,
or the one `make test AT=...` shifts the whole stack to (scripts/shifted_clock.sh)."""

import os
from datetime import UTC, datetime, timedelta


def test_odoo_and_postgresql_read_the_same_clock(env):
    env.cr.execute("SELECT clock_timestamp() AT TIME ZONE 'UTC'")
    database_now = env.cr.fetchone()[0]
    python_now = datetime.now(UTC).replace(tzinfo=None)
    assert abs(python_now - database_now) < timedelta(minutes=1)
    # under the shifted clock, the run started at the moment asked (the clock
    # keeps running, and the whole suite takes well under three hours)
    asked = os.environ.get("VISIT_SHIFTED_CLOCK")
    if asked:
        start = datetime.fromisoformat(asked)
        assert start <= database_now < start + timedelta(hours=3)
