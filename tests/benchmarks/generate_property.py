# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The property part of the benchmark's data set (visit_management_property),
built like generate.py: the few people, estates and the festival with the ORM,
everything else with one INSERT ... SELECT per table, every NOT NULL and stored
computed column filled as the ORM computes it, randomness a hash of the row
number (pg_temp.rnd of generate.py).

2,000 households an estate: 5 estates in the small set, 50 in the large one (a
company grows by its estates, not by their size); a tenth of them just handed
over (most of their households moved in these 3 months, a mass move-in sampled
by the move-in rule), their buildings of 100
units, a household per unit (an owner or a tenant, and family members), a year of
complaints (0.6 a household) and repair requests (1.5 a household), the
callbacks the office made for them until 30 days ago (the last 30 days' are left
to the catch-up of the origin rule), a year of routine callbacks (12 households
an estate a month) and the move-in visits of the year until 3 months ago; a
festival in 3 days whose visits are not created yet. The timestamps fall between
10:00 and 12:00 UTC, so their day is the same in any timezone the ORM uses.

Also the reminder backlog of visit_management's data: the late reports, the
planned visits without report and the late reviews older than a week count as
reminded (the reminder
crons ran then); the last week's are due."""

from datetime import timedelta

from generate import RND_FUNCTION

from odoo import Command, fields
from odoo.tools import SQL

HOUSEHOLDS_PER_ESTATE = 2_000
ESTATES = {"small": 5, "large": 50}
ESTATES_PER_OFFICE = 5  # an office manager's estates
# a tenth of the estates handed over these 3 months (the first of every ten, so
# that each scheduled action's batch of 5 estates holds at most one): a mass
# move-in each month; a supervisor for two even estates out of ten
PER_NEW_ESTATE = PER_SUPERVISOR = 10
UNITS_PER_BUILDING = 100
COMPLAINTS_PER_HOUSEHOLD = 0.6  # a year
REPAIRS_PER_HOUSEHOLD = 1.5  # a year
CALLBACK_CATCH_UP_DAYS = 30  # the origins of the last 30 days have no callback
ROUTINE_PER_MONTH = 12  # routine callbacks of an estate's month (history)
REMINDED_BEFORE_DAYS = 7  # the reminder crons' backlog: a week
MARKER = "visit_bench.property"

ESTATE_TABLE = """
CREATE TEMP TABLE bench_estate AS
SELECT e.k, e.id, pe.name, pe.manager_id, pe.repair_supervisor_id,
       mod(e.k - 1, %(per_new_estate)s) = 0 AS new
  FROM unnest(%(estates)s::int[]) WITH ORDINALITY AS e(id, k)
  JOIN property_estate pe ON pe.id = e.id;
CREATE UNIQUE INDEX ON bench_estate (k);
"""

BUILDINGS = """
CREATE TEMP TABLE bench_building AS
SELECT e.k AS estate_k, b, nextval('property_building_id_seq')::int AS id,
       e.id AS estate_id, 'Building ' || b AS name, e.name AS estate_name
  FROM bench_estate e
 CROSS JOIN generate_series(1, %(buildings)s) b;
CREATE UNIQUE INDEX ON bench_building (estate_k, b);
INSERT INTO property_building (
    id, name, sequence, active, estate_id, company_id, complete_name, floor_count,
    create_date, write_date, create_uid, write_uid)
SELECT id, name, 10, TRUE, estate_id, %(company)s, estate_name || ' / ' || name, 30,
       %(now)s, %(now)s, 1, 1
  FROM bench_building
"""

