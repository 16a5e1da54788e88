# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled actions at scale (`bench.py measure`): each is reset to its
worst day (all its work due), run as the scheduler runs it (the model's method,
as superuser; it commits batch by batch), checked to have done its work (what it
created), then undone; a hand-written SQL floor doing the same writes in one
statement runs on the same worst day, does what the cron does besides (tells
the bus, queues the digest, commits, notifies: `floor_done`), and is undone.
Each cron and its floor run CRON_RUNS times (a short cron more), in turn. A
row per cron and per floor: rows created, seconds (the median run's), queries,
batches, and its time over its floor's.

What each floor writes: the cron's records (callbacks, samples, assessments and
their lines, plans) and one activity per record the cron gives one, with its
assignee following the record (as Odoo's activities do), the flags it sets.
What a floor leaves out is said in its row's note: the seeded draws of the
samples (a floor takes the same number by a hash), the names of the activities'
summaries in the users' languages, the digest queue."""

import json
import statistics
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import psycopg2
import requests
from dateutil.relativedelta import relativedelta

from odoo import fields, sql_db
from odoo.tools import SQL

# Tables the crons write into, whose new rows are deleted after each run.
CREATED = (
    "bus_bus",
    "ir_cron_trigger",
    "mail_activity",
    "mail_followers",
    "mail_message",
    "property_resident_callback",
    "property_callback_sample",
    "property_callback_assessment",
    "visit_plan",
    "visit_robot_message",
)
CALLBACK_MODEL = "property.resident.callback"
# Each cron and its floor run at least this many times, in turn; the median
# is kept (of three, the ratio of a run of 30 ms moved by a third from one
# measurement to the next on this shared machine: 3.05x to 4.44x).
CRON_RUNS = 5
# A short cron runs again, up to CRON_MAX_RUNS times, until its runs add up to
# CRON_SECONDS: the floor of a run of 50 ms measured 13 to 19 ms from one run
# to the next on a slower shared machine, and five runs left its median to
# chance.
CRON_SECONDS = 1.0
CRON_MAX_RUNS = 15
CALLBACK_ACTIVITY = "visit_management_property.mail_activity_property_callback"


def log(message):
    print(message, flush=True)


def row(operation, rows, seconds, queries, note="", **extra):
    return {
        "operation": operation,
        "rows": rows,
        "seconds": seconds,
        "queries": queries,
        "note": note,
        **extra,
    }


# ----------------------------------------------------------------------
# Undoing a run
# ----------------------------------------------------------------------
def high_water(cr):
    """{table: its highest id} of the tables the crons create rows in."""
    marks = {}
    for table in CREATED:
        cr.execute(SQL("SELECT to_regclass(%s) IS NOT NULL", table))
        if cr.fetchone()[0]:
            cr.execute(
                SQL("SELECT coalesce(max(id), 0) FROM %s", SQL.identifier(table))
            )
            marks[table] = cr.fetchone()[0]
    return marks


def created_since(cr, marks, table, where=None):
    cr.execute(
        SQL(
            "SELECT count(*) FROM %s WHERE id > %s AND %s",
            SQL.identifier(table),
            marks[table],
            where or SQL("TRUE"),
        )
    )
    return cr.fetchone()[0]


def undo(env, marks):
    """Deletes what was created since the marks (activities first)."""
    cr = env.cr
    for table in CREATED:
        if table in marks:
            cr.execute(
                SQL("DELETE FROM %s WHERE id > %s", SQL.identifier(table), marks[table])
            )
    cr.commit()
    env.invalidate_all()


def settle(env, tables=CREATED):
    """VACUUM the database and ANALYZE the tables (those the crons create rows
    in), as autovacuum keeps a live database: the undo of a run or of a floor
    and the resets leave thousands of dead rows that the next run's scans
    would step over (a reception reminder's read of 100 activities took 0.07 s
    after the festival's 38,000 were deleted; the reports' flags written and
    reset by three runs of `make bench` left 761,000 dead reports, and the late
    reminders' floor ran for minutes), and autovacuum would clean them up while
    the next measurement runs. The other tables keep the statistics of their
    generation, so that PostgreSQL's plans do not change between runs."""
    cr = env.cr
    cr.commit()
    cr._cnx.autocommit = True
    try:
        cr.execute(SQL("VACUUM"))
        for table in tables:
            cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    finally:
        cr._cnx.autocommit = False


def timed(env, func):
    """(result, seconds, queries) of one call on cold record caches."""
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


# ----------------------------------------------------------------------
# What every floor does after its statement, as the crons do after theirs
# ----------------------------------------------------------------------
# The new activities due by today told to their assignees' activity counters
# (`mail.activity._visit_tell_counters`), the digest queued DIGEST_DELAY later
# when one is pending (`_visit_queue_digest`); returns the bus channels.
FLOOR_TELLS = """
WITH due AS (
    SELECT a.user_id, count(*) AS created
      FROM mail_activity a
     WHERE a.id > %(mark)s AND a.date_deadline <= %(today)s
  GROUP BY a.user_id
), counters AS (
    INSERT INTO bus_bus (channel, message, create_date, write_date, create_uid,
                         write_uid)
    SELECT format('[%%s,"res.partner",%%s]', to_json(%(db)s::text), u.partner_id),
           format('{"type":"mail.activity/updated","payload":'
                  '{"activity_created":true,"count_diff":%%s}}', d.created),
           now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
      FROM due d
      JOIN res_users u ON u.id = d.user_id
    RETURNING channel
), digest AS (
    INSERT INTO ir_cron_trigger (cron_id, call_at, create_date, write_date,
                                 create_uid, write_uid)
    SELECT %(digest)s, now() at time zone 'UTC' + %(delay)s, now() at time zone 'UTC',
           now() at time zone 'UTC', 1, 1
     WHERE EXISTS (SELECT 1 FROM mail_activity
                    WHERE id > %(mark)s AND visit_digest_pending)
    RETURNING id
)
SELECT (SELECT json_agg(channel::json) FROM counters)::text
"""


@contextmanager
def notifier():
    """A connection to the `postgres` database, where Odoo's bus listens,
    opened before a floor is timed: a hand-written floor keeps one open (Odoo
    opens one for each notification after each commit)."""
    _db, info = sql_db.connection_info_for("postgres")
    connection = psycopg2.connect(**info)
    connection.autocommit = True
    try:
        yield connection
    finally:
        connection.close()


def floor_done(env, floor, marks, notifying):
    """Runs the floor's statement and does what its cron does besides, so that
    both are timed for the same work: the assignees' activity counters told on
    the bus and the digest queued (FLOOR_TELLS), the commit, the bus's
    notification. Returns what the floor wrote."""
    # importable once the registry has loaded the addons
    from odoo.addons.visit_management.models.mail_activity import DIGEST_DELAY

    cr = env.cr
    written = floor(env)
    cr.execute(
        SQL(
            FLOOR_TELLS,
            mark=marks["mail_activity"],
            today=fields.Date.today(),
            db=cr.dbname,
            digest=env.ref("visit_management.ir_cron_visit_reminder_digest").id,
            delay=DIGEST_DELAY,
        )
    )
    (channels,) = cr.fetchone()
    cr.commit()
    if channels:
        with notifying.cursor() as pg:
            pg.execute("SELECT pg_notify('imbus', %s)", [channels])
    return written


# ----------------------------------------------------------------------
# The floors' shared part: callbacks and their callers' activities
# ----------------------------------------------------------------------
# The floors' activities on a record: its columns, followed by their SELECT
# (res_name: the record's display name, user_tz: its assignee's, as Odoo stores).
RECORD_ACTIVITY_INSERT = """INSERT INTO mail_activity (
    res_model_id, res_model, res_id, activity_type_id, user_id, summary,
    res_name, user_tz, date_deadline, automated, active, visit_digest_pending,
    create_date, write_date, create_uid, write_uid)"""


def user_tz(user_column):
    """SQL: the timezone of the user in `user_column` (an activity's user_tz)."""
    return f"""(SELECT up.tz FROM res_users u JOIN res_partner up
                  ON up.id = u.partner_id WHERE u.id = {user_column})"""


def subscribing(env, activities, *models):
    """The CTEs, to follow a WITH list, subscribing each assignee of the
    activities to their record with the default subtypes of its model, as the
    crons' activities do (Odoo's `mail.activity.create`): `activities` names a
    CTE returning res_model, res_id and user_id."""
    Subtype = env["mail.message.subtype"]
    subtypes = SQL(", ").join(
        SQL("(%s, %s::int[])", model, Subtype.default_subtypes(model)[0].ids)
        for model in models
    )
    return SQL(
        """
        , followers AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT DISTINCT a.res_model, a.res_id, u.partner_id
              FROM %(activities)s a
              JOIN res_users u ON u.id = a.user_id
             WHERE a.res_model IS NOT NULL
                ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
            RETURNING id, res_model
        ), follower_subtypes AS (
            INSERT INTO mail_followers_mail_message_subtype_rel (
                mail_followers_id, mail_message_subtype_id)
            SELECT f.id, s.id
              FROM followers f
              JOIN (VALUES %(subtypes)s) m(model, ids) ON m.model = f.res_model
             CROSS JOIN unnest(m.ids) s(id)
        )
        """,
        activities=SQL.identifier(activities),
        subtypes=subtypes,
    )


def callbacks_floor(env, select):
    """One statement: the callbacks of `select` (columns callback_type,
    resident_id, unit_id, estate_id, user_id, period_date, due_date,
    latest_date, complaint_id, repair_id, festival_id) and an activity for each
    caller. Returns how many callbacks."""
    activity_type = env.ref(CALLBACK_ACTIVITY).id
    model_id = env["ir.model"]._get_id(CALLBACK_MODEL)
    env.cr.execute(
        SQL(
            f"""
            WITH new AS (%(select)s),
            created AS (
                INSERT INTO property_resident_callback (
                    state, callback_type, resident_id, unit_id, estate_id,
                    company_id, user_id, method, period_date, due_date,
                    latest_date, complaint_id, repair_id, festival_id,
                    attempt_count, on_time, follow_up_needed, follow_up_type,
                    create_date, write_date, create_uid, write_uid)
                SELECT 'todo', n.callback_type, n.resident_id, n.unit_id,
                       n.estate_id, e.company_id, n.user_id,
                       CASE WHEN n.callback_type IN ('move_in', 'incident',
                                                     'festival')
                            THEN 'onsite' ELSE 'phone' END,
                       n.period_date, n.due_date, n.latest_date, n.complaint_id,
                       n.repair_id, n.festival_id, 0, FALSE, FALSE, 'activity',
                       now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
                  FROM new n
                  JOIN property_estate e ON e.id = n.estate_id
             RETURNING id, user_id, due_date, callback_type, resident_id
            ), activities AS (
                {RECORD_ACTIVITY_INSERT}
                SELECT %(model_id)s, %(model)s, c.id, %(activity_type)s, c.user_id,
                       d.name, d.name, {user_tz("c.user_id")},
                       c.due_date, TRUE, TRUE, TRUE,
                       now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
                  FROM created c
                  JOIN res_partner p ON p.id = c.resident_id
                 CROSS JOIN LATERAL (
                       SELECT initcap(replace(c.callback_type, '_', ' ')) || ': '
                              || p.name || ' (' || c.due_date || ')' AS name) d
                 WHERE c.user_id IS NOT NULL
             RETURNING res_model, res_id, user_id
            ) %(subscribing)s
            SELECT count(*) FROM activities
            """,
            select=select,
            model_id=model_id,
            model=CALLBACK_MODEL,
            activity_type=activity_type,
            subscribing=subscribing(env, "activities", CALLBACK_MODEL),
        )
    )
    return env.cr.fetchone()[0]


# ----------------------------------------------------------------------
# The outside services, on loopback
# ----------------------------------------------------------------------
ROBOT_MESSAGES = 500  # queued for the robots' cron on its worst day
# a house number in Shanghai, in Amap's coordinates (GCJ-02)
GEOCODED = {
    "status": "1",
    "info": "OK",
    "count": "1",
    "geocodes": [{"level": "门牌号", "location": "121.5315419,31.1753040"}],
}


class ServiceStandIn(BaseHTTPRequestHandler):
    """Amap's geocoder (GET) and a WeCom robot's webhook (POST), answering
    every request with success."""

    def _answer(self, payload):
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._answer(GEOCODED)

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self._answer({"errcode": 0, "errmsg": "ok"})

    def log_message(self, *args):
        pass


@contextmanager
def services_on_loopback():
    """The stand-in's base URL while it serves."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), ServiceStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def bench_robot(env, base_url):
    Robot = env["visit.robot"].sudo()
    robot = Robot.search([("name", "=", "Bench Robot")], limit=1)
    if not robot:
        robot = Robot.create(
            {
                "name": "Bench Robot",
                "service": "wecom",
                "webhook_url": f"{base_url}/cgi-bin/webhook/send?key=bench",
            }
        )
    robot.webhook_url = f"{base_url}/cgi-bin/webhook/send?key=bench"
    return robot


def robot_crons(env, base_url):
    """The robots' cron with ROBOT_MESSAGES queued (a morning of busy groups)."""
    robot = bench_robot(env, base_url)
    env.cr.commit()

    def reset(env):
        env.cr.execute(
            SQL(
                """
                DELETE FROM visit_robot_message WHERE robot_id = %(robot)s;
                INSERT INTO visit_robot_message (
                    robot_id, company_id, body, state, attempts, next_attempt,
                    create_date, write_date, create_uid, write_uid)
                SELECT %(robot)s, %(company)s, '【Bench】message ' || n, 'queued', 0,
                       now() at time zone 'UTC' - interval '1 minute',
                       now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
                  FROM generate_series(1, %(count)s) n
                """,
                robot=robot.id,
                company=robot.company_id.id,
                count=ROBOT_MESSAGES,
            )
        )

    def sent(env, marks):
        env.cr.execute(
            SQL(
                """
                SELECT count(*) FROM visit_robot_message
                 WHERE robot_id = %s AND state = 'sent'
                """,
                robot.id,
            )
        )
        count = env.cr.fetchone()[0]
        return count, f"{count} messages sent"

    def floor(env):
        """The same requests one after the other, one UPDATE."""
        env.cr.execute(
            SQL(
                "SELECT id, body FROM visit_robot_message WHERE robot_id = %s",
                robot.id,
            )
        )
        messages = env.cr.fetchall()
        url = robot.webhook_url
        for _id, body in messages:
            reply = requests.post(
                url, json={"msgtype": "text", "text": {"content": body}}, timeout=10
            )
            reply.raise_for_status()
            assert reply.json()["errcode"] == 0
        env.cr.execute(
            SQL(
                """
                UPDATE visit_robot_message
                   SET state = 'sent', sent_date = now() at time zone 'UTC'
                 WHERE id = ANY(%s)
                """,
                [message_id for message_id, _body in messages],
            )
        )
        return env.cr.rowcount

    def restore(env):
        env.cr.execute(
            SQL("DELETE FROM visit_robot_message WHERE robot_id = %s", robot.id)
        )

    return Cron(
        "cron: robot messages",
        env["visit.robot.message"]._cron_send,
        sent,
        floor=floor,
        reset=reset,
        restore=restore,
        floor_note=f"{ROBOT_MESSAGES} messages to a WeCom webhook on loopback; "
        "floor: the same requests, one UPDATE",
    )


POSITION_FIELDS = [
    "partner_latitude",
    "partner_longitude",
    "visit_approximate_latitude",
    "visit_approximate_longitude",
    "visit_position_approximate",
]
GEOCODER_PARAMETERS = (
    "base_geolocalize.geo_provider",
    "visit_management.amap_key",
    "visit_management.amap_geocode_url",
)


def geocoding_cron(env, base_url):
    """The geocoding cron (GEOCODE_BATCH customers a run) among the customers
    the data set leaves without a position, Amap on loopback."""
    parameters = env["ir.config_parameter"].sudo()
    saved = {key: parameters.get_param(key) for key in GEOCODER_PARAMETERS}
    env.cr.execute(
        """
        CREATE TEMP TABLE IF NOT EXISTS bench_unplaced AS
        SELECT id FROM res_partner
         WHERE is_company AND visit_tier IS NOT NULL
           AND coalesce(partner_latitude, 0) = 0
           AND coalesce(partner_longitude, 0) = 0
        """
    )

    def reset(env):
        parameters.set_param(
            "base_geolocalize.geo_provider",
            env.ref("visit_management.geoprovider_amap").id,
        )
        parameters.set_param("visit_management.amap_key", "bench")
        parameters.set_param(
            "visit_management.amap_geocode_url", f"{base_url}/v3/geocode/geo"
        )
        env.cr.execute(
            """
            UPDATE res_partner
               SET partner_latitude = 0, partner_longitude = 0,
                   visit_approximate_latitude = 0, visit_approximate_longitude = 0,
                   visit_position_approximate = FALSE,
                   visit_geocode_failed_date = NULL, date_localization = NULL
             WHERE id IN (SELECT id FROM bench_unplaced)
               AND (partner_latitude != 0 OR visit_geocode_failed_date IS NOT NULL)
            RETURNING id
            """
        )
        # the reports of a customer placed were judged again against its new
        # position: judged again against none
        unplaced = env["res.partner"].browse(row[0] for row in env.cr.fetchall())
        unplaced.invalidate_recordset()
        unplaced.modified(POSITION_FIELDS)
        env.flush_all()

    def placed(env, marks):
        env.cr.execute(
            """
            SELECT count(*) FROM res_partner
             WHERE id IN (SELECT id FROM bench_unplaced) AND partner_latitude != 0
            """
        )
        count = env.cr.fetchone()[0]
        return count, f"{count} customers placed"

    def floor(env):
        """The same customers (the cron's query), one request each, one UPDATE."""
        from odoo.addons.visit_management.models.res_partner_geocoding import (
            GEOCODE_BATCH,
        )

        env.cr.execute(
            SQL(
                """
                SELECT id, coalesce(city, '') || coalesce(street, '')
                  FROM res_partner
                 WHERE is_company AND visit_tier IS NOT NULL
                   AND (city IS NOT NULL OR street IS NOT NULL)
                   AND coalesce(partner_latitude, 0) = 0
                   AND coalesce(partner_longitude, 0) = 0
                   AND visit_geocode_failed_date IS NULL
                 ORDER BY id LIMIT %s
                """,
                GEOCODE_BATCH,
            )
        )
        customers = env.cr.fetchall()
        url = f"{base_url}/v3/geocode/geo"
        for _id, address in customers:
            reply = requests.get(
                url, params={"key": "bench", "address": address}, timeout=10
            )
            reply.raise_for_status()
            reply.json()
        env.cr.execute(
            SQL(
                """
                UPDATE res_partner SET partner_latitude = 31.17743,
                       partner_longitude = 121.52721, date_localization = %s
                 WHERE id = ANY(%s)
                """,
                fields.Date.today(),
                [customer_id for customer_id, _address in customers],
            )
        )
        return env.cr.rowcount

    def restore(env):
        for key, value in saved.items():
            parameters.set_param(key, value or False)

    return Cron(
        "cron: geocoding",
        env["res.partner"]._cron_visit_geo_localize,
        placed,
        floor=floor,
        reset=reset,
        restore=lambda env: (reset(env), restore(env)),
        floor_note="a run's batch of customers without a position, Amap on "
        "loopback; floor: the same requests, one UPDATE",
    )


# ----------------------------------------------------------------------
# The crons: reset to the worst day, run, what they created, their floor
# ----------------------------------------------------------------------
def today(env):
    return fields.Date.context_today(env["property.callback.rules"])


# The floors of the rules that draw households write their draw into a
# temporary table first (floor_draw: estate_id, unit_id, resident_id, month,
# moved_in, households, percent, size, picked, sampled), then the samples with
# their units from it, then the callbacks of the picked households.
MOVE_IN_DRAW = """
CREATE TEMPORARY TABLE floor_draw ON COMMIT DROP AS
WITH moved AS (
    SELECT r.resident_estate_id AS estate_id, r.resident_unit_id AS unit_id,
           date_trunc('month', r.resident_move_in_date)::date AS month,
           min(r.resident_move_in_date) AS moved_in,
           (array_agg(r.id ORDER BY r.resident_role != 'owner', r.id))[1]
               AS resident_id
      FROM res_partner r
      JOIN property_estate e ON e.id = r.resident_estate_id AND e.active
      JOIN res_company c ON c.id = e.company_id AND c.property_move_in_callbacks
     WHERE r.active AND r.resident_role IN ('owner', 'tenant')
       AND r.resident_move_in_date
           >= %(today)s - make_interval(months => c.property_move_in_latest_months)
       AND r.resident_move_in_date <= %(today)s
  GROUP BY 1, 2, 3
), counted AS (
    SELECT m.*, count(*) OVER w AS households,
           row_number() OVER (w ORDER BY hashint4(m.unit_id)) AS draw
      FROM moved m
    WINDOW w AS (PARTITION BY m.estate_id, m.month)
)
SELECT n.estate_id, n.unit_id, n.resident_id, n.month, n.moved_in, n.households,
       c.property_mass_move_in_percent AS percent, z.size,
       n.households <= c.property_mass_move_in_threshold OR n.draw <= z.size
           AS picked,
       n.households > c.property_mass_move_in_threshold AS sampled
  FROM counted n
  JOIN property_estate e ON e.id = n.estate_id
  JOIN res_company c ON c.id = e.company_id
 CROSS JOIN LATERAL (
       SELECT ceil(n.households * c.property_mass_move_in_percent / 100.0)::int
              AS size) z
 WHERE NOT EXISTS (
        SELECT 1 FROM property_resident_callback cb
         WHERE cb.callback_type = 'move_in' AND cb.unit_id = n.unit_id
           AND cb.period_date = n.month)
"""

MOVE_IN_CALLBACKS = """
SELECT 'move_in' AS callback_type, n.resident_id, n.unit_id, n.estate_id,
       e.manager_id AS user_id, n.month AS period_date,
       (n.moved_in + make_interval(months => c.property_move_in_due_months))::date
           AS due_date,
       (n.moved_in + make_interval(months => c.property_move_in_latest_months))::date
           AS latest_date,
       NULL::int AS complaint_id, NULL::int AS repair_id, NULL::int AS festival_id
  FROM floor_draw n
  JOIN property_estate e ON e.id = n.estate_id
  JOIN res_company c ON c.id = e.company_id
 WHERE n.picked
"""

ORIGIN_FLOOR = """
SELECT 'complaint' AS callback_type, x.resident_id, x.unit_id, x.estate_id,
       e.manager_id AS user_id, NULL::date AS period_date,
       (x.resolved_datetime::date + c.property_complaint_callback_days) AS due_date,
       NULL::date AS latest_date, x.id AS complaint_id, NULL::int AS repair_id,
       NULL::int AS festival_id
  FROM property_complaint x
  JOIN property_estate e ON e.id = x.estate_id
  JOIN res_company c ON c.id = x.company_id AND c.property_complaint_callbacks
 WHERE x.state IN ('resolved', 'closed')
   AND (x.caused_by_management OR c.property_complaint_callback_all)
   AND NOT EXISTS (SELECT 1 FROM property_resident_callback cb
                    WHERE cb.complaint_id = x.id)
UNION ALL
SELECT 'repair', x.resident_id, x.unit_id, x.estate_id,
       coalesce(e.repair_supervisor_id, e.manager_id), NULL,
       x.done_datetime::date + c.property_repair_callback_days, NULL, NULL, x.id,
       NULL
  FROM property_repair_request x
  JOIN property_repair_category k ON k.id = x.category_id AND k.callback_required
  JOIN property_estate e ON e.id = x.estate_id
  JOIN res_company c ON c.id = x.company_id AND c.property_repair_callbacks
 WHERE x.state = 'done'
   AND NOT EXISTS (SELECT 1 FROM property_resident_callback cb
                    WHERE cb.repair_id = x.id)
"""

FESTIVAL_FLOOR = """
SELECT 'festival' AS callback_type, r.id AS resident_id, r.resident_unit_id AS unit_id,
       r.resident_estate_id AS estate_id, e.manager_id AS user_id,
       f.date AS period_date, f.date AS due_date, NULL::date AS latest_date,
       NULL::int AS complaint_id, NULL::int AS repair_id, f.id AS festival_id
  FROM property_festival f
  JOIN property_estate e ON e.company_id = f.company_id AND e.active
  JOIN res_partner r ON r.resident_estate_id = e.id AND r.active
 WHERE f.id = %(festival)s AND r.resident_unit_id IS NOT NULL
   AND (r.resident_disabled OR r.resident_key
        OR (r.resident_without_children
            AND r.resident_birth_date <= f.date - interval '60 years'))
   AND NOT EXISTS (
        SELECT 1 FROM property_resident_callback cb
         WHERE cb.callback_type = 'festival' AND cb.festival_id = f.id
           AND cb.period_date = f.date AND cb.resident_id = r.id)
"""

ROUTINE_DRAW = """
CREATE TEMPORARY TABLE floor_draw ON COMMIT DROP AS
WITH busy AS (
    SELECT unit_id FROM property_complaint
     WHERE unit_id IS NOT NULL
       AND (received_date >= %(month)s OR state IN ('new', 'in_progress'))
    UNION
    SELECT unit_id FROM property_repair_request
     WHERE requested_date >= %(month)s OR state != 'done'
    UNION
    SELECT cb.unit_id FROM property_resident_callback cb
      JOIN res_company c ON c.id = cb.company_id
     WHERE cb.unit_id IS NOT NULL AND cb.state != 'cancelled'
       AND (cb.due_date >= %(month)s
            OR (cb.callback_type = 'routine'
                AND cb.due_date >= %(month)s
                    - make_interval(months => c.property_routine_exclusion_months)))
), households AS (
    SELECT r.resident_unit_id AS unit_id, r.resident_estate_id AS estate_id,
           (array_agg(r.id ORDER BY array_position(
               ARRAY['owner', 'tenant', 'family']::varchar[], r.resident_role), r.id
           ))[1] AS resident_id,
           count(*) OVER (PARTITION BY r.resident_estate_id) AS households
      FROM res_partner r
     WHERE r.active AND r.resident_estate_id IS NOT NULL
       AND r.resident_role IS NOT NULL
  GROUP BY 1, 2
), ranked AS (
    SELECT h.*, row_number() OVER (PARTITION BY h.estate_id
                                   ORDER BY hashint4(h.unit_id)) AS draw
      FROM households h
     WHERE h.unit_id NOT IN (SELECT unit_id FROM busy WHERE unit_id IS NOT NULL)
)
SELECT n.estate_id, n.unit_id, n.resident_id, %(month)s::date AS month,
       NULL::date AS moved_in, n.households, NULL::int AS percent, z.size,
       n.draw <= z.size AS picked, TRUE AS sampled
  FROM ranked n
  JOIN property_estate e ON e.id = n.estate_id AND e.active AND e.routine_callbacks
  JOIN res_company c ON c.id = e.company_id AND c.property_routine_callbacks
 CROSS JOIN LATERAL (
       SELECT c.property_routine_min
              + mod(e.id, c.property_routine_max - c.property_routine_min + 1)
              AS size) z
"""

ROUTINE_CALLBACKS = """
SELECT 'routine' AS callback_type, n.resident_id, n.unit_id, n.estate_id,
       e.manager_id AS user_id, n.month AS period_date,
       %(month_end)s::date AS due_date, NULL::date AS latest_date,
       NULL::int AS complaint_id, NULL::int AS repair_id, NULL::int AS festival_id
  FROM floor_draw n
  JOIN property_estate e ON e.id = n.estate_id
 WHERE n.picked
"""

# The samples of floor_draw's sampled households, with the units drawn from and
# the units picked, as the rules record their draws.
SAMPLES_FLOOR = """
WITH samples AS (
    INSERT INTO property_callback_sample (
        estate_id, company_id, sample_type, period_date, draw_number, seed,
        household_count, percent, size, candidate_count, selected_count,
        create_date, write_date, create_uid, write_uid)
    SELECT d.estate_id, e.company_id, %(sample_type)s, d.month, 1,
           concat_ws('/', %(sample_type)s, d.estate_id, to_char(d.month, 'YYYY-MM'),
                     %(draw_number)s),
           d.households, d.percent, d.size, count(*),
           count(*) FILTER (WHERE d.picked),
           now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
      FROM floor_draw d
      JOIN property_estate e ON e.id = d.estate_id
     WHERE d.sampled
  GROUP BY d.estate_id, e.company_id, d.month, d.households, d.percent, d.size
    RETURNING id, estate_id, period_date
), candidates AS (
    INSERT INTO property_callback_sample_candidate_rel (sample_id, unit_id)
    SELECT s.id, d.unit_id
      FROM samples s
      JOIN floor_draw d ON d.estate_id = s.estate_id AND d.month = s.period_date
)
INSERT INTO property_callback_sample_selected_rel (sample_id, unit_id)
SELECT s.id, d.unit_id
  FROM samples s
  JOIN floor_draw d ON d.estate_id = s.estate_id AND d.month = s.period_date
 WHERE d.picked
"""


def drawing_floor(env, draw, callbacks, sample_type, draw_number, **args):
    """The floor of a rule drawing households: its draw, its samples with their
    units, its callbacks. Returns how many callbacks."""
    env.cr.execute(SQL(draw, **args))
    env.cr.execute(SQL(SAMPLES_FLOOR, sample_type=sample_type, draw_number=draw_number))
    return callbacks_floor(env, SQL(callbacks, **args))


# Score of a set of callbacks as _score_figures: d due, o done, t on time, r
# rated, s satisfaction sum; w the company's weights.
SCORE = """
round(((c.property_assessment_weight_rate
          * CASE WHEN {d} > 0 THEN 100.0 * {o} / {d} ELSE 100 END
        + c.property_assessment_weight_timeliness
          * CASE WHEN {d} > 0 THEN 100.0 * {t} / {d} ELSE 100 END
        + CASE WHEN {r} > 0 THEN c.property_assessment_weight_satisfaction
                                 * 20.0 * {s} / {r} ELSE 0 END)
       / nullif(c.property_assessment_weight_rate
                + c.property_assessment_weight_timeliness
                + CASE WHEN {r} > 0 THEN c.property_assessment_weight_satisfaction
                       ELSE 0 END, 0))::numeric, 2)
"""
GRADE = """CASE WHEN {x} >= 90 THEN 'excellent' WHEN {x} >= 80 THEN 'good'
     WHEN {x} >= 70 THEN 'fair' WHEN {x} >= 60 THEN 'poor' ELSE 'below' END"""
LINE_SCORE = SCORE.format(d="l.due", o="l.done", t="l.on_time", r="l.rated", s="l.sat")
TOTAL_SCORE = SCORE.format(d="a.due", o="a.done", t="a.on_time", r="a.rated", s="a.sat")

ASSESSMENT_FLOOR = f"""
WITH l AS (
    SELECT cb.estate_id, cb.user_id, count(*) AS due,
           count(*) FILTER (WHERE cb.state = 'done') AS done,
           count(*) FILTER (WHERE cb.state = 'done' AND cb.on_time) AS on_time,
           count(*) FILTER (WHERE cb.state = 'unreachable') AS unreachable,
           count(cb.satisfaction) AS rated,
           coalesce(sum(cb.satisfaction::int), 0) AS sat
      FROM property_resident_callback cb
      JOIN property_estate e ON e.id = cb.estate_id AND e.active
     WHERE cb.due_date >= %(month)s AND cb.due_date < %(next_month)s
       AND cb.state != 'cancelled'
  GROUP BY 1, 2
), a AS (
    SELECT e.id AS estate_id, e.company_id,
           coalesce(sum(l.due), 0) AS due, coalesce(sum(l.done), 0) AS done,
           coalesce(sum(l.on_time), 0) AS on_time,
           coalesce(sum(l.unreachable), 0) AS unreachable,
           coalesce(sum(l.rated), 0) AS rated, coalesce(sum(l.sat), 0) AS sat
      FROM property_estate e
      LEFT JOIN l ON l.estate_id = e.id
     WHERE e.active
  GROUP BY 1, 2
), assessed AS (
    INSERT INTO property_callback_assessment (
        estate_id, company_id, month, state, due_count, done_count, on_time_count,
        unreachable_count, callback_rate, timeliness, satisfaction, score, grade,
        create_date, write_date, create_uid, write_uid)
    SELECT a.estate_id, a.company_id, %(month)s, 'draft', a.due, a.done, a.on_time,
           a.unreachable,
           CASE WHEN a.due > 0 THEN 100.0 * a.done / a.due ELSE 100 END,
           CASE WHEN a.due > 0 THEN 100.0 * a.on_time / a.due ELSE 100 END,
           CASE WHEN a.rated > 0 THEN 1.0 * a.sat / a.rated ELSE 0 END,
           {TOTAL_SCORE}, {GRADE.format(x=TOTAL_SCORE)},
           now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
      FROM a JOIN res_company c ON c.id = a.company_id
    RETURNING id, estate_id, company_id
)
INSERT INTO property_callback_assessment_line (
    assessment_id, estate_id, company_id, month, user_id, due_count, done_count,
    on_time_count, unreachable_count, rated_count, satisfaction_sum,
    callback_rate, timeliness, satisfaction, score, grade,
    create_date, write_date, create_uid, write_uid)
SELECT s.id, s.estate_id, s.company_id, %(month)s, l.user_id, l.due, l.done,
       l.on_time, l.unreachable, l.rated, l.sat,
       CASE WHEN l.due > 0 THEN 100.0 * l.done / l.due ELSE 100 END,
       CASE WHEN l.due > 0 THEN 100.0 * l.on_time / l.due ELSE 100 END,
       CASE WHEN l.rated > 0 THEN 1.0 * l.sat / l.rated ELSE 0 END,
       {LINE_SCORE}, {GRADE.format(x=LINE_SCORE)},
       now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
  FROM assessed s
  JOIN l ON l.estate_id = s.estate_id
  JOIN res_company c ON c.id = s.company_id
"""

REPORT_REMINDERS_FLOOR = f"""
WITH late AS (
    SELECT r.id, r.user_id, r.manager_id, r.name, r.report_deadline,
           coalesce(r.rep_reminded, FALSE) AS reminded,
           r.report_deadline
               + make_interval(hours => c.visit_report_escalation_hours)
               < %(now)s AS escalated
      FROM visit_report r
      JOIN res_company c ON c.id = r.company_id
     WHERE r.active AND r.state = 'draft' AND r.report_deadline < %(now)s
       AND NOT coalesce(r.manager_reminded, FALSE)
), flagged AS (
    UPDATE visit_report r
       SET rep_reminded = TRUE, manager_reminded = l.escalated
      FROM late l WHERE r.id = l.id
    RETURNING r.id
), lines AS (
    SELECT pl.id, pl.user_id, pl.plan_id, p.name AS plan_name, p.manager_id,
           pl.planned_datetime, coalesce(pl.rep_reminded, FALSE) AS reminded,
           rp.name AS partner,
           pl.planned_datetime + make_interval(
               secs => (pl.duration + c.visit_report_escalation_hours) * 3600)
               < %(now)s AS escalated
      FROM visit_plan_line pl
      JOIN visit_plan p ON p.id = pl.plan_id AND p.state = 'approved'
      JOIN res_company c ON c.id = pl.company_id
      JOIN res_partner rp ON rp.id = pl.partner_id
      LEFT JOIN res_users u ON u.id = pl.user_id
      LEFT JOIN res_partner up ON up.id = u.partner_id
     WHERE pl.planned_datetime < %(now)s
       AND NOT coalesce(pl.manager_reminded, FALSE)
       AND NOT EXISTS (SELECT 1 FROM visit_report r WHERE r.plan_line_id = pl.id)
       AND (pl.planned_datetime AT TIME ZONE 'UTC'
                AT TIME ZONE coalesce(up.tz, 'UTC'))::date
           < (%(now)s AT TIME ZONE 'UTC' AT TIME ZONE coalesce(up.tz, 'UTC'))::date
), lines_flagged AS (
    UPDATE visit_plan_line pl
       SET rep_reminded = TRUE, manager_reminded = l.escalated
      FROM lines l WHERE pl.id = l.id
    RETURNING pl.id
), reviews AS (
    UPDATE visit_report r SET review_reminded = TRUE
     WHERE r.active AND r.state = 'submitted' AND r.review_deadline < %(now)s
       AND NOT coalesce(r.review_reminded, FALSE)
    RETURNING r.id, r.manager_id, r.name
), reps AS (
    {RECORD_ACTIVITY_INSERT}
    SELECT %(report_model_id)s, 'visit.report', l.id, %(type)s, l.user_id,
           'The visit report ' || l.name || ' was due on ' || l.report_deadline,
           l.name, {user_tz("l.user_id")}, %(today)s, TRUE, TRUE, TRUE, %(now)s,
           %(now)s, 1, 1
      FROM late l WHERE NOT l.reminded
    UNION ALL
    SELECT %(plan_model_id)s, 'visit.plan', l.plan_id, %(type)s, l.user_id,
           'Report your visit to ' || l.partner || ' planned on '
               || l.planned_datetime,
           l.plan_name, {user_tz("l.user_id")}, %(today)s, TRUE, TRUE, TRUE,
           %(now)s, %(now)s, 1, 1
      FROM lines l WHERE NOT l.reminded
    RETURNING res_model, res_id, user_id
) %(subscribing)s, escalated AS (
    SELECT %(type)s AS type, 'Visit reports late past the escalation delay' AS title,
           manager_id, '/odoo/visit.report/' || id AS link, name AS label
      FROM late WHERE escalated
    UNION ALL
    SELECT %(type)s, 'Visit reports late past the escalation delay', manager_id,
           '/odoo/visit.plan.line/' || id, partner
      FROM lines WHERE escalated
    UNION ALL
    SELECT %(review_type)s, 'Visit reports to review, past their review deadline',
           manager_id, '/odoo/visit.report/' || id, name
      FROM reviews
), lists AS (
    INSERT INTO mail_activity (
        res_model_id, res_model, res_id, activity_type_id, user_id, summary, note,
        user_tz, date_deadline, automated, active, visit_digest_pending,
        create_date, write_date, create_uid, write_uid)
    SELECT NULL, NULL, NULL, e.type, e.manager_id, e.title,
           '<ul>' || string_agg('<li><a href="' || e.link || '">' || e.label
                                || '</a></li>', '') || '</ul>',
           {user_tz("e.manager_id")}, %(today)s, TRUE, TRUE, TRUE, %(now)s,
           %(now)s, 1, 1
      FROM escalated e
     WHERE e.manager_id IS NOT NULL
    GROUP BY e.type, e.title, e.manager_id
    RETURNING id
)
SELECT (SELECT count(*) FROM reps) + (SELECT count(*) FROM lists)
"""


PLAN_REMINDERS_FLOOR = f"""
WITH reps AS (
    SELECT * FROM unnest(%(users)s::int[], %(companies)s::int[], %(teams)s::int[],
                         %(managers)s::int[]) AS r(user_id, company_id, team_id,
                                                  manager_id)
), plans AS (
    INSERT INTO visit_plan (
        user_id, company_id, team_id, manager_id, period_type, state, date_start,
        date_end, submission_deadline, name, rep_reminded, submission_count,
        line_count, done_line_count, completion_rate,
        create_date, write_date, create_uid, write_uid)
    SELECT r.user_id, r.company_id, r.team_id, r.manager_id, 'month', 'draft',
           %(month)s, %(month_end)s, %(deadline)s,
           to_char(%(month)s::date, 'YYYY-MM') || ' / ' || p.name, TRUE, 0, 0, 0, 0,
           now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
      FROM reps r
      JOIN res_users u ON u.id = r.user_id
      JOIN res_partner p ON p.id = u.partner_id
     WHERE NOT EXISTS (
            SELECT 1 FROM visit_plan v
             WHERE v.user_id = r.user_id AND v.company_id = r.company_id
               AND v.period_type = 'month' AND v.date_start = %(month)s)
    RETURNING id, user_id, name
), reminders AS (
    {RECORD_ACTIVITY_INSERT}
    SELECT %(model_id)s, 'visit.plan', id, %(type)s, user_id,
           'Submit your visit plan for ' || to_char(%(month)s::date, 'YYYY-MM')
               || ' by ' || %(deadline)s,
           name, {user_tz("user_id")}, %(today)s, TRUE, TRUE, TRUE,
           now() at time zone 'UTC', now() at time zone 'UTC', 1, 1
      FROM plans
    RETURNING res_model, res_id, user_id
) %(subscribing)s
SELECT count(*) FROM reminders
"""


def plan_reminders_floor(env):
    """The reps are read with the ORM (as the cron does); the draft plans and
    their reminders are written in one statement."""
    reps = env["res.users"]._visit_reps()
    today = fields.Date.context_today(env["visit.plan"])
    month = today.replace(day=1) + relativedelta(months=1)
    env.cr.execute(
        SQL(
            PLAN_REMINDERS_FLOOR,
            users=reps.ids,
            companies=[rep._visit_company().id for rep in reps],
            teams=[rep.sale_team_id.id or None for rep in reps],
            managers=[rep.sale_team_id.user_id.id or None for rep in reps],
            month=month,
            month_end=month + relativedelta(months=1, days=-1),
            deadline=month - relativedelta(days=1),
            today=today,
            model_id=env["ir.model"]._get_id("visit.plan"),
            type=env.ref("visit_management.mail_activity_visit_plan_reminder").id,
            subscribing=subscribing(env, "reminders", "visit.plan"),
        )
    )
    return env.cr.fetchone()[0]


RECEPTION_REMINDERS_FLOOR = f"""
WITH due AS (
    UPDATE visit_reception r SET prep_reminded = TRUE
     WHERE r.state = 'confirmed' AND NOT coalesce(r.prep_reminded, FALSE)
       AND r.start_datetime > %(now)s
       AND r.start_datetime <= %(now)s + interval '1 day'
    RETURNING r.id, r.user_id, r.name
), items AS (
    SELECT d.id, d.name, d.user_id AS host_id, a.user_id
      FROM due d
      JOIN mail_activity a ON a.res_model = 'visit.reception' AND a.res_id = d.id
                          AND a.activity_type_id = %(prep_type)s
), people AS (
    SELECT user_id, id, name FROM items
    UNION
    SELECT host_id, id, name FROM items
), lists AS (
    INSERT INTO mail_activity (
        activity_type_id, user_id, summary, note, user_tz, date_deadline, automated,
        active, visit_digest_pending, create_date, write_date, create_uid, write_uid)
    SELECT %(reminder_type)s, user_id,
           'Receptions within a day, with preparation still open',
           '<ul>' || string_agg('<li><a href="/odoo/visit.reception/' || id || '">'
                                || name || '</a></li>', '') || '</ul>',
           {user_tz("user_id")}, %(today)s, TRUE, TRUE, TRUE, %(now)s, %(now)s, 1, 1
      FROM people WHERE user_id IS NOT NULL
  GROUP BY user_id
    RETURNING id
), unclosed AS (
    UPDATE visit_reception r SET close_flagged = TRUE
     WHERE r.state IN ('confirmed', 'in_progress')
       AND NOT coalesce(r.close_flagged, FALSE)
       AND r.stop_datetime < %(now)s - interval '1 day'
    RETURNING r.id, r.user_id, r.name, r.stop_datetime,
              concat_ws(' ', r.name, (SELECT p.name FROM res_partner p
                                       WHERE p.id = r.partner_id)) AS display_name
), closing AS (
    {RECORD_ACTIVITY_INSERT}
    SELECT %(model_id)s, 'visit.reception', id, %(close_type)s, user_id,
           'Close ' || name || ': the visit ended on ' || stop_datetime,
           display_name, {user_tz("user_id")}, %(today)s, TRUE, TRUE, TRUE,
           %(now)s, %(now)s, 1, 1
      FROM unclosed
    RETURNING res_model, res_id, user_id
) %(subscribing)s
SELECT (SELECT count(*) FROM lists) + (SELECT count(*) FROM closing)
"""


def reception_reminders_reset(env):
    """Tomorrow's receptions (those with preparation open) not reminded and
    starting within the day whatever the hour of the run (the generator puts
    them at 10:00 tomorrow in Shanghai, more than a day ahead before 02:00
    UTC), and a week of receptions left open not flagged (what the generator
    leaves)."""
    now = fields.Datetime.now()
    env.cr.execute(
        SQL(
            """
            UPDATE visit_reception r
               SET prep_reminded = FALSE,
                   start_datetime = %(start)s,
                   stop_datetime = %(start)s + interval '90 minutes'
             WHERE r.state = 'confirmed'
               AND EXISTS (SELECT 1 FROM mail_activity a
                            WHERE a.res_model = 'visit.reception'
                              AND a.res_id = r.id
                              AND a.activity_type_id = %(prep_type)s);
            UPDATE visit_reception SET close_flagged = FALSE
             WHERE state IN ('confirmed', 'in_progress')
               AND stop_datetime >= %(since)s;
            """,
            start=now + relativedelta(hours=12),
            prep_type=env.ref("visit_management.mail_activity_visit_reception_prep").id,
            since=now - relativedelta(days=8),
        )
    )


def reception_reminders_created(env, marks):
    cr = env.cr
    lists = created_since(cr, marks, "mail_activity", SQL("res_model IS NULL"))
    to_close = created_since(
        cr, marks, "mail_activity", SQL("res_model = 'visit.reception'")
    )
    return lists + to_close, f"{lists} preparation lists, {to_close} to close"


def reception_reminders_floor(env):
    ref = env.ref
    env.cr.execute(
        SQL(
            RECEPTION_REMINDERS_FLOOR,
            now=fields.Datetime.now(),
            today=fields.Date.context_today(env["visit.reception"]),
            prep_type=ref("visit_management.mail_activity_visit_reception_prep").id,
            reminder_type=ref(
                "visit_management.mail_activity_visit_reception_reminder"
            ).id,
            close_type=ref("visit_management.mail_activity_visit_reception_close").id,
            model_id=env["ir.model"]._get_id("visit.reception"),
            subscribing=subscribing(env, "closing", "visit.reception"),
        )
    )
    return env.cr.fetchone()[0]


class Cron:
    """A scheduled action measured: `run` as the scheduler runs it; `reset`
    makes its worst day (and `restore` undoes what reset changed besides rows
    created); `created(env, marks)` says what the run made; `floor(env)` does
    the same writes in SQL (None: no floor, `floor_note` says why)."""

    def __init__(
        self, name, run, created, floor=None, reset=None, restore=None, floor_note=""
    ):
        self.name = name
        self.run = run
        self.created = created
        self.floor = floor
        self.reset = reset or (lambda env: None)
        self.restore = restore or (lambda env: None)
        self.floor_note = floor_note


def callbacks_created(*callback_types):
    def created(env, marks):
        cr = env.cr
        callbacks = created_since(
            cr,
            marks,
            "property_resident_callback",
            SQL("callback_type IN %s", callback_types),
        )
        activities = created_since(
            cr, marks, "mail_activity", SQL("res_model = %s", CALLBACK_MODEL)
        )
        return callbacks, f"{callbacks:,} callbacks, {activities:,} activities"

    return created


def delete_callbacks(env, where):
    cr = env.cr
    cr.execute(
        SQL(
            """
            DELETE FROM mail_activity a USING property_resident_callback cb
             WHERE a.res_model = %s AND a.res_id = cb.id AND %s
            """,
            CALLBACK_MODEL,
            where,
        )
    )
    cr.execute(SQL("DELETE FROM property_resident_callback cb WHERE %s", where))


def festival(env):
    return (
        env["property.festival"]
        .sudo()
        .search([("name", "=", "Bench Festival")], limit=1)
    )


def digests_reset(env):
    """The day of a festival: its visits made (the festival cron run, not
    timed), each office manager with hundreds of new reminders; the reps'
    overdue lists, which the due-date cron left pending, pending again (the
    run before this one told them)."""
    env["property.callback.rules"]._cron_festival_visits()
    env.cr.execute(
        SQL(
            "UPDATE mail_activity SET visit_digest_pending = TRUE "
            "WHERE activity_type_id = %s AND active",
            env.ref("visit_management.mail_activity_visit_overdue").id,
        )
    )


def digests_created(env, marks):
    messages = created_since(env.cr, marks, "mail_message")
    return messages, f"{messages} digests"


def reset_festival(env):
    fest = festival(env)
    delete_callbacks(env, SQL("cb.festival_id = %s", fest.id))
    env.cr.execute(
        SQL("UPDATE property_festival SET done_date = NULL WHERE id = %s", fest.id)
    )


def last_month(env):
    return today(env).replace(day=1) - relativedelta(months=1)


def reset_callback_assessments(env):
    env.cr.execute(
        SQL(
            """
            DELETE FROM property_callback_assessment_line
             WHERE assessment_id IN (SELECT id FROM property_callback_assessment
                                      WHERE month = %(month)s);
            DELETE FROM property_callback_assessment WHERE month = %(month)s;
            """,
            month=last_month(env),
        )
    )


def assessments_created(env, marks):
    count = created_since(env.cr, marks, "property_callback_assessment")
    env.cr.execute(
        SQL(
            """
            SELECT count(*) FROM property_callback_assessment_line
             WHERE assessment_id > %s
            """,
            marks["property_callback_assessment"],
        )
    )
    lines = env.cr.fetchone()[0]
    return count, f"{count} assessments, {lines} lines"


def reset_reminders(env):
    """The reminders' backlog of a week: what the generator left unreminded."""
    cr = env.cr
    since = fields.Datetime.now() - relativedelta(days=7)
    cr.execute(
        SQL(
            """
            UPDATE visit_report SET rep_reminded = FALSE, manager_reminded = FALSE
             WHERE state = 'draft' AND report_deadline >= %(since)s;
            UPDATE visit_plan_line SET rep_reminded = FALSE, manager_reminded = FALSE
             WHERE planned_datetime >= %(since)s;
            UPDATE visit_report SET review_reminded = FALSE
             WHERE state = 'submitted' AND review_deadline >= %(since)s;
            """,
            since=since,
        )
    )


def report_reminders_created(env, marks):
    cr = env.cr
    activities = created_since(cr, marks, "mail_activity")
    lists = created_since(cr, marks, "mail_activity", SQL("res_model IS NULL"))
    return activities, f"{activities - lists:,} reminders, {lists} managers' lists"


def report_reminders_floor(env):
    now = fields.Datetime.now()
    env.cr.execute(
        SQL(
            REPORT_REMINDERS_FLOOR,
            now=now,
            today=fields.Date.context_today(env["visit.report"]),
            type=env.ref("visit_management.mail_activity_visit_report_reminder").id,
            review_type=env.ref("visit_management.mail_activity_visit_review_late").id,
            report_model_id=env["ir.model"]._get_id("visit.report"),
            plan_model_id=env["ir.model"]._get_id("visit.plan"),
            subscribing=subscribing(env, "reps", "visit.report", "visit.plan"),
        )
    )
    return env.cr.fetchone()[0]


def plan_reminders_reset(env):
    company = env.ref("base.main_company")
    env.cr.execute(
        SQL(
            "UPDATE res_company SET visit_plan_reminder_days = 40 WHERE id = %s",
            company.id,
        )
    )


def plan_reminders_restore(env):
    company = env.ref("base.main_company")
    env.cr.execute(
        SQL(
            "UPDATE res_company SET visit_plan_reminder_days = 3 WHERE id = %s",
            company.id,
        )
    )


def plan_reminders_created(env, marks):
    plans = created_since(env.cr, marks, "visit_plan")
    activities = created_since(env.cr, marks, "mail_activity")
    return activities, f"{plans} draft plans made, {activities} reminders"


def month_args(env):
    month = today(env).replace(day=1)
    return {"month": month, "month_end": month + relativedelta(months=1, days=-1)}


def crons(env):
    Rules = env["property.callback.rules"]
    return [
        Cron(
            "cron: plan reminders",
            env["visit.plan"]._cron_plan_reminders,
            plan_reminders_created,
            floor=plan_reminders_floor,
            reset=plan_reminders_reset,
            restore=plan_reminders_restore,
            floor_note="a draft plan and a reminder per rep (50 at both sizes); "
            "the floor reads the reps with the ORM",
        ),
        Cron(
            "cron: late report reminders",
            env["visit.report"]._cron_report_reminders,
            report_reminders_created,
            floor=report_reminders_floor,
            reset=reset_reminders,
            floor_note="a week of late reports, planned visits without report "
            "and late reviews; floor without the robots' digest queue",
        ),
        Cron(
            "cron: reception reminders",
            env["visit.reception"]._cron_reception_reminders,
            reception_reminders_created,
            floor=reception_reminders_floor,
            reset=reception_reminders_reset,
            floor_note="tomorrow's receptions with preparation open (one list a "
            "person), a week of receptions left open (an activity each)",
        ),
        Cron(
            "cron: move-in visits",
            Rules._cron_move_in_callbacks,
            callbacks_created("move_in"),
            floor=lambda env: drawing_floor(
                env, MOVE_IN_DRAW, MOVE_IN_CALLBACKS, "move_in", 1, today=today(env)
            ),
            floor_note="floor draws the mass move-ins by a hash",
        ),
        Cron(
            "cron: complaint/repair/incident callbacks",
            Rules._cron_origin_callbacks,
            callbacks_created("complaint", "repair", "incident"),
            floor=lambda env: callbacks_floor(env, SQL(ORIGIN_FLOOR)),
            floor_note="the last 30 days' resolved complaints and done repairs",
        ),
        Cron(
            "cron: festival visits",
            Rules._cron_festival_visits,
            callbacks_created("festival"),
            floor=lambda env: callbacks_floor(
                env, SQL(FESTIVAL_FLOOR, festival=festival(env).id)
            ),
            reset=reset_festival,
        ),
        Cron(
            "cron: routine callbacks",
            Rules._cron_routine_callbacks,
            callbacks_created("routine"),
            floor=lambda env: drawing_floor(
                env, ROUTINE_DRAW, ROUTINE_CALLBACKS, "routine", None, **month_args(env)
            ),
            floor_note="floor draws by a hash",
        ),
        Cron(
            "cron: reminder digests",
            env["mail.activity"]._cron_send_visit_digests,
            digests_created,
            reset=digests_reset,
            restore=reset_festival,
            floor_note="no floor: a message rendered per person in their language",
        ),
        Cron(
            "cron: callback assessments",
            env["property.callback.assessment"]._cron_callback_assessments,
            assessments_created,
            floor=lambda env: (
                env.cr.execute(
                    SQL(
                        ASSESSMENT_FLOOR,
                        month=last_month(env),
                        next_month=last_month(env) + relativedelta(months=1),
                    )
                ),
                env.cr.rowcount,
            )[1],
            reset=reset_callback_assessments,
        ),
    ]


def count_commits(env):
    """Counts ir.cron._commit_progress calls (the batches) while patched, and
    the queries of each batch. `stop()` returns (batches, the queries of the
    largest batch)."""
    IrCron = type(env["ir.cron"])
    original = IrCron._commit_progress
    marks = [env.cr.sql_log_count]

    def counted(self, *args, **kwargs):
        # after: a batch's queries include the flush of its commit
        result = original(self, *args, **kwargs)
        marks.append(env.cr.sql_log_count)
        return result

    IrCron._commit_progress = counted

    def stop():
        IrCron._commit_progress = original
        marks.append(env.cr.sql_log_count)
        largest = max(after - before for before, after in pairwise(marks))
        return len(marks) - 2, largest

    return stop


def time_floor(env, cron):
    """(what the floor wrote, seconds, queries) of one run of the cron's floor
    on its worst day, undone."""
    cron.reset(env)
    settle(env)
    marks = high_water(env.cr)
    with notifier() as notifying:
        written, seconds, queries = timed(
            env, lambda: floor_done(env, cron.floor, marks, notifying)
        )
    undo(env, marks)
    return written, seconds, queries


def time_cron(env, cron):
    """One run of the cron on its worst day, undone: (rows created, what they
    are, seconds, queries, commits, the queries of its largest commit)."""
    cr = env.cr
    cron.reset(env)
    settle(env)
    marks = high_water(cr)
    env.invalidate_all()
    stop = count_commits(env)
    try:
        _result, seconds, queries = timed(env, cron.run)
    finally:
        batches, largest = stop()
    cr.commit()
    created, what = cron.created(env, marks)
    undo(env, marks)
    cron.reset(env)
    cron.restore(env)
    cr.commit()
    return created, what, seconds, queries, batches, largest


def measure_cron(env, cron):
    """The cron's row and its floor's: each run CRON_RUNS times or more (a
    short cron, until CRON_SECONDS), in turn, their median time kept (a run of
    a few milliseconds varies by a third from one run to the next on a shared
    machine)."""
    floor_runs, cron_runs = [], []
    while len(cron_runs) < CRON_RUNS or (
        len(cron_runs) < CRON_MAX_RUNS
        and sum(run[2] for run in cron_runs) < CRON_SECONDS
    ):
        if cron.floor:
            floor_runs.append(time_floor(env, cron))
        cron_runs.append(time_cron(env, cron))
    rows = []
    floor_seconds = None
    if floor_runs:
        written, _seconds, queries = floor_runs[-1]
        floor_seconds = statistics.median(run[1] for run in floor_runs)
        rows.append(
            row(
                cron.name.replace("cron:", "SQL floor:"),
                written,
                floor_seconds,
                queries,
                cron.floor_note,
            )
        )
    created, what, _seconds, queries, batches, largest = cron_runs[-1]
    seconds = statistics.median(run[2] for run in cron_runs)
    note = f"{what}; {batches} commit(s), at most {largest} queries in one"
    if not cron.floor:
        note += f"; {cron.floor_note}"
    extra = {"batches": batches, "batch_queries": largest, "cron": True}
    if floor_seconds:
        extra["floor_ratio"] = seconds / floor_seconds
    rows.insert(0, row(cron.name, created, seconds, queries, note, **extra))
    log(f"  {cron.name}: {seconds:.2f} s, {queries} queries, {note}")
    return rows


def warm_up(env, cron):
    """Runs the cron once, untimed, then undoes it: the scheduler's process
    has its registry's caches (which fields a write makes recompute) and its
    connections (the bus's and the cron triggers' notifications) from earlier
    runs, and the first timed run would pay for them alone (30 ms of a 50 ms
    run)."""
    cron.reset(env)
    marks = high_water(env.cr)
    cron.run()
    env.cr.commit()
    undo(env, marks)
    cron.reset(env)
    cron.restore(env)
    env.cr.commit()


def measure_crons(env):
    if "property.callback.rules" not in env:
        return [
            row(
                "cron: property rules",
                None,
                None,
                None,
                "not measured: visit_management_property is not installed",
            )
        ]
    rows = []
    scheduled = crons(env)
    warm_up(env, scheduled[0])
    for cron in scheduled:
        rows += measure_cron(env, cron)
    with services_on_loopback() as base_url:
        for cron in (robot_crons(env, base_url), geocoding_cron(env, base_url)):
            rows += measure_cron(env, cron)
    return rows
