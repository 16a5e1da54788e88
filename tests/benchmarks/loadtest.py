# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The morning peak over HTTP, `make loadtest` (not a test: pytest does not
collect it).

    loadtest.py setup -c var/odoo.conf -d DB --reps 500  # fills a fresh database
    loadtest.py reset -c var/odoo.conf -d DB --reps 200  # the first 200 reps afresh
    loadtest.py run -c var/odoo.conf -d DB --url http://127.0.0.1:8079 --reps 200 \\
        --out var/loadtest/200.json
    loadtest.py summary var/loadtest/50.json var/loadtest/200.json ...

`setup` creates the reps (users in the Visits user group with one password, an
employee each, Asia/Shanghai), their team leaders and teams, and for each rep a
located customer and an approved plan of this month with one on-site visit
today. `reset` deletes what a round left (the reps' reports, their check-ins
and attendances) and moves their planned visit to now, so that every round
files fresh reports. `run` is the HTTP client: every rep, on a session of its
own, does what the phone does in the morning, each request timed; `summary`
prints the table and checks the targets."""

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

REP_PREFIX = "load_rep_"
LEADER_PREFIX = "load_leader_"
PASSWORD = "loadtest"
REPS_PER_TEAM = 50
TZ = "Asia/Shanghai"
# People's Square; the customers are spread within some 10 km of it.
CENTRE = (31.2304, 121.4737)
SEED = 23

# The steps of a rep, in the order of the table.
LOGIN = "log in"
TODAY = "open Today (route sheet)"
CHECK_IN = "check in (ours)"
ATTENDANCE = "check in (hr_attendance)"
OPEN_REPORT = "open the report"
SAVE = "save the report"
SUBMIT = "submit the report"
STEPS = (LOGIN, TODAY, CHECK_IN, ATTENDANCE, OPEN_REPORT, SAVE, SUBMIT)
# Each step's URL, as the server's log names it.
PATHS = {
    "/web/session/authenticate": LOGIN,
    "/web/dataset/call_kw/visit.today/web_search_read": TODAY,
    "/web/dataset/call_kw/visit.today/action_check_in": CHECK_IN,
    "/hr_attendance/systray_check_in_out": ATTENDANCE,
    "/web/dataset/call_button/visit.today/action_open_report": OPEN_REPORT,
    "/web/dataset/call_kw/visit.report/web_save": SAVE,
    "/web/dataset/call_button/visit.report/action_submit": SUBMIT,
}
# werkzeug's line of a request, Odoo's figures after it: queries, their
# seconds, the other seconds of the request
REQUEST_LINE = re.compile(
    r'"POST (?P<path>[^\s#]+)\S* HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)

# Targets of issue 23.
MAX_ERRORS = 0
MAX_CHECK_IN_RATIO = 1.5

# What the route sheet's kanban card reads (visit_today_view_kanban).
TODAY_SPEC = {
    "status": {},
    "report_missing": {},
    "is_unplanned": {},
    "is_mine": {},
    "visit_mode": {},
    "map_url": {},
    "place": {},
    "contact_id": {"fields": {"display_name": {}}},
    "visit_time": {},
    "partner_id": {"fields": {"display_name": {}}},
    "purpose": {},
    "user_id": {"fields": {"display_name": {}}},
    "contact_phone": {},
}
REPORT_SPEC = {
    "state": {},
    "end_datetime": {},
    "in_place": {},
    "checkin_message": {},
}


def log(message):
    print(message, flush=True)


def rep_login(number):
    return f"{REP_PREFIX}{number:03d}"


# ----------------------------------------------------------------------
# The database: setup and reset (Odoo's registry, in this process)
# ----------------------------------------------------------------------
def open_env(conf, db):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"], setup_logging=True)
    registry = Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})


def setup(env, reps):
    from odoo import fields

    rng = random.Random(SEED)
    start = time.perf_counter()
    company = env.company
    # Check-ins count without a check-out, as in the test suite: the rep
    # submits right after checking in (the time-on-site rule is not what is
    # measured here). hr_attendance's "Device & Location Tracking" stays on,
    # as installed.
    company.visit_min_dwell_minutes = 0
    Users = env["res.users"].with_context(no_reset_password=True)
    rep_groups = [
        env.ref("base.group_user").id,
        env.ref("sales_team.group_sale_salesman").id,
        env.ref("visit_management.group_visit_user").id,
    ]
    leader_groups = [
        env.ref("base.group_user").id,
        env.ref("sales_team.group_sale_salesman").id,
        env.ref("visit_management.group_visit_manager").id,
    ]
    teams = -(-reps // REPS_PER_TEAM)
    leaders = Users.create(
        [
            {
                "name": f"Load Leader {team + 1}",
                "login": f"{LEADER_PREFIX}{team + 1:02d}",
                "tz": TZ,
                "group_ids": [(6, 0, leader_groups)],
            }
            for team in range(teams)
        ]
    )
    users = Users.create(
        [
            {
                "name": f"Load Rep {number}",
                "login": rep_login(number),
                "tz": TZ,
                "group_ids": [(6, 0, rep_groups)],
            }
            for number in range(1, reps + 1)
        ]
    )
    log(f"{len(users)} reps and {len(leaders)} leaders created")
    for team, leader in enumerate(leaders):
        env["crm.team"].create(
            {
                "name": f"Load Team {team + 1}",
                "user_id": leader.id,
                "member_ids": [
                    (6, 0, users[team * REPS_PER_TEAM : (team + 1) * REPS_PER_TEAM].ids)
                ],
            }
        )
    env["hr.employee"].create(
        [{"name": user.name, "user_id": user.id} for user in users]
    )
    # One hash for all: hashing each password (600,000 rounds) would take minutes.
    hashed = Users._crypt_context().hash(PASSWORD)
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
        [hashed, (users | leaders).ids],
    )
    customers = env["res.partner"].create(
        [
            {
                "name": f"Load Customer {number}",
                "is_company": True,
                "user_id": user.id,
                "partner_latitude": CENTRE[0] + rng.uniform(-0.1, 0.1),
                "partner_longitude": CENTRE[1] + rng.uniform(-0.1, 0.1),
            }
            for number, user in enumerate(users, start=1)
        ]
    )
    now = fields.Datetime.now().replace(second=0, microsecond=0)
    today = fields.Date.context_today(users[0], now)
    month = date(today.year, today.month, 1)
    env["visit.plan"].create(
        [
            {
                "user_id": user.id,
                "date_start": month,
                "state": "approved",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": customer.id,
                            "planned_datetime": now,
                            "purpose": "relationship",
                            "visit_mode": "onsite",
                        },
                    )
                ],
            }
            for user, customer in zip(users, customers, strict=True)
        ]
    )
    env.cr.commit()
    log(f"Set up {reps} reps in {time.perf_counter() - start:.1f} s")


def reset(env, reps):
    """The first `reps` reps' day afresh: no report, no check-in, no
    attendance; their planned visit now."""
    from odoo import fields

    users = env["res.users"].search(
        [("login", "in", [rep_login(n) for n in range(1, reps + 1)])]
    )
    if len(users) != reps:
        sys.exit(f"{reps} reps asked, {len(users)} in the database: run setup first")
    reports = (
        env["visit.report"]
        .with_context(active_test=False)
        .search([("user_id", "in", users.ids)])
    )
    if reports:
        # filed reports are never deleted by the ORM: back to draft first
        env.cr.execute(
            "UPDATE visit_report SET state = 'draft' WHERE id = ANY(%s)",
            [reports.ids],
        )
        env.invalidate_all()
        reports.unlink()
    env["hr.attendance"].search([("employee_id.user_id", "in", users.ids)]).unlink()
    now = fields.Datetime.now().replace(microsecond=0)
    lines = env["visit.plan.line"].search([("user_id", "in", users.ids)])
    lines.write({"planned_datetime": now})
    env.cr.commit()
    log(f"Reset {len(users)} reps: {len(reports)} reports deleted")


# ----------------------------------------------------------------------
# The client
# ----------------------------------------------------------------------
class Round:
    """The timings and errors of one round, by step."""

    def __init__(self):
        self.times = {step: [] for step in STEPS}
        # waiting for a free slot (the in-flight bound), before the request
        self.waits = []
        self.errors = {step: 0 for step in STEPS}
        self.skipped = {step: 0 for step in STEPS}
        self.messages = []

    def error(self, step, message):
        self.errors[step] += 1
        if len(self.messages) < 5:
            self.messages.append(f"{step}: {message}"[:300])


class RepFailed(Exception):
    pass


class Rep:
    def __init__(self, number, base_url, db, results, semaphore):
        import aiohttp

        self.number = number
        self.login = rep_login(number)
        self.base_url = base_url
        self.db = db
        self.results = results
        self.semaphore = semaphore
        self.context = {}
        # its own cookie jar: its own Odoo session (unsafe: the host is an IP)
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(force_close=True, limit=0),
            timeout=aiohttp.ClientTimeout(total=600),
        )

    async def rpc(self, step, path, params):
        body = {"jsonrpc": "2.0", "method": "call", "id": self.number, "params": params}
        queued = time.perf_counter()
        async with self.semaphore:
            start = time.perf_counter()
            self.results.waits.append(start - queued)
            try:
                async with self.session.post(self.base_url + path, json=body) as resp:
                    status = resp.status
                    answer = await resp.json(content_type=None)
            except Exception as error:
                self.results.error(step, f"{type(error).__name__}: {error}")
                raise RepFailed from error
            elapsed = time.perf_counter() - start
        if status != 200 or not isinstance(answer, dict) or "error" in answer:
            error = answer.get("error") if isinstance(answer, dict) else answer
            if isinstance(error, dict):
                error = (error.get("data") or {}).get("message") or error.get("message")
            self.results.error(step, f"HTTP {status}: {error}")
            raise RepFailed
        self.results.times[step].append(elapsed)
        return answer.get("result")

    def call_kw(self, step, model, method, args, **kwargs):
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        return self.rpc(
            step,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def call_button(self, step, model, method, record_id):
        return self.rpc(
            step,
            f"/web/dataset/call_button/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [[record_id]],
                "kwargs": {"context": self.context},
            },
        )

    async def check_in(self, visit, position):
        await self.call_kw(
            CHECK_IN,
            "visit.today",
            "action_check_in",
            [[visit["id"]], *position, 8.0, int(time.time() * 1000)],
        )

    async def attendance(self):
        # the systray's call when the phone gives no position (see the README)
        await self.rpc(ATTENDANCE, "/hr_attendance/systray_check_in_out", {})

    async def morning(self, delay):
        """Log in, open Today, check in at the customer (and Odoo's attendance
        check-in, before or after ours), open the report, save it, submit it."""
        await asyncio.sleep(delay)
        done = []
        try:
            info = await self.rpc(
                LOGIN,
                "/web/session/authenticate",
                {"db": self.db, "login": self.login, "password": PASSWORD},
            )
            done.append(LOGIN)
            self.context = info["user_context"]
            today = await self.call_kw(
                TODAY,
                "visit.today",
                "web_search_read",
                [],
                domain=[("user_id", "=", info["uid"])],
                specification=TODAY_SPEC,
                offset=0,
                limit=40,
                order="",
                count_limit=10001,
                context={"bin_size": True},
            )
            done.append(TODAY)
            visit = today["records"][0]
            position = await self.customer_position(visit)
            first, second = (
                (self.check_in(visit, position), self.attendance())
                if self.number % 2
                else (self.attendance(), self.check_in(visit, position))
            )
            await first
            done.append(CHECK_IN if self.number % 2 else ATTENDANCE)
            await second
            done.append(ATTENDANCE if self.number % 2 else CHECK_IN)
            action = await self.call_button(
                OPEN_REPORT, "visit.today", "action_open_report", visit["id"]
            )
            done.append(OPEN_REPORT)
            report_id = action["res_id"]
            end = datetime.utcnow().replace(microsecond=0)  # noqa: DTZ003 - Odoo's UTC
            await self.call_kw(
                SAVE,
                "visit.report",
                "web_save",
                [
                    [report_id],
                    {
                        "end_datetime": f"{end:%Y-%m-%d %H:%M:%S}",
                        "customer_needs": "<p>Needs 200 cases before the holiday.</p>",
                        "visit_effect": "<p>Order confirmed by the buyer.</p>",
                        "next_steps": "<p>Send the quotation on Monday.</p>",
                    },
                ],
                specification=REPORT_SPEC,
            )
            done.append(SAVE)
            await self.call_button(SUBMIT, "visit.report", "action_submit", report_id)
            done.append(SUBMIT)
        except RepFailed:
            for step in STEPS:
                if step not in done:
                    self.results.skipped[step] += 1
            # the failed step itself was counted as an error, not skipped
            failed = next(step for step in STEPS if step not in done)
            self.results.skipped[failed] -= 1
        finally:
            await self.session.close()

    async def customer_position(self, visit):
        """Where the customer is: the rep checks in at the door (the server
        knows it; the client reads it from the database file it was given)."""
        return self.positions[visit["partner_id"]["id"]]


def customer_positions(conf, db):
    """{customer id: (latitude, longitude)} of the load test's customers, read
    once before the round, outside the timings."""
    env = open_env(conf, db)
    try:
        env.cr.execute(
            "SELECT id, partner_latitude, partner_longitude FROM res_partner "
            "WHERE name LIKE 'Load Customer %%'"
        )
        return {pid: (float(lat), float(lon)) for pid, lat, lon in env.cr.fetchall()}
    finally:
        env.cr.close()


async def run_round(base_url, db, reps, ramp, concurrency, positions):
    results = Round()
    semaphore = asyncio.Semaphore(concurrency)
    rng = random.Random(SEED + reps)
    clients = [Rep(n, base_url, db, results, semaphore) for n in range(1, reps + 1)]
    for client in clients:
        client.positions = positions
    start = time.perf_counter()
    await asyncio.gather(*(c.morning(rng.uniform(0, ramp)) for c in clients))
    return results, time.perf_counter() - start


def percentile(values, fraction):
    """The nearest-rank percentile, in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1] * 1000