# One household per unit, estate by estate: its kind (owner, tenant, vacant),
# family members and moving-in day.
UNITS = """
CREATE TEMP TABLE bench_unit AS
SELECT n, nextval('property_unit_id_seq')::int AS id, e.k AS estate_k,
       e.id AS estate_id, e.new, e.manager_id, e.repair_supervisor_id,
       bb.id AS building_id, bb.name AS building_name, e.name AS estate_name,
       1 + mod(i / 4, 30) AS floor,
       (1 + mod(i / 4, 30)) || lpad((1 + mod(i, 4))::text, 2, '0')
           AS name,
       CASE WHEN pg_temp.rnd(n, 40) < 0.05 THEN 'vacant'
            WHEN pg_temp.rnd(n, 40) < 0.25 THEN 'tenant'
            ELSE 'owner' END AS kind,
       floor(pg_temp.rnd(n, 41) * 4)::int AS family,
       CASE WHEN e.new AND pg_temp.rnd(n, 42) < 0.6
                THEN %(today)s::date - floor(pg_temp.rnd(n, 43) * 90)::int
            WHEN NOT e.new AND pg_temp.rnd(n, 42) < 0.04
                THEN %(today)s::date - floor(pg_temp.rnd(n, 43) * 90)::int
            WHEN e.new THEN %(today)s::date - 90 - floor(pg_temp.rnd(n, 43) * 275)::int
            ELSE %(today)s::date - 90 - floor(pg_temp.rnd(n, 43) * 5400)::int
       END AS moved_in
  FROM generate_series(1, %(households)s) n
 CROSS JOIN LATERAL (SELECT (n - 1) / %(per_estate)s + 1 AS k,
                            mod(n - 1, %(per_estate)s) AS j) p
 CROSS JOIN LATERAL (SELECT mod(p.j, %(units_per_building)s) AS i,
                            1 + p.j / %(units_per_building)s AS b) q
  JOIN bench_estate e ON e.k = p.k
  JOIN bench_building bb ON bb.estate_k = p.k AND bb.b = q.b;
CREATE UNIQUE INDEX ON bench_unit (n);
INSERT INTO property_unit (
    id, name, active, building_id, estate_id, company_id, complete_name, floor,
    area, create_date, write_date, create_uid, write_uid)
SELECT id, name, TRUE, building_id, estate_id, %(company)s,
       estate_name || ' / ' || building_name || ' / ' || name, floor,
       round((60 + 90 * pg_temp.rnd(n, 44))::numeric, 2),
       %(now)s, %(now)s, 1, 1
  FROM bench_unit
"""

# The residents: the household's owner or tenant (j = 0) and family members.
RESIDENTS = """
CREATE TEMP TABLE bench_resident AS
SELECT u.n, j, nextval('res_partner_id_seq')::int AS id, u.id AS unit_id,
       u.estate_id,
       CASE WHEN j > 0 THEN 'family' ELSE u.kind END AS role,
       (ARRAY['Zhang', 'Wang', 'Li', 'Zhao', 'Chen', 'Liu', 'Yang', 'Huang'])
           [1 + mod(u.n * 3 + j, 8)] || ' ' ||
       (ARRAY['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Qiang', 'Yan'])
           [1 + mod(u.n * 7 + j * 5, 8)] AS name,
       u.moved_in,
       (%(today)s::date - make_interval(days => floor(
           CASE WHEN j = 0 THEN 25 + 60 * pg_temp.rnd(u.n * 8 + j, 45)
                ELSE 2 + 85 * pg_temp.rnd(u.n * 8 + j, 45) END * 365.25)::int
       ))::date AS birth,
       pg_temp.rnd(u.n * 8 + j, 46) < 0.015 AS disabled,
       pg_temp.rnd(u.n * 8 + j, 47) < 0.4 AS without_children,
       pg_temp.rnd(u.n * 8 + j, 48) < 0.005 AS key,
       '138' || lpad((mod(u.n * 8 + j, 100000000))::text, 8, '0') AS phone
  FROM bench_unit u
 CROSS JOIN LATERAL generate_series(0, u.family) j
 WHERE u.kind != 'vacant';
CREATE UNIQUE INDEX ON bench_resident (n, j);
INSERT INTO res_partner (
    id, name, complete_name, commercial_partner_id, is_company, type, active,
    partner_share, lang, color, phone, phone_sanitized, visit_key_contact,
    visit_key_contact_count,
    resident_unit_id, resident_estate_id, resident_role, resident_move_in_date,
    resident_birth_date, resident_disabled, resident_without_children,
    resident_key, resident_key_note,
    create_date, write_date, create_uid, write_uid)
SELECT id, name, name, id, FALSE, 'contact', TRUE,
       TRUE, 'en_US', 0, phone, phone, FALSE,
       0,
       unit_id, estate_id, role, moved_in,
       birth, disabled, without_children,
       key, CASE WHEN key THEN 'Lives alone after an illness.' END,
       %(now)s, %(now)s, 1, 1
  FROM bench_resident
"""

