# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The benchmark of `make bench` (not a test: pytest does not collect it).

    bench.py generate -c var/odoo.conf -d DB --size large   # fills a fresh database
    bench.py measure  -c var/odoo.conf -d DB --size large --out var/bench/large.json
    bench.py summary var/bench/small.json var/bench/large.json

`measure` times, in Odoo's environment on the generated database:
the due/overdue cron over all customers, against the hand-written SQL floor and
the naive per-record ORM loop (on a sample, scaled up); the monthly assessment of
all reps; the rep x month pivot over the visit reports, over the SQL-view
analysis model and over the monthly counts (Visits by Month), and the pivot
view's call with its headers' totals (grouping sets) over the reports and the
monthly counts; and the first page of the customer list sorted by next visit date,
as a visit manager. Each operation is a row: rows, seconds, SQL queries, its time
over the SQL floor's, and how many times faster than the naive loop it is.
`summary` prints the tables side by side and checks the targets."""

import argparse
import json
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

import odoo
from odoo import fields
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

sys.path.insert(0, str(Path(__file__).resolve().parent))
import crons  # the sibling modules, once their folder is on the path
import generate
import generate_property

DONE_STATES = ("submitted", "approved")
NAIVE_SAMPLE = 5000
# Interactive operations run once to warm Odoo's caches, then this many times.
INTERACTIVE_RUNS = 3
# Targets of issue 4.
FLOOR_MAX_RATIO = 3.0
NAIVE_MIN_SPEEDUP = 20.0
INTERACTIVE_MAX_SECONDS = 1.0

CRON = "due/overdue cron, all customers"
CRON_AGAIN = "same cron the next day, no date changed"
FLOOR = "SQL floor: one SELECT, no writes"
FLOOR_STORE = "SQL floor: one UPDATE storing the dates, committed"
NAIVE = "naive ORM loop, sample scaled up"
ASSESSMENT = "monthly assessment, all reps"
PIVOT = "pivot rep x month, visit.report"
PIVOT_VIEW = "pivot rep x month, SQL view"
PIVOT_MONTHLY = "pivot rep x month, visits by month"
PIVOT_SETS = "pivot view's call, visit.report"
PIVOT_MONTHLY_SETS = "pivot view's call, visits by month"
LIST = "customer list by next visit, page 1"
TODAY_APP = "Today: a rep's day in the Visits app"
TODAY_LIST = "Today: the route sheet of a team leader"
TODAY_MAP = "map: a team leader's day"
CUSTOMER_MAP = "map: a rep's customers"
INTERACTIVE = (
    PIVOT,
    PIVOT_VIEW,
    PIVOT_MONTHLY,
    PIVOT_SETS,
    PIVOT_MONTHLY_SETS,
    LIST,
    TODAY_APP,
    TODAY_LIST,
    TODAY_MAP,
    CUSTOMER_MAP,
)
# What issue 23 asks of the reads a whole sales force makes every morning: the
# monthly pivots read the maintained counts; the pivots over every report are
# measured beside them, under INTERACTIVE_MAX_SECONDS.
FAST_READS = (
    PIVOT_MONTHLY,
    PIVOT_MONTHLY_SETS,
    TODAY_APP,
    TODAY_LIST,
    TODAY_MAP,
    CUSTOMER_MAP,
)
FAST_READ_MAX_SECONDS = 0.3
# How much more a scheduled action's largest batch may query at the large size.
BATCH_QUERIES_SLACK = 0.1
# Operations of the product whose query count must not grow with the data (the
# cron's grows with its number of batches only: see the README).
PRODUCT = (ASSESSMENT, *INTERACTIVE)
DUE_DATES_ROWS = (CRON, CRON_AGAIN, FLOOR, FLOOR_STORE, NAIVE)

LIST_SPEC = {
    "display_name": {},
    "visit_tier": {},
    "user_id": {"fields": {"display_name": {}}},
    "last_visit_date": {},
    "next_visit_date": {},
    "visit_overdue": {},
    "visit_key_contact_warning": {},
}


def log(message):
    print(message, flush=True)


def open_registry(conf, db):
    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"], setup_logging=True)
    return Registry(db)


def superuser_env(cr):
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def user_env(env, user):
    """An environment as that user, with the user's language and timezone."""
    user_env = env(user=user.id, su=False)
    return user_env(context=user_env["res.users"].context_get())