def round_stats(results):
    return {
        step: {
            "count": len(results.times[step]),
            "errors": results.errors[step],
            "skipped": results.skipped[step],
            "p50_ms": percentile(results.times[step], 0.50),
            "p95_ms": percentile(results.times[step], 0.95),
            "max_ms": percentile(results.times[step], 1.0),
            "mean_ms": statistics.fmean(results.times[step]) * 1000
            if results.times[step]
            else None,
        }
        for step in STEPS
    }


def server_figures(log_path, offset):
    """{step: {queries, sql_ms, other_ms}} medians of the step's requests, read
    from the server's log after `offset`."""
    by_step = {step: [] for step in STEPS}
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        for line in handle:
            match = REQUEST_LINE.search(line)
            if match and match["path"] in PATHS:
                by_step[PATHS[match["path"]]].append(match)
    return {
        step: {
            "requests": len(matches),
            "queries": statistics.median(int(m["queries"]) for m in matches),
            "sql_ms": statistics.median(float(m["sql"]) for m in matches) * 1000,
            "other_ms": statistics.median(float(m["other"]) for m in matches) * 1000,
        }
        for step, matches in by_step.items()
        if matches
    }


def run(args):
    positions = customer_positions(args.config, args.database)
    log_offset = Path(args.server_log).stat().st_size if args.server_log else 0
    results, seconds = asyncio.run(
        run_round(
            args.url,
            args.database,
            args.reps,
            args.ramp,
            args.concurrency,
            positions,
        )
    )
    time.sleep(1)  # the workers' last log lines
    requests = sum(len(t) for t in results.times.values()) + sum(
        results.errors.values()
    )
    data = {
        "reps": args.reps,
        "ramp_s": args.ramp,
        "concurrency": args.concurrency,
        "seconds": round(seconds, 1),
        "requests": requests,
        "steps": round_stats(results),
        "wait_p95_ms": percentile(results.waits, 0.95),
        "server": server_figures(args.server_log, log_offset)
        if args.server_log
        else {},
        "error_messages": results.messages,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data, indent=2))
    log(
        f"N = {args.reps}: {requests} requests in {seconds:.1f} s "
        f"({requests / seconds:.1f} a second), "
        f"{sum(results.errors.values())} errors"
    )
    for message in results.messages:
        log(f"  error: {message}")