# A year of complaints and repair requests of the households, at 10:00-12:00
# UTC; those of the last days still open, the others resolved or done in 1-4
# days (and complaints closed a week later).
ORIGINS = """
CREATE TEMP TABLE bench_origin AS
SELECT o.*,
       o.received + make_interval(secs => (1 + 3 * pg_temp.rnd(o.u, 53)) * 86400)
           AS finished
  FROM (
    SELECT d.*,
           (%(today)s::date - floor(365 * pg_temp.rnd(d.u, 50))::int)
               + make_interval(secs => 36000 + floor(7200 * pg_temp.rnd(d.u, 51)))
               AS received
      FROM (
        SELECT kinds.kind, r.n, k, r.id AS resident_id, u.id AS unit_id,
               u.estate_id, u.manager_id, u.repair_supervisor_id,
               r.n::bigint * 100 + kinds.offset_u + k AS u
          FROM bench_resident r
          JOIN bench_unit u ON u.n = r.n
         CROSS JOIN (VALUES ('complaint', %(complaints)s::float, 0),
                            ('repair', %(repairs)s::float, 50))
                    AS kinds(kind, rate, offset_u)
         CROSS JOIN LATERAL generate_series(
               1, floor(2 * kinds.rate
                        * pg_temp.rnd(r.n::bigint * 100 + kinds.offset_u, 49)
                        + 0.5)::int) k
         WHERE r.j = 0
      ) d
  ) o;
"""

INSERT_COMPLAINTS = """
CREATE TEMP TABLE bench_complaint AS
SELECT o.*, nextval('property_complaint_id_seq')::int AS id,
       row_number() OVER (ORDER BY o.received, o.u) AS seq,
       CASE WHEN o.received::date >= %(today)s::date - 2
                THEN CASE WHEN pg_temp.rnd(o.u, 54) < 0.5 THEN 'new'
                          ELSE 'in_progress' END
            WHEN o.finished >= %(now)s::timestamp THEN 'in_progress'
            WHEN o.finished + interval '7 days' >= %(now)s::timestamp THEN 'resolved'
            ELSE 'closed' END AS state,
       pg_temp.rnd(o.u, 55) < 0.2 AS caused_by_management
  FROM bench_origin o
 WHERE o.kind = 'complaint';
INSERT INTO property_complaint (
    id, name, state, resident_id, unit_id, estate_id, company_id, handler_id,
    category, description, caused_by_management, received_datetime, received_date,
    answered_datetime, resolved_datetime, closed_datetime, resolution,
    create_date, write_date, create_uid, write_uid)
SELECT id, 'CP/' || to_char(received, 'YYYY') || '/' || lpad(seq::text, 5, '0'),
       state, resident_id, unit_id, estate_id, %(company)s, manager_id,
       (ARRAY['service', 'security', 'cleaning', 'greening', 'maintenance',
              'parking', 'neighbour', 'fees', 'other'])
           [1 + floor(9 * pg_temp.rnd(u, 56))::int],
       'The lift of the building stops between floors.', caused_by_management,
       received, received::date,
       CASE WHEN state != 'new' THEN received + interval '1 hour' END,
       CASE WHEN state IN ('resolved', 'closed') THEN finished END,
       CASE WHEN state = 'closed' THEN finished + interval '7 days' END,
       CASE WHEN state IN ('resolved', 'closed') THEN 'Repaired the lift.' END,
       received, received, 1, 1
  FROM bench_complaint
"""

INSERT_REPAIRS = """
CREATE TEMP TABLE bench_repair AS
SELECT o.*, nextval('property_repair_request_id_seq')::int AS id,
       row_number() OVER (ORDER BY o.received, o.u) AS seq,
       CASE WHEN o.finished >= %(now)s::timestamp
                THEN CASE WHEN pg_temp.rnd(o.u, 54) < 0.3 THEN 'new'
                          ELSE 'assigned' END
            ELSE 'done' END AS state,
       (%(categories)s::int[])[1 + floor(cardinality(%(categories)s::int[])
                                         * pg_temp.rnd(o.u, 57))::int] AS category_id
  FROM bench_origin o
 WHERE o.kind = 'repair';
INSERT INTO property_repair_request (
    id, name, state, resident_id, unit_id, estate_id, company_id, category_id,
    description, technician_id, requested_datetime, requested_date,
    assigned_datetime, done_datetime, work_done,
    create_date, write_date, create_uid, write_uid)
SELECT id, 'RR/' || to_char(received, 'YYYY') || '/' || lpad(seq::text, 5, '0'),
       state, resident_id, unit_id, estate_id, %(company)s, category_id,
       'The kitchen tap drips.',
       CASE WHEN state != 'new' THEN coalesce(repair_supervisor_id, manager_id) END,
       received, received::date,
       CASE WHEN state != 'new' THEN received + interval '2 hours' END,
       CASE WHEN state = 'done' THEN finished END,
       CASE WHEN state = 'done' THEN 'Changed the washer.' END,
       received, received, 1, 1
  FROM bench_repair
"""

