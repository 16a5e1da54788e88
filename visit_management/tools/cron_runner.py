# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one way scheduled actions go through their records: by batches in id
order, each batch locked and committed with the run's progress."""

from collections import defaultdict

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
    first_size = min(batch_size, limit or batch_size)
    batch = _lock_next(records, domain, first_size)
    # counted only when there is more than a batch: a day's work is most
    # often one batch, and the count is a second scan of the same rows
    remaining = (
        records.search_count(domain, limit=limit)
        if len(batch) == first_size
        else len(batch)
    )
    while batch:
        process(batch)
        remaining = max(remaining - len(batch), 0)
        time_left = model.env["ir.cron"]._commit_progress(
            len(batch), remaining=remaining
        )
        if not remaining:
            break
        if not time_left:
            return False
        batch = _lock_next(
            records,
            domain & Domain("id", ">", batch[-1].id),
            min(batch_size, remaining),
        )
    return True


def _lock_next(records, domain, size):
    """The first `size` records of the domain in id order that no other
    transaction holds, locked in the query that finds them."""
    query = records._search(domain, order="id", limit=size)
    rows = records.env.execute_query(
        SQL(
            "%s FOR NO KEY UPDATE OF %s SKIP LOCKED",
            query.select(),
            SQL.identifier(records._table),
        )
    )
    return records.browse(record_id for (record_id,) in rows)


def set_flags(records, *flags):
    """Sets the scheduled action's bookkeeping flags (a reminder sent, a list
    posted) on the records (write_each)."""
    write_each(records, dict.fromkeys(records.ids, dict.fromkeys(flags, True)))


def write_each(model, values_by_id):
    """Writes each record's own values ({id: {field: value}}) of a scheduled
    action's bookkeeping columns, no tracked field among them: one UPDATE per
    set of fields, with the write date and author, the cache of those fields
    emptied and their dependents told, as the ORM's write does. The ORM writes
    a recordset with a list of values per row, in chunks (each firing the
    table's statement triggers: Visits by Month's), and Odoo's res.partner
    goes through each customer's contacts (the geocoding's positions)."""
    rows_by_fields = defaultdict(dict)
    for record_id, values in values_by_id.items():
        rows_by_fields[tuple(sorted(values))][record_id] = values
    env = model.env
    for names, rows in rows_by_fields.items():
        records = model.browse(rows)
        records.flush_recordset()
        fields_ = [model._fields[name] for name in names]
        env.cr.execute(
            SQL(
                "UPDATE %s AS t SET %s, write_uid = %s, write_date = %s "
                "FROM unnest(%s::int[], %s) AS v(id, %s) WHERE t.id = v.id",
                SQL.identifier(model._table),
                SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in names
                ),
                env.uid,
                env.cr.now(),
                list(rows),
                SQL(", ").join(
                    SQL(
                        f"%s::{field.column_type[1]}[]",
                        [
                            field.convert_to_column_insert(
                                values[field.name], model, values
                            )
                            for values in rows.values()
                        ],
                    )
                    for field in fields_
                ),
                SQL(", ").join(map(SQL.identifier, names)),
            )
        )
        records.invalidate_recordset([*names, "write_uid", "write_date"], flush=False)
        records.modified(names)
