# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one way scheduled actions go through their records: by batches in id
order, each batch locked and committed with the run's progress."""

from odoo.fields import Domain
from odoo.tools import SQL

# Records one transaction of a reminder takes: each gets an activity or a line
# in a list, a few queries a batch whatever its size.
REMINDER_BATCH = 1000


def run_in_batches(model, domain, process, batch_size, limit=None):
    """Runs process(records) over the records of `model` matching `domain`
    (as superuser), by batches of `batch_size` in id order, each committed with
    the scheduled action's progress (`ir.cron._commit_progress`). Records
    another transaction holds (another worker, a user running the same rule)
    are left to it.

    The domain names the work still to do: a record the process has done drops
    out of it. So when the run's time is up it stops after its batch, and the
    next run, which Odoo's cron loop starts at once while work remains, goes on
    where it stopped. At most `limit` records are taken in one run. Returns
    whether the run got through every record."""
    records = model.sudo()
    domain = Domain(domain)
    remaining = records.search_count(domain, limit=limit)
    last_id = 0
    while remaining:
        batch = records.search(
            domain & Domain("id", ">", last_id),
            order="id",
            limit=min(batch_size, remaining),
        )
        if not batch:
            break
        last_id = batch[-1].id
        locked = batch.try_lock_for_update(allow_referencing=True)
        if locked:
            process(locked)
        remaining = max(remaining - len(batch), 0)
        time_left = model.env["ir.cron"]._commit_progress(
            len(batch), remaining=remaining
        )
        if remaining and not time_left:
            return False
    return True


def set_flags(records, *flags):
    """Sets the scheduled action's bookkeeping flags (a reminder sent, a list
    posted) on the records, in one UPDATE. No tracked field depends on them;
    the ORM would write them with a list of values per row, in chunks, each
    chunk firing the table's statement triggers (Visits by Month's): half of
    the late reminders' run at a million reports."""
    if not records:
        return
    records.flush_recordset()
    env = records.env
    env.cr.execute(
        SQL(
            "UPDATE %s SET %s, write_uid = %s, write_date = %s WHERE id = ANY(%s)",
            SQL.identifier(records._table),
            SQL(", ").join(SQL("%s = TRUE", SQL.identifier(flag)) for flag in flags),
            env.uid,
            env.cr.now(),
            records.ids,
        )
    )
    records.invalidate_recordset([*flags, "write_uid", "write_date"], flush=False)
    records.modified(flags)