# The callbacks made until the catch-up window: for the complaints and repairs
# that need one, a year of routine callbacks, and the move-in visits of the
# year before these 3 months. All finished: done (on time or not), unreachable or
# cancelled, with a satisfaction when done.
CALLBACKS = """
CREATE TEMP TABLE bench_callback AS
SELECT c.*,
       CASE WHEN pg_temp.rnd(c.u, 60) < 0.86 THEN 'done'
            WHEN pg_temp.rnd(c.u, 60) < 0.96 THEN 'unreachable'
            ELSE 'cancelled' END AS state,
       c.due_date - 4 + floor(6 * pg_temp.rnd(c.u, 61))::int AS done_day
  FROM (
    SELECT 'complaint' AS callback_type, x.id AS complaint_id, NULL::int AS repair_id,
           x.resident_id, x.unit_id, x.estate_id, x.manager_id AS user_id,
           NULL::date AS period_date, x.finished::date + %(complaint_days)s AS due_date,
           NULL::date AS latest_date, x.u * 10 + 1 AS u
      FROM bench_complaint x
     WHERE x.state IN ('resolved', 'closed') AND x.caused_by_management
       AND x.finished < %(catch_up)s::timestamp
    UNION ALL
    SELECT 'repair', NULL, x.id, x.resident_id, x.unit_id, x.estate_id,
           coalesce(x.repair_supervisor_id, x.manager_id),
           NULL, x.finished::date + %(repair_days)s, NULL, x.u * 10 + 2
      FROM bench_repair x
     WHERE x.state = 'done' AND x.category_id = ANY(%(callback_categories)s::int[])
       AND x.finished < %(catch_up)s::timestamp
    UNION ALL
    SELECT 'routine', NULL, NULL, r.id, u.id, u.estate_id, u.manager_id,
           m::date, (m + interval '1 month - 1 day')::date, NULL,
           u.n::bigint * 1000 + extract(month FROM m)::int * 10 + 3
      FROM bench_unit u
      JOIN bench_resident r ON r.n = u.n AND r.j = 0
     CROSS JOIN generate_series(date_trunc('month', %(today)s::date)
                                    - interval '12 months',
                                date_trunc('month', %(today)s::date)
                                    - interval '1 month',
                                interval '1 month') m
     WHERE pg_temp.rnd(u.n * 100 + extract(month FROM m)::int, 62)
           < %(routine_share)s
    UNION ALL
    SELECT 'move_in', NULL, NULL, r.id, u.id, u.estate_id, u.manager_id,
           date_trunc('month', u.moved_in)::date,
           (u.moved_in + interval '1 month')::date,
           (u.moved_in + interval '3 months')::date, u.n::bigint * 10 + 4
      FROM bench_unit u
      JOIN bench_resident r ON r.n = u.n AND r.j = 0
     WHERE u.moved_in >= %(today)s::date - 365
       AND u.moved_in < date_trunc('month', %(today)s::date - interval '3 months')
  ) c;
INSERT INTO property_resident_callback (
    state, callback_type, complaint_id, repair_id, resident_id, unit_id, estate_id,
    company_id, user_id, method, period_date, due_date, latest_date,
    done_datetime, done_date, on_time, satisfaction, attempt_count, opinions,
    follow_up_needed, follow_up_type,
    create_date, write_date, create_uid, write_uid)
SELECT state, callback_type, complaint_id, repair_id, resident_id, unit_id,
       estate_id, %(company)s, user_id,
       CASE WHEN callback_type = 'move_in' THEN 'onsite' ELSE 'phone' END,
       period_date, due_date, latest_date,
       CASE WHEN state = 'done'
            THEN done_day
                 + make_interval(secs => 36000 + floor(7200 * pg_temp.rnd(u, 63)))
       END,
       CASE WHEN state = 'done' THEN done_day END,
       state = 'done' AND done_day <= due_date,
       CASE WHEN state = 'done'
            THEN (3 + floor(3 * pg_temp.rnd(u, 64))::int)::text END,
       0, CASE WHEN state = 'done' THEN 'Happy with the office.' END,
       FALSE, 'activity',
       due_date - 7 + interval '10 hours', due_date + interval '10 hours', 1, 1
  FROM bench_callback
"""

# The reminder crons ran until a week ago: what they reminded then is flagged.
REMINDED = """
UPDATE visit_report
   SET rep_reminded = TRUE, manager_reminded = TRUE
 WHERE state = 'draft' AND report_deadline < %(reminded_before)s;
UPDATE visit_plan_line line
   SET rep_reminded = TRUE, manager_reminded = TRUE
 WHERE line.planned_datetime < %(reminded_before)s
   AND NOT EXISTS (SELECT 1 FROM visit_report r WHERE r.plan_line_id = line.id);
UPDATE visit_report SET review_reminded = TRUE
 WHERE state = 'submitted' AND review_deadline < %(reminded_before)s
"""