# ----------------------------------------------------------------------
# Summary
# ----------------------------------------------------------------------
def fmt(value):
    return "" if value is None else f"{value:,.0f}"


def summary(paths):
    rounds = [json.loads(Path(path).read_text()) for path in paths]
    print()
    print("| N | step | requests | errors | p50 ms | p95 ms | max ms |")
    print("|--:|---|--:|--:|--:|--:|--:|")
    for data in rounds:
        for step in STEPS:
            stats = data["steps"][step]
            errors = stats["errors"] + stats["skipped"]
            print(
                f"| {data['reps']} | {step} | {stats['count'] + stats['errors']} "
                f"| {errors} | {fmt(stats['p50_ms'])} | {fmt(stats['p95_ms'])} "
                f"| {fmt(stats['max_ms'])} |"
            )
    print()
    print(
        "| N | requests | seconds | requests/s | p95 wait for a slot, ms "
        "| check-in p95: ours / hr_attendance |"
    )
    print("|--:|--:|--:|--:|--:|--:|")
    ratios = {}
    for data in rounds:
        ours = data["steps"][CHECK_IN]["p95_ms"]
        theirs = data["steps"][ATTENDANCE]["p95_ms"]
        ratios[data["reps"]] = ours / theirs if ours and theirs else None
        ratio = ratios[data["reps"]]
        print(
            f"| {data['reps']} | {data['requests']} | {data['seconds']:.0f} "
            f"| {data['requests'] / data['seconds']:.1f} "
            f"| {fmt(data['wait_p95_ms'])} "
            f"| {'' if ratio is None else f'{ratio:.2f}'} |"
        )
    if any(data["server"] for data in rounds):
        print()
        print("Server side, from its log (medians): queries, their ms, the other ms")
        print()
        print("| step | " + " | ".join(f"N = {d['reps']}" for d in rounds) + " |")
        print("|---|" + "--:|" * len(rounds))
        for step in STEPS:
            cells = []
            for data in rounds:
                figures = data["server"].get(step)
                cells.append(
                    f"{figures['queries']:.0f} q, {figures['sql_ms']:.0f} + "
                    f"{figures['other_ms']:.0f} ms"
                    if figures
                    else ""
                )
            print(f"| {step} | " + " | ".join(cells) + " |")
    print()
    failed = False
    for data in rounds:
        errors = sum(s["errors"] + s["skipped"] for s in data["steps"].values())
        ok = errors <= MAX_ERRORS
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'}  N = {data['reps']}: {errors} errors (0)")
        ratio = ratios[data["reps"]]
        ok = ratio is not None and ratio <= MAX_CHECK_IN_RATIO
        failed |= not ok
        shown = "no measure" if ratio is None else f"{ratio:.2f}"
        print(
            f"{'PASS' if ok else 'FAIL'}  N = {data['reps']}: our check-in p95 / "
            f"hr_attendance check-in p95 = {shown} (at most {MAX_CHECK_IN_RATIO})"
        )
        for message in data["error_messages"]:
            print(f"      {message}")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("setup", "reset"):
        command = commands.add_parser(name)
        command.add_argument("-c", "--config", required=True)
        command.add_argument("-d", "--database", required=True)
        command.add_argument("--reps", type=int, required=True)
    command = commands.add_parser("run")
    command.add_argument("-c", "--config", required=True)
    command.add_argument("-d", "--database", required=True)
    command.add_argument("--url", required=True)
    command.add_argument("--reps", type=int, required=True)
    command.add_argument("--ramp", type=float, default=5.0)
    command.add_argument("--concurrency", type=int, default=8)
    command.add_argument("--server-log", help="the server's log, for its figures")
    command.add_argument("--out", required=True)
    command = commands.add_parser("summary")
    command.add_argument("paths", nargs="+")
    args = parser.parse_args()
    if args.command in ("setup", "reset"):
        env = open_env(args.config, args.database)
        try:
            (setup if args.command == "setup" else reset)(env, args.reps)
        finally:
            env.cr.close()
    elif args.command == "run":
        run(args)
    else:
        sys.exit(summary(args.paths))


if __name__ == "__main__":
    main()