# ----------------------------------------------------------------------
# Checking the generated data against the ORM
# ----------------------------------------------------------------------
# The samples checked: (model, SQL condition picking them). Each compares every
# stored computed field of its model (related fields included).
CHECKED = [
    ("visit.report", "TRUE"),
    ("res.partner", "visit_tier IS NOT NULL"),  # the customers
    ("res.partner", "parent_id IS NOT NULL AND create_uid = 1"),  # their contacts
    ("visit.plan", "TRUE"),
    ("visit.plan.line", "TRUE"),
    ("visit.reception", "TRUE"),
    ("mail.activity", "res_model = 'visit.reception'"),  # preparation items
    # the property data (generate_property.py)
    ("property.building", "TRUE"),
    ("property.unit", "TRUE"),
    ("res.partner", "resident_unit_id IS NOT NULL"),  # the residents
    ("property.complaint", "TRUE"),
    ("property.repair.request", "TRUE"),
    ("property.resident.callback", "TRUE"),
]
# A plan's completion reads all its lines (1,200 a month at the large size).
SAMPLE_CAP = {"visit.plan": 50}


def same(value, other):
    if isinstance(value, float) and isinstance(other, float):
        return abs(value - other) <= 1e-6 * max(abs(value), abs(other), 1.0)
    return value == other


def stored_computed(Model):
    """The names of the model's stored computed fields: the generator fills them
    as the ORM computes them."""
    return sorted(
        name for name, field in Model._fields.items() if field.store and field.compute
    )


def check_data(env, sample_size):
    """{(model, field): differing records} over a sample of each model: the stored
    values the generator wrote against those the ORM recomputes."""
    cr = env.cr
    differences = {}
    for model, condition in CHECKED:
        Model = env[model]
        names = stored_computed(Model)
        cr.execute(
            SQL(
                "SELECT id FROM %s WHERE %s ORDER BY id",
                SQL.identifier(Model._table),
                SQL(condition),
            )
        )
        ids = [record_id for (record_id,) in cr.fetchall()]
        size = min(sample_size, SAMPLE_CAP.get(model, sample_size))
        records = Model.browse(ids[:: max(len(ids) // size, 1)][:size])
        start = time.perf_counter()
        stored = {record.id: [record[name] for name in names] for record in records}
        env.invalidate_all()
        for name in names:
            env.add_to_compute(Model._fields[name], records)
        env.flush_all()
        env.invalidate_all()
        for record in records:
            for name, value in zip(names, stored[record.id], strict=True):
                if not same(record[name], value):
                    differences.setdefault((model, name), []).append(record.id)
        cr.rollback()
        log(
            f"  {model} ({condition}): {len(records)} records checked in "
            f"{time.perf_counter() - start:.1f} s, {len(names)} fields: "
            f"{', '.join(names)}"
        )
    return differences


# Visits by Month's groups that differ from a fresh count of every report: the
# counts its trigger added up while the generator wrote the reports.
MONTHLY_DIFFERENCES = """
WITH fresh AS (
    SELECT date_trunc('month', visit_date)::date, company_id, user_id, team_id,
           manager_id, state, visit_mode, visit_tier, count(*),
           count(*) FILTER (WHERE in_place), count(*) FILTER (WHERE is_valid),
           count(*) FILTER (WHERE submitted_late),
           round(coalesce(sum(duration), 0)::numeric, 4)
      FROM visit_report
     WHERE active AND visit_date IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
), kept AS (
    SELECT month, company_id, user_id, team_id, manager_id, state, visit_mode,
           visit_tier, nbr, nbr_in_place, nbr_valid, nbr_late,
           round(duration::numeric, 4)
      FROM visit_report_monthly
)
SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) d)
     + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) d),
       (SELECT count(*) FROM kept)
"""


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
def run_counted(env, func):
    """(result, seconds, queries) of one call, on cold record caches."""
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def run_interactive(env, func):
    """Like a user's request on a running server: Odoo's and PostgreSQL's caches
    warm (one call first), the record cache cold; the median of INTERACTIVE_RUNS
    calls, each rolled back."""
    func()
    env.cr.rollback()
    runs = []
    for _i in range(INTERACTIVE_RUNS):
        runs.append(run_counted(env, func))
        env.cr.rollback()
    result, _seconds, queries = runs[-1]
    return result, statistics.median(run[1] for run in runs), queries


def floor_dates(cr, query):
    """{partner id: (last on-site, last phone, last visit, next due)} by the
    hand-written floor."""
    cr.execute(query)
    return {row[0]: tuple(row[1:]) for row in cr.fetchall()}


def stored_mismatches(env, partner_ids=None):
    """Customers whose stored visit dates differ from the floor's."""
    where = SQL("AND p.id = ANY(%s)", list(partner_ids)) if partner_ids else SQL()
    env.cr.execute(
        SQL(
            """
            SELECT count(*)
              FROM res_partner p
              JOIN (%s) f ON f.id = p.id
             WHERE (p.last_onsite_visit_date IS DISTINCT FROM f.onsite
                    OR p.last_phone_visit_date IS DISTINCT FROM f.phone
                    OR p.last_visit_date IS DISTINCT FROM f.last
                    OR p.next_visit_date IS DISTINCT FROM f.next)
                   %s
            """,
            generate.floor_query(env),
            where,
        )
    )
    return env.cr.fetchone()[0]


def naive_due_dates(env, partners):
    """The per-record ORM loop the cron must beat: for each customer, its last
    visits done by mode with two searches, the tier rules applied in Python, one
    write."""
    Report = env["visit.report"]
    rules = env["visit.frequency.rule"].search(
        [("active", "=", True), ("kind", "=", "tier")]
    )
    main_company = env.ref("base.main_company")
    for partner in partners:
        last = {}
        for mode in ("onsite", "phone"):
            last[mode] = Report.search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "in", DONE_STATES),
                    ("visit_mode", "=", mode),
                ],
                order="visit_date desc",
                limit=1,
            ).visit_date
        company = partner.company_id or partner.user_id.company_id or main_company
        due = []
        for rule in rules:
            if rule.tier != partner.visit_tier or rule.company_id not in (
                company,
                env["res.company"],
            ):
                continue
            done = last["onsite"]
            if rule.visit_mode == "phone":
                done = max(filter(None, [last["phone"], last["onsite"]]), default=False)
            due.append(
                done + relativedelta(months=rule.interval_months)
                if done
                else partner.create_date.date()
            )
        partner.write(
            {
                "last_onsite_visit_date": last["onsite"],
                "last_phone_visit_date": last["phone"],
                "last_visit_date": max(filter(None, last.values()), default=False),
                "next_visit_date": min(due, default=False),
            }
        )
    env.flush_all()