def households(size):
    return HOUSEHOLDS_PER_ESTATE * ESTATES[size]


def create_offices(env, estate_count):
    """The office managers, maintenance supervisors, estates and the festival."""
    ref = env.ref
    company = env.ref("base.main_company")
    groups = [
        ref("base.group_user").id,
        ref("visit_management_property.group_property_office").id,
    ]
    Users = env["res.users"].with_context(no_reset_password=True)
    common = {
        "company_id": company.id,
        "company_ids": [Command.set(company.ids)],
        "tz": "Asia/Shanghai",
        "group_ids": [Command.set(groups)],
    }
    offices = Users.create(
        [
            dict(
                common,
                name=f"Bench Office {i + 1:02d}",
                login=f"bench_office_{i + 1:02d}",
            )
            for i in range(estate_count // ESTATES_PER_OFFICE)
        ]
    )
    supervisors = Users.create(
        [
            dict(
                common,
                name=f"Bench Supervisor {i + 1}",
                login=f"bench_supervisor_{i + 1}",
            )
            for i in range(-(-estate_count // PER_SUPERVISOR))
        ]
    )
    estates = env["property.estate"].create(
        [
            {
                "name": f"Bench Estate {k + 1:02d}",
                "code": f"E{k + 1:02d}",
                "company_id": company.id,
                "manager_id": offices[k // ESTATES_PER_OFFICE].id,
                "repair_supervisor_id": (
                    supervisors[k // PER_SUPERVISOR].id if k % 2 == 0 else False
                ),
                "user_ids": [Command.set(offices[k // ESTATES_PER_OFFICE].ids)],
            }
            for k in range(estate_count)
        ]
    )
    festival = env["property.festival"].create(
        {
            "name": "Bench Festival",
            "date": fields.Date.today() + timedelta(days=3),
            "lead_days": 7,
            "company_id": company.id,
        }
    )
    env.flush_all()
    return company, estates, festival


def generate(env, size, log=print):
    """Fills the property part, after generate.generate; the caller commits."""
    cr = env.cr
    company, estates, festival = create_offices(env, ESTATES[size])
    log(f"  {len(estates)} estates, their offices and a festival created")
    categories = env["property.repair.category"].search([])
    per_estate = HOUSEHOLDS_PER_ESTATE
    now = fields.Datetime.now()
    today = fields.Date.today()
    params = {
        "company": company.id,
        "estates": estates.ids,
        "per_new_estate": PER_NEW_ESTATE,
        "households": households(size),
        "per_estate": per_estate,
        "units_per_building": UNITS_PER_BUILDING,
        "buildings": -(-per_estate // UNITS_PER_BUILDING),
        "complaints": COMPLAINTS_PER_HOUSEHOLD,
        "repairs": REPAIRS_PER_HOUSEHOLD,
        "categories": categories.ids,
        "callback_categories": categories.filtered("callback_required").ids,
        "complaint_days": company.property_complaint_callback_days,
        "repair_days": company.property_repair_callback_days,
        "catch_up": now - timedelta(days=CALLBACK_CATCH_UP_DAYS),
        "routine_share": ROUTINE_PER_MONTH / per_estate,
        "reminded_before": now - timedelta(days=REMINDED_BEFORE_DAYS),
        "today": today,
        "now": now,
    }
    steps = [
        ("estates", [RND_FUNCTION, ESTATE_TABLE]),
        ("buildings", [BUILDINGS]),
        ("units", [UNITS]),
        ("residents", [RESIDENTS]),
        ("complaints and repairs drawn", [ORIGINS]),
        ("complaints", [INSERT_COMPLAINTS]),
        ("repair requests", [INSERT_REPAIRS]),
        ("callbacks made", [CALLBACKS]),
        ("planned visits reminded a week ago", [REMINDED]),
    ]
    for label, queries in steps:
        for query in queries:
            cr.execute(SQL(query, **params))
        log(f"  {label}: {cr.rowcount} rows")
    for model in ("property.complaint", "property.repair.request"):
        cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(env[model]._table)))
        (count,) = cr.fetchone()
        env["ir.sequence"].search([("code", "=", model)]).number_next = count + 1
    env["ir.config_parameter"].set_param(MARKER, f"{size}:{households(size)}")
    env.invalidate_all()
    return festival