def reset_visit_dates(env):
    """Back to customers whose visit dates were never computed and nobody was told
    about: the cron must write every date and notify every rep, at each run."""
    cr = env.cr
    cr.execute(
        """
        UPDATE res_partner
           SET last_onsite_visit_date = NULL, last_phone_visit_date = NULL,
               last_visit_date = NULL, next_visit_date = NULL,
               visit_dates_refresh_date = NULL
         WHERE visit_tier IS NOT NULL
        """
    )
    if "visit_overdue_notified_date" in env["res.partner"]._fields:
        cr.execute(
            """
            UPDATE res_partner SET visit_overdue_notified_date = NULL
             WHERE visit_overdue_notified_date IS NOT NULL
            """
        )
        overdue = env.ref("visit_management.mail_activity_visit_overdue")
        env["mail.activity"].search(
            [("activity_type_id", "=", overdue.id), ("res_model", "=", False)]
        ).unlink()
    cr.commit()


def row(operation, rows, seconds, queries, note=""):
    return {
        "operation": operation,
        "rows": rows,
        "seconds": seconds,
        "queries": queries,
        "note": note,
    }


def missing(operation, what):
    return row(operation, None, None, None, f"not measured: {what} is missing")


def measure_due_dates(env, sample_size):
    """Rows for the floor, the naive loop and the cron; the mismatch counts."""
    cr = env.cr
    cr.execute("SELECT id FROM res_partner WHERE visit_tier IS NOT NULL ORDER BY id")
    tiered = [partner_id for (partner_id,) in cr.fetchall()]
    checks = {}
    rows = []

    query = generate.floor_query(env)
    floor, seconds, queries = run_interactive(env, lambda: floor_dates(cr, query))
    rows.append(row(FLOOR, len(floor), seconds, queries))
    # what the cron must do on its worst day, written by hand in one statement
    # and committed, as the cron commits
    reset_visit_dates(env)

    def store_committed():
        stored = generate.store_visit_dates(env)
        cr.commit()
        return stored

    stored, seconds, queries = run_counted(env, store_committed)
    rows.append(row(FLOOR_STORE, stored, seconds, queries))

    step = max(len(tiered) // sample_size, 1)
    sample = env["res.partner"].browse(tiered[::step][:sample_size])
    reset_visit_dates(env)
    _result, seconds, queries = run_counted(env, lambda: naive_due_dates(env, sample))
    checks["naive_mismatches"] = stored_mismatches(env, sample.ids)
    cr.rollback()
    scale = len(tiered) / len(sample)
    rows.append(
        row(
            NAIVE,
            len(tiered),
            seconds * scale,
            round(queries * scale),
            f"{len(sample)} customers in {seconds:.1f} s, {queries} queries, "
            f"x{scale:g}",
        )
    )

    Partner = env["res.partner"]
    if not hasattr(Partner, "_cron_visit_due_dates"):
        rows.append(missing(CRON, "res.partner._cron_visit_due_dates"))
        generate.store_visit_dates(env)  # the list below needs them
        cr.commit()
        return rows, checks
    reset_visit_dates(env)
    _result, seconds, queries = run_counted(env, Partner._cron_visit_due_dates)
    cr.commit()
    checks["cron_mismatches"] = stored_mismatches(env)
    # importable once the registry has loaded the addons
    from odoo.addons.visit_management.models.res_partner import (
        DUE_DATES_BATCH,
    )

    batches = -(-len(tiered) // DUE_DATES_BATCH)
    rows.append(row(CRON, len(tiered), seconds, queries, f"{batches} batch(es)"))
    # the daily steady state: dates already right, overdue customers already
    # told, refreshed the day before; it writes the day of the refresh only. It
    # runs INTERACTIVE_RUNS times and keeps the median.
    runs = []
    for _i in range(INTERACTIVE_RUNS):
        cr.execute(
            """
            UPDATE res_partner
               SET visit_dates_refresh_date = visit_dates_refresh_date - 1
             WHERE visit_tier IS NOT NULL
            """
        )
        cr.commit()
        runs.append(run_counted(env, Partner._cron_visit_due_dates))
        cr.commit()
    seconds, queries = statistics.median(run[1] for run in runs), runs[-1][2]
    rows.append(row(CRON_AGAIN, len(tiered), seconds, queries, "the ordinary day"))
    return rows, checks


def measure_assessment(env):
    if "visit.assessment" not in env:
        return missing(ASSESSMENT, "the model visit.assessment")
    Assessment = env["visit.assessment"]
    month = fields.Date.today().replace(day=1) - relativedelta(months=1)
    # each run creates the month's assessments, as the first run of the month does
    env.cr.execute(SQL("DELETE FROM visit_assessment WHERE month = %s", month))
    env.cr.commit()
    result, seconds, queries = run_counted(env, lambda: Assessment._assess_month(month))
    env.cr.commit()
    count = len(result) if isinstance(result, odoo.models.BaseModel) else None
    if count is None:
        count = Assessment.search_count([])
    return row(ASSESSMENT, count, seconds, queries, f"month {month:%Y-%m}")


def pivot_row(env, operation, model, date_field, admin, measure="__count", view=False):
    """The pivot's groups by rep and month; its rows are the reports counted by
    the measure. With `view`, the pivot view's call: the same groups with its
    headers' totals (by rep, by month, all), grouping sets in one call."""
    Model = user_env(env, admin)[model]
    groupby = ["user_id", f"{date_field}:month"]
    if view:
        sets = [[], groupby[1:], groupby[:1], groupby]  # in the view's order

        def call():
            return Model.formatted_read_grouping_sets([], sets, [measure])[-1]

    else:

        def call():
            return Model.formatted_read_group([], groupby, [measure])

    groups, seconds, queries = run_interactive(env, call)
    records = sum(group[measure] for group in groups)
    return row(operation, records, seconds, queries, f"{len(groups)} groups")


def measure_pivots(env, admin):
    rows = [pivot_row(env, PIVOT, "visit.report", "visit_date", admin)]
    rows.append(
        pivot_row(env, PIVOT_SETS, "visit.report", "visit_date", admin, view=True)
    )
    if "visit.report.analysis" not in env:
        rows.append(missing(PIVOT_VIEW, "the model visit.report.analysis"))
        return rows
    fields_ = env["visit.report.analysis"]._fields
    date_field = next(name for name in ("visit_date", "date") if name in fields_)
    rows.append(pivot_row(env, PIVOT_VIEW, "visit.report.analysis", date_field, admin))
    if "visit.report.monthly" not in env:
        rows.append(missing(PIVOT_MONTHLY, "the model visit.report.monthly"))
        rows.append(missing(PIVOT_MONTHLY_SETS, "the model visit.report.monthly"))
        return rows
    monthly = ("visit.report.monthly", "month", admin, "nbr:sum")
    rows.append(pivot_row(env, PIVOT_MONTHLY, *monthly))
    rows.append(pivot_row(env, PIVOT_MONTHLY_SETS, *monthly, view=True))
    return rows


def measure_list(env, manager):
    Partner = user_env(env, manager)["res.partner"]
    result, seconds, queries = run_interactive(
        env,
        lambda: Partner.web_search_read(
            [("visit_tier", "!=", False)],
            LIST_SPEC,
            limit=80,
            order="next_visit_date",
        ),
    )
    return row(
        LIST,
        result["length"],
        seconds,
        queries,
        f"{len(result['records'])} records shown, as {manager.login}",
    )


# The generated visits end yesterday, so Today's screens would read none: they
# are timed on a day like the last one, its planned visits copied to the reps'
# today at the same hours (then deleted).
TODAYS_VISITS = """
INSERT INTO visit_plan_line (
    plan_id, user_id, company_id, partner_id, contact_id, planned_datetime,
    duration, place, purpose, visit_mode, topics, is_done, has_report,
    create_date, write_date, create_uid, write_uid)
SELECT line.plan_id, line.user_id, line.company_id, line.partner_id,
       line.contact_id,
       line.planned_datetime + (%(today)s::date - last.day) * interval '1 day',
       line.duration, line.place, line.purpose, line.visit_mode, line.topics,
       FALSE, FALSE, line.create_date, line.write_date, line.create_uid, line.write_uid
  FROM visit_plan_line line,
       (SELECT max(planned_datetime)::date AS day FROM visit_plan_line
         WHERE planned_datetime < %(today)s) last
 WHERE line.planned_datetime >= last.day
   AND line.planned_datetime < last.day + 1
RETURNING id
"""


@contextmanager
def todays_visits(env, today):
    """The last day's planned visits copied to `today`, committed, then
    deleted (and the database vacuumed; the planned visits' statistics stay
    the generator's)."""
    cr = env.cr
    cr.execute(SQL(TODAYS_VISITS, today=today))
    ids = [line_id for (line_id,) in cr.fetchall()]
    cr.commit()
    try:
        yield
    finally:
        cr.rollback()
        cr.execute(SQL("DELETE FROM visit_plan_line WHERE id = ANY(%s)", ids))
        crons.settle(env, ())


def measure_today(env, rep, manager):
    """Today and the maps as the Visits app and the web client read them, on
    the reps' today with a day's visits (todays_visits)."""
    today = fields.Date.context_today(user_env(env, rep)["visit.today"])
    with todays_visits(env, today):
        return measure_todays_screens(env, rep, manager)


def measure_todays_screens(env, rep, manager):
    Today = user_env(env, rep)["visit.today"]
    day, seconds, queries = run_interactive(env, Today.visit_app_day)
    rows = [row(TODAY_APP, len(day["visits"]), seconds, queries, f"as {rep.login}")]
    Today = user_env(env, manager)["visit.today"]
    spec = {
        "visit_time": {},
        "user_id": {"fields": {"display_name": {}}},
        "partner_id": {"fields": {"display_name": {}}},
        "place": {},
        "status": {},
        "report_missing": {},
        "in_place": {},
    }
    result, seconds, queries = run_interactive(
        env, lambda: Today.web_search_read([], spec, limit=80)
    )
    rows.append(
        row(TODAY_LIST, result["length"], seconds, queries, f"as {manager.login}")
    )
    data, seconds, queries = run_interactive(env, lambda: Today.visit_map_data([]))
    rows.append(
        row(TODAY_MAP, len(data["points"]), seconds, queries, f"as {manager.login}")
    )
    Partner = user_env(env, rep)["res.partner"]
    data, seconds, queries = run_interactive(
        env,
        lambda: Partner.visit_map_data(
            [("user_id", "=", rep.id), ("visit_tier", "!=", False)]
        ),
    )
    rows.append(
        row(
            CUSTOMER_MAP,
            len(data["points"]),
            seconds,
            queries,
            f"as {rep.login}, {data['unlocated']} without a position",
        )
    )
    return rows


def machine_speed(cr):
    """Seconds of a fixed piece of Python and of PostgreSQL work: two runs'
    seconds compare only on machines of the same speed (their ratios to the
    floors compare on any)."""
    start = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    python = time.perf_counter() - start
    start = time.perf_counter()
    cr.execute("SELECT count(*) FROM generate_series(1, 10000000)")
    postgres = time.perf_counter() - start
    return {"python": python, "postgres": postgres}


def measure(env, size, sample_size):
    cr = env.cr
    machine = machine_speed(cr)
    cr.execute("SELECT count(*) FROM res_partner WHERE visit_tier IS NOT NULL")
    (customers,) = cr.fetchone()
    cr.execute("SELECT count(*) FROM visit_report")
    (reports,) = cr.fetchone()
    admin = env.ref("base.user_admin")
    manager = env["res.users"].search([("login", "=", "bench_manager_1")])
    rep = env["res.users"].search([("login", "=", "bench_rep_01")])
    log(f"{size}: {customers} customers, {reports} visit reports")
    cr.rollback()

    started = time.perf_counter()
    rows, checks = measure_due_dates(env, sample_size)
    rows.append(measure_assessment(env))
    # the due dates' runs rewrote every customer several times: their dead rows
    # vacuumed first, not by autovacuum on the cores the reads below time
    crons.settle(env, ("res_partner", "visit_assessment"))
    rows += measure_pivots(env, admin)
    rows.append(measure_list(env, manager))
    rows += measure_today(env, rep, manager)
    log("Scheduled actions (crons.py)")
    cron_rows = crons.measure_crons(env)
    by_operation = {r["operation"]: r for r in rows}
    floor, naive = by_operation[FLOOR]["seconds"], by_operation[NAIVE]["seconds"]
    floor_store = by_operation[FLOOR_STORE]["seconds"]
    for r in rows:
        if r["seconds"] and r["operation"] in DUE_DATES_ROWS:
            r["floor_ratio"] = r["seconds"] / floor
            r["store_ratio"] = r["seconds"] / floor_store
            r["naive_speedup"] = naive / r["seconds"]
    order = [
        CRON,
        CRON_AGAIN,
        FLOOR,
        FLOOR_STORE,
        NAIVE,
        ASSESSMENT,
        PIVOT,
        PIVOT_VIEW,
        PIVOT_MONTHLY,
        PIVOT_SETS,
        PIVOT_MONTHLY_SETS,
        LIST,
        TODAY_APP,
        TODAY_LIST,
        TODAY_MAP,
        CUSTOMER_MAP,
    ]
    by_operation.setdefault(CRON_AGAIN, missing(CRON_AGAIN, "the cron"))
    return {
        "size": size,
        "customers": customers,
        "reports": reports,
        "measured_in": time.perf_counter() - started,
        "machine": machine,
        "rows": [by_operation[name] for name in order],
        "cron_rows": cron_rows,
        "checks": checks,
    }


# ----------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------
def fmt(value, pattern):
    return "—" if value is None else pattern.format(value)


def table(result):
    title = (
        f"### {result['size']}: {result['customers']:,} customers, "
        f"{result['reports']:,} visit reports"
    )
    machine = result["machine"]
    lines = [
        title,
        "",
        (
            f"The machine: 10 million additions in Python {machine['python']:.2f} "
            f"s, a count of 10 million rows in PostgreSQL {machine['postgres']:.2f} s."
        ),
        "",
        (
            "| operation | rows | seconds | queries | x SELECT floor "
            "| x UPDATE floor | naive / op | note |"
        ),
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['operation']} | {fmt(r['rows'], '{:,}')} "
            f"| {fmt(r['seconds'], '{:.3f}')} | {fmt(r['queries'], '{:,}')} "
            f"| {fmt(r.get('floor_ratio'), '{:.2f}')} "
            f"| {fmt(r.get('store_ratio'), '{:.2f}')} "
            f"| {fmt(r.get('naive_speedup'), '{:.1f}')} | {r['note']} |"
        )
    checks = result["checks"]
    lines.append("")
    lines.append(
        "Dates differing from the floor: cron "
        f"{checks.get('cron_mismatches', '—')}, naive loop (its sample) "
        f"{checks.get('naive_mismatches', '—')}."
    )
    lines += ["", *cron_table(result)]
    return "\n".join(lines)


def cron_table(result):
    """The scheduled actions on their worst day, each followed by its floor."""
    lines = [
        "Scheduled actions on their worst day (crons.py):",
        "",
        (
            "| operation | rows | seconds | queries | commits | queries / commit "
            "| x its floor | note |"
        ),
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in result.get("cron_rows", []):
        batches = r.get("batches")
        per_batch = r["queries"] / batches if batches and r["queries"] else None
        lines.append(
            f"| {r['operation']} | {fmt(r['rows'], '{:,}')} "
            f"| {fmt(r['seconds'], '{:.3f}')} | {fmt(r['queries'], '{:,}')} "
            f"| {fmt(batches, '{:,}')} | {fmt(per_batch, '{:.0f}')} "
            f"| {fmt(r.get('floor_ratio'), '{:.2f}')} | {r['note']} |"
        )
    return lines


def verdict(ok):
    return "PASS" if ok else "FAIL"


def targets(results):
    """Lines saying whether each target holds, and whether all do."""
    lines = ["### Targets", ""]
    passed = True

    def check(ok, text):
        nonlocal passed
        passed = passed and ok
        lines.append(f"- {verdict(ok)}: {text}")

    for result in results:
        rows = {r["operation"]: r for r in result["rows"]}
        cron, size = rows[CRON], result["size"]
        if cron["seconds"] is None:
            check(False, f"{size}: the cron was not measured ({cron['note']})")
        else:
            check(
                cron["store_ratio"] <= FLOOR_MAX_RATIO,
                f"{size}: cron writing every customer {cron['seconds']:.2f} s = "
                f"{cron['store_ratio']:.2f}x the SQL floor writing them in one "
                f"UPDATE ({rows[FLOOR_STORE]['seconds']:.2f} s), at most "
                f"{FLOOR_MAX_RATIO:g}x",
            )
            again = rows[CRON_AGAIN]
            check(
                again["store_ratio"] <= FLOOR_MAX_RATIO,
                f"{size}: cron the next day, no date changed, "
                f"{again['seconds']:.2f} s = {again['store_ratio']:.2f}x the SQL "
                f"floor writing every customer in one UPDATE "
                f"({rows[FLOOR_STORE]['seconds']:.2f} s), at most "
                f"{FLOOR_MAX_RATIO:g}x",
            )
            check(
                cron["naive_speedup"] >= NAIVE_MIN_SPEEDUP,
                f"{size}: cron {cron['naive_speedup']:.1f}x faster than the naive "
                f"loop ({rows[NAIVE]['seconds']:.1f} s), at least "
                f"{NAIVE_MIN_SPEEDUP:g}x",
            )
            mismatches = result["checks"].get("cron_mismatches")
            check(
                mismatches == 0,
                f"{size}: {mismatches} customers with dates other than the floor's",
            )
        for name in INTERACTIVE:
            r = rows[name]
            if r["seconds"] is None:
                check(False, f"{size}: {name} was not measured")
                continue
            limit = (
                FAST_READ_MAX_SECONDS if name in FAST_READS else INTERACTIVE_MAX_SECONDS
            )
            check(
                r["seconds"] < limit,
                f"{size}: {name} {r['seconds']:.3f} s, under {limit:g} s",
            )
        for r in result.get("cron_rows", []):
            if r.get("floor_ratio") is not None:
                check(
                    r["floor_ratio"] <= FLOOR_MAX_RATIO,
                    f"{size}: {r['operation']} {r['seconds']:.3f} s = "
                    f"{r['floor_ratio']:.2f}x its SQL floor "
                    f"({r['seconds'] / r['floor_ratio']:.3f} s), at most "
                    f"{FLOOR_MAX_RATIO:g}x",
                )
            elif r.get("cron"):
                lines.append(f"- (no floor): {size}: {r['operation']}")
            else:
                continue
    if len(results) > 1:
        sizes = [result["size"] for result in results]
        lines += [
            "",
            "Queries by size (must not grow with the data):",
            "",
            f"| operation | {' | '.join(sizes)} | holds |",
            f"|---|{'--:|' * len(sizes)}---|",
        ]
        for name in PRODUCT:
            counts = [
                next(r for r in result["rows"] if r["operation"] == name)["queries"]
                for result in results
            ]
            equal = None not in counts and len(set(counts)) == 1
            passed = passed and equal
            shown = " | ".join(fmt(count, "{:,}") for count in counts)
            lines.append(f"| {name} | {shown} | {verdict(equal)} |")
        # a scheduled action's queries are flat per commit (batch): its batches
        # grow with the data, the queries of its largest must not (within
        # BATCH_QUERIES_SLACK: a batch of the same records of more estates or
        # customers may cross one more prefetch boundary)
        crons_by_size = [
            {r["operation"]: r for r in result.get("cron_rows", []) if r.get("cron")}
            for result in results
        ]
        for name in crons_by_size[0]:
            runs = [by_name.get(name) for by_name in crons_by_size]
            if None in runs or any(r.get("batch_queries") is None for r in runs):
                continue
            counts = [r["batch_queries"] for r in runs]
            shown = " | ".join(
                f"{r['batch_queries']:,} in the largest of {r['batches']} commit(s)"
                for r in runs
            )
            flat = max(counts) <= counts[0] * (1 + BATCH_QUERIES_SLACK)
            passed = passed and flat
            lines.append(f"| {name} | {shown} | {verdict(flat)} |")
    lines += ["", f"All targets: {verdict(passed)}"]
    return lines, passed


# ----------------------------------------------------------------------
# Commands
# ----------------------------------------------------------------------
def cmd_generate(args):
    registry = open_registry(args.config, args.database)
    sizes = generate.SIZES[args.size]
    customers = args.customers or sizes["customers"]
    reports = args.reports or sizes["reports"]
    with registry.cursor() as cr:
        env = superuser_env(cr)
        done = env["ir.config_parameter"].get_param(generate.MARKER)
        if done:
            log(f"{args.database} already holds the benchmark data ({done})")
            return 0
        log(f"Generating {customers:,} customers and {reports:,} reports")
        start = time.perf_counter()
        generate.generate(env, args.size, customers, reports, log=log)
        log(f"Generating {generate_property.households(args.size):,} households")
        generate_property.generate(env, args.size, log=log)
        cr.commit()
        log(f"Generated in {timedelta(seconds=round(time.perf_counter() - start))}")
    return 0


def cmd_check(args):
    registry = open_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        log("Checking a sample of the generated data against the ORM's computation")
        differences = check_data(env, args.sample)
        cr.execute(MONTHLY_DIFFERENCES)
        monthly_differing, monthly_groups = cr.fetchone()
    for (model, name), ids in sorted(differences.items()):
        log(f"  DIFFERENT: {model}.{name} on {len(ids)} records, e.g. ids {ids[:5]}")
    log(
        f"  Visits by Month: {monthly_differing} of its {monthly_groups:,} groups "
        "differ from a fresh count of every report"
    )
    if differences or monthly_differing:
        return 1
    log("  the stored values are those the ORM computes")
    return 0


def cmd_measure(args):
    registry = open_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = superuser_env(cr)
        if not env["ir.config_parameter"].get_param(generate.MARKER):
            sys.exit(f"{args.database} holds no benchmark data: run generate first")
        result = measure(env, args.size, args.sample)
    result["database"] = args.database
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))
    log(table(result))
    return 0


def cmd_summary(args):
    results = [json.loads(Path(path).read_text()) for path in args.results]
    for result in results:
        log(table(result))
        log("")
    lines, passed = targets(results)
    log("\n".join(lines))
    return 0 if passed else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "check", "measure"):
        command = commands.add_parser(name)
        command.add_argument("-c", "--config", required=True)
        command.add_argument("-d", "--database", required=True)
        command.add_argument("--size", choices=sorted(generate.SIZES), required=True)
    generate_cmd = commands.choices["generate"]
    generate_cmd.add_argument("--customers", type=int, help="overrides the size")
    generate_cmd.add_argument("--reports", type=int, help="overrides the size")
    measure_cmd = commands.choices["measure"]
    measure_cmd.add_argument("--out", required=True, help="the JSON result file")
    measure_cmd.add_argument("--sample", type=int, default=NAIVE_SAMPLE)
    check_cmd = commands.choices["check"]
    check_cmd.add_argument("--sample", type=int, default=1000, help="per model")
    summary_cmd = commands.add_parser("summary")
    summary_cmd.add_argument("results", nargs="+", help="JSON files of measure")
    args = parser.parse_args()
    handler = {"generate": cmd_generate, "measure": cmd_measure}
    handler.update(check=cmd_check, summary=cmd_summary)
    return handler[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
