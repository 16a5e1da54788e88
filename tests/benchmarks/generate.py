# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The benchmark's data set, built with set-based SQL in one transaction.

The 5 team leaders and 50 reps are created with the ORM (few rows, and users carry
groups, partners and team memberships that only the ORM sets right). Everything
else is one INSERT ... SELECT per table: customers and their contacts, a monthly
plan per rep and month, the planned visits, and the visit reports, with every NOT
NULL column and every stored computed column filled the way the ORM computes it
(visit date, tier, duration, deadline, lateness, check-in distance, time on site
and the in-place verdict, validity, plan completion, the customers' visit dates and
key-contact counts).

Randomness is a hash of the row number (pg_temp.rnd), so a size always builds the
same data."""

from odoo import Command, fields
from odoo.tools import SQL

SIZES = {
    "small": {"customers": 10_000, "reports": 100_000},
    "large": {"customers": 100_000, "reports": 1_000_000},
}
REPS = 50
TEAMS = 5
# Visits a year per customer, by tier (before a 0.5x-1.5x jitter per customer).
TIER_VISITS = {"a": 20, "b": 14, "c": 9, "d": 6}
# The system parameter that marks a database as generated.
MARKER = "visit_bench.size"

RND_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.rnd(n bigint, salt bigint)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashint8extended(n, salt) & 2147483647)::double precision / 2147483648 $$
"""

# One row per customer: its tier, rep, creation date, position, contacts.
CUSTOMERS = """
CREATE TEMP TABLE bench_customer AS
SELECT n,
       nextval('res_partner_id_seq')::int AS id,
       'Bench Customer ' || lpad(n::text, 6, '0') AS name,
       CASE WHEN pg_temp.rnd(n, 1) < 0.10 THEN 'a'
            WHEN pg_temp.rnd(n, 1) < 0.30 THEN 'b'
            WHEN pg_temp.rnd(n, 1) < 0.60 THEN 'c'
            ELSE 'd' END AS tier,
       (%(reps)s::int[])[1 + mod(n, cardinality(%(reps)s::int[]))] AS user_id,
       date_trunc('second',
           %(now)s::timestamp - pg_temp.rnd(n, 2) * interval '730 days') AS created,
       CASE WHEN pg_temp.rnd(n, 3) < 0.7
            THEN round((31.0 + pg_temp.rnd(n, 4) * 0.5)::numeric, 7) END AS lat,
       CASE WHEN pg_temp.rnd(n, 3) < 0.7
            THEN round((121.2 + pg_temp.rnd(n, 5) * 0.6)::numeric, 7) END AS lon,
       'No. ' || (1 + mod(n, 999)) || ' Bench Road' AS street,
       (200000 + mod(n, 90))::text AS zip
  FROM generate_series(1, %(customers)s) n
"""

CONTACT_COUNTS = """
ALTER TABLE bench_customer ADD COLUMN contacts int;
UPDATE bench_customer
   SET contacts = CASE WHEN tier IN ('a', 'b') AND pg_temp.rnd(n, 6) < 0.2 THEN 2
                       WHEN tier IN ('a', 'b') THEN 3
                       ELSE 2 END;
CREATE UNIQUE INDEX ON bench_customer (id);
"""

INSERT_CUSTOMERS = """
INSERT INTO res_partner (
    id, name, complete_name, commercial_partner_id, commercial_company_name,
    is_company, type, active, partner_share, lang, color, user_id, visit_tier,
    visit_key_contact, visit_key_contact_count, street, city, zip,
    partner_latitude, partner_longitude,
    create_date, write_date, create_uid, write_uid)
SELECT id, name, name, id, name,
       TRUE, 'contact', TRUE, TRUE, 'en_US', 0, user_id, tier,
       FALSE, CASE WHEN tier IN ('a', 'b') THEN contacts ELSE 0 END,
       street, 'Shanghai', zip, lat, lon,
       created, created, 1, 1
  FROM bench_customer
"""

# Every customer has 2 or 3 contacts; those of A/B customers are key contacts.
# Like res.partner._compute_user_id, a contact has its customer's salesperson.
CONTACTS = """
CREATE TEMP TABLE bench_contact AS
SELECT c.id AS customer_id, j,
       nextval('res_partner_id_seq')::int AS id,
       (ARRAY['Zhang', 'Wang', 'Li', 'Zhao', 'Chen', 'Liu'])[1 + mod(c.n + j, 6)]
           || ' ' ||
       (ARRAY['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei'])[1 + mod(c.n * 7 + j, 6)]
           AS name,
       (ARRAY['General Manager', 'Purchasing Manager', 'Chief Engineer'])[j]
           AS function,
       c.tier IN ('a', 'b') AS key_contact
  FROM bench_customer c
 CROSS JOIN LATERAL generate_series(1, c.contacts) j;
CREATE UNIQUE INDEX ON bench_contact (customer_id, j);
"""

INSERT_CONTACTS = """
INSERT INTO res_partner (
    id, name, complete_name, parent_id, commercial_partner_id,
    commercial_company_name, is_company, type, active, partner_share, lang, color,
    user_id, function, visit_key_contact, visit_key_contact_count, street, city,
    zip, create_date, write_date, create_uid, write_uid)
SELECT k.id, k.name, c.name || ', ' || k.name, c.id, c.id,
       c.name, FALSE, 'contact', TRUE, TRUE, 'en_US', 0,
       c.user_id, k.function, k.key_contact, 0, c.street, 'Shanghai', c.zip,
       c.created, c.created, 1, 1
  FROM bench_contact k
  JOIN bench_customer c ON c.id = k.customer_id
"""

# The reps, their team and team leader, aligned by position.
REP_TABLE = """
CREATE TEMP TABLE bench_rep AS
SELECT user_id, team_id, manager_id
  FROM unnest(%(reps)s::int[], %(teams)s::int[], %(managers)s::int[])
       AS r(user_id, team_id, manager_id)
"""

# Like res.partner.visit_team_id: the salesperson's sales team.
PARTNER_TEAMS = """
UPDATE res_partner p
   SET visit_team_id = r.team_id
  FROM bench_rep r
 WHERE p.user_id = r.user_id
"""

# One approved monthly plan per rep and month, from 12 months back to this one.
PLANS = """
CREATE TEMP TABLE bench_plan AS
SELECT nextval('visit_plan_id_seq')::int AS id, r.user_id, r.team_id, r.manager_id,
       m::date AS date_start,
       pg_temp.rnd(r.user_id * 1000 + extract(month FROM m)::int, 20) < 0.1
           AS late
  FROM bench_rep r
 CROSS JOIN generate_series(date_trunc('month', %(today)s::date - 365),
                            date_trunc('month', %(today)s::date),
                            interval '1 month') m;
CREATE UNIQUE INDEX ON bench_plan (user_id, date_start);
"""

INSERT_PLANS = """
INSERT INTO visit_plan (
    id, name, user_id, company_id, team_id, manager_id, period_type, state,
    date_start, date_end, submission_deadline, submitted_date, submitted_late,
    submission_count, line_count, done_line_count, completion_rate,
    create_date, write_date, create_uid, write_uid)
SELECT p.id, to_char(p.date_start, 'YYYY-MM') || ' / ' || rp.name,
       p.user_id, %(company)s, p.team_id, p.manager_id, 'month', 'approved',
       p.date_start, (p.date_start + interval '1 month - 1 day')::date,
       p.date_start - 1,
       p.date_start + CASE WHEN p.late THEN interval '1 day 2 hours'
                           ELSE interval '-3 days 2 hours' END,
       p.late, 1, 0, 0, 0.0,
       p.date_start - interval '5 days', p.date_start, p.user_id, p.manager_id
  FROM bench_plan p
  JOIN res_users u ON u.id = p.user_id
  JOIN res_partner rp ON rp.id = u.partner_id
"""

# The visits: each customer gets a share of the reports by its tier's weight
# (2% never visited), spread evenly with jitter from its creation (at most a year
# back) to yesterday. Integer weights and cumulative floors make the total exact.
VISITS = """
CREATE TEMP TABLE bench_visit AS
WITH weighted AS (
    SELECT c.*,
           CASE WHEN pg_temp.rnd(c.n, 10) < 0.02 THEN 0
                ELSE round(CASE c.tier WHEN 'a' THEN %(w_a)s WHEN 'b' THEN %(w_b)s
                                       WHEN 'c' THEN %(w_c)s ELSE %(w_d)s END
                           * (50 + 100 * pg_temp.rnd(c.n, 11)))::bigint
           END AS w
      FROM bench_customer c
), cumulated AS (
    SELECT *, (sum(w) OVER (ORDER BY n))::bigint AS cum,
           (sum(w) OVER ())::bigint AS total
      FROM weighted
), counted AS (
    SELECT *,
           ((cum * %(reports)s) / total - ((cum - w) * %(reports)s) / total)::int
               AS visits,
           greatest(least(created::date, %(today)s::date - 1),
                    %(today)s::date - 365) AS first_day
      FROM cumulated
), drawn AS (
    SELECT c.id AS partner_id, c.tier, c.user_id, c.contacts, c.lat, c.lon,
           c.street, c.zip, u,
           (c.first_day + floor((k - 1 + pg_temp.rnd(u, 1))
                                * (%(today)s::date - c.first_day) / c.visits
                               )::int) AS visit_date,
           CASE WHEN pg_temp.rnd(u, 2)
                     < CASE WHEN c.tier IN ('a', 'b') THEN 0.85 ELSE 0.3 END
                THEN 'onsite' ELSE 'phone' END AS visit_mode
      FROM counted c
     CROSS JOIN LATERAL generate_series(1, c.visits) k
     CROSS JOIN LATERAL (SELECT c.n::bigint * 10000 + k AS u) h
     WHERE c.visits > 0
), timed AS (
    SELECT d.*,
           d.visit_date
               + make_interval(mins => 60 + floor(420 * pg_temp.rnd(u, 3))::int)
               AS start_datetime,
           CASE WHEN d.visit_mode = 'phone' THEN 0.25
                ELSE 0.5 + 0.25 * floor(8 * pg_temp.rnd(u, 4)) END AS duration,
           CASE WHEN d.visit_date >= %(today)s::date - 3
                THEN CASE WHEN pg_temp.rnd(u, 7) < 0.5 THEN 'draft' ELSE 'submitted' END
                WHEN pg_temp.rnd(u, 7) < 0.88 THEN 'approved'
                WHEN pg_temp.rnd(u, 7) < 0.96 THEN 'submitted'
                ELSE 'returned' END AS state,
           CASE WHEN d.visit_mode = 'onsite' THEN
               CASE WHEN pg_temp.rnd(u, 10) < 0.85 THEN 'gps'
                    WHEN pg_temp.rnd(u, 10) < 0.90 THEN 'qr'
                    WHEN pg_temp.rnd(u, 10) < 0.95 THEN 'manual' END
           END AS checkin_method,
           -- metres from the customer and bearing of a GPS fix
           CASE WHEN pg_temp.rnd(u, 11) < 0.1 THEN 1000 + 4000 * pg_temp.rnd(u, 12)
                ELSE 300 * pg_temp.rnd(u, 12) END AS offset_m,
           2 * pi() * pg_temp.rnd(u, 13) AS bearing,
           -- a GPS fix is mostly precise, sometimes a poor one indoors
           CASE WHEN pg_temp.rnd(u, 20) < 0.05
                THEN 250 + floor(1750 * pg_temp.rnd(u, 21))
                ELSE 5 + mod(u, 45) END AS fix_accuracy,
           -- after a check-in: a check-out as the visit ends, none, or too soon
           CASE WHEN pg_temp.rnd(u, 22) < 0.05 THEN 'none'
                WHEN pg_temp.rnd(u, 22) < 0.09 THEN 'soon'
                ELSE 'end' END AS checkout
      FROM drawn d
), placed AS (
    SELECT t.*,
           t.start_datetime + make_interval(secs => t.duration * 3600) AS end_datetime,
           CASE WHEN t.checkin_method IS NOT NULL
                THEN t.start_datetime - interval '5 minutes' END AS checkin_time,
           CASE WHEN t.checkin_method IN ('gps', 'qr') THEN t.fix_accuracy ELSE 0 END
               AS checkin_accuracy,
           CASE WHEN t.checkin_method = 'manual' THEN 0
                WHEN t.checkin_method IS NULL THEN NULL
                WHEN t.lat IS NULL
                    THEN round((31.2 + 0.3 * pg_temp.rnd(u, 14))::numeric, 7)
                ELSE round((t.lat + t.offset_m * cos(t.bearing) / 111320)::numeric, 7)
           END AS checkin_latitude,
           CASE WHEN t.checkin_method = 'manual' THEN 0
                WHEN t.checkin_method IS NULL THEN NULL
                WHEN t.lon IS NULL
                    THEN round((121.4 + 0.3 * pg_temp.rnd(u, 15))::numeric, 7)
                ELSE round((t.lon + t.offset_m * sin(t.bearing)
                            / (111320 * cos(radians(t.lat::float))))::numeric, 7)
           END AS checkin_longitude
      FROM timed t
), checked_out AS (
    SELECT p.*,
           CASE WHEN p.checkin_method IS NULL OR p.checkout = 'none' THEN NULL
                WHEN p.checkout = 'soon'
                    THEN p.checkin_time
                         + make_interval(secs => 60 + floor(480 * pg_temp.rnd(u, 23)))
                ELSE p.end_datetime
                     - make_interval(secs => floor(300 * pg_temp.rnd(u, 23)))
           END AS checkout_time,
           -- by GPS after a GPS check-in, without a position otherwise
           CASE WHEN p.checkin_method IS NULL OR p.checkout = 'none' THEN NULL
                WHEN p.checkin_method = 'gps' THEN 'gps'
                ELSE 'manual' END AS checkout_method
      FROM placed p
)
SELECT p.*,
       -- haversine, as visit_report_geofence.distance_m
       CASE WHEN p.checkin_method IN ('gps', 'qr') AND p.lat IS NOT NULL THEN
           2 * 6371008.8 * asin(sqrt(
               sin(radians((p.checkin_latitude - p.lat)::float) / 2) ^ 2
               + cos(radians(p.lat::float)) * cos(radians(p.checkin_latitude::float))
                 * sin(radians((p.checkin_longitude - p.lon)::float) / 2) ^ 2))
       ELSE 0 END AS checkin_distance,
       -- a few metres from where the rep checked in
       CASE WHEN p.checkout_method = 'gps'
            THEN round((p.checkin_latitude
                        + 0.0004 * (pg_temp.rnd(u, 24) - 0.5))::numeric, 7)
       END AS checkout_latitude,
       CASE WHEN p.checkout_method = 'gps'
            THEN round((p.checkin_longitude
                        + 0.0004 * (pg_temp.rnd(u, 25) - 0.5))::numeric, 7)
       END AS checkout_longitude,
       CASE WHEN p.checkout_method = 'gps' THEN 5 + floor(40 * pg_temp.rnd(u, 26))
       END AS checkout_accuracy,
       -- as visit_report._compute_dwell_minutes
       coalesce(extract(epoch FROM p.checkout_time - p.checkin_time)::float / 60, 0)
           AS dwell_minutes,
       CASE WHEN p.state != 'draft'
            THEN least(p.end_datetime
                       + make_interval(secs => 36 * 3600 * pg_temp.rnd(u, 16) ^ 2),
                       %(now)s::timestamp - interval '1 minute')
       END AS submitted_date,
       1 + floor(p.contacts * pg_temp.rnd(u, 17))::int AS contact_j,
       (ARRAY['market_research', 'competitor_intelligence', 'relationship',
              'payment_collection', 'new_customer', 'new_product', 'coverage',
              'service'])[1 + floor(8 * pg_temp.rnd(u, 5))::int] AS purpose,
       pg_temp.rnd(u, 8) >= 0.005 AS active,
       pg_temp.rnd(u, 9) < 0.002 AS is_urgent,
       CASE WHEN pg_temp.rnd(u, 18) < 0.75
            THEN nextval('visit_plan_line_id_seq')::int END AS plan_line_id,
       pg_temp.rnd(u, 19) < 0.03 AS missed_line
  FROM checked_out p
"""

INSERT_PLAN_LINES = """
INSERT INTO visit_plan_line (
    id, plan_id, user_id, company_id, partner_id, contact_id, planned_datetime,
    duration, place, purpose, visit_mode, topics, is_done, has_report,
    create_date, write_date, create_uid, write_uid)
SELECT v.plan_line_id, p.id, v.user_id, %(company)s, v.partner_id, k.id,
       v.start_datetime, v.duration,
       CASE WHEN v.visit_mode = 'onsite'
            THEN v.street || E'\\n\\nShanghai  ' || v.zip || E'\\n' END,
       v.purpose, v.visit_mode, 'Orders for next month',
       v.state IN %(done_states)s AND v.active, TRUE,
       p.date_start - interval '5 days', p.date_start, v.user_id, v.user_id
  FROM bench_visit v
  JOIN bench_plan p
    ON p.user_id = v.user_id AND p.date_start = date_trunc('month', v.visit_date)
  JOIN bench_contact k ON k.customer_id = v.partner_id AND k.j = v.contact_j
 WHERE v.plan_line_id IS NOT NULL
UNION ALL
-- planned visits that never got a report: on the 15th of the month
SELECT nextval('visit_plan_line_id_seq'), p.id, v.user_id, %(company)s,
       v.partner_id, NULL, p.date_start + interval '14 days 3 hours', 1.0,
       v.street || E'\\n\\nShanghai  ' || v.zip || E'\\n',
       'relationship', 'onsite', 'Follow-up', FALSE, FALSE,
       p.date_start - interval '5 days', p.date_start, v.user_id, v.user_id
  FROM bench_visit v
  JOIN bench_plan p
    ON p.user_id = v.user_id AND p.date_start = date_trunc('month', v.visit_date)
 WHERE v.missed_line
"""

# The reports. Validity follows visit_report._compute_is_valid: a report is invalid
# when the only contact its rep met at the customer in its month (counting the
# report's own contact) is also the only one met there the month before. The
# in-place verdict follows visit_report._in_place_reason, from the facts: the rep
# gives a reason for a check-in outside the zone or imprecise; the manager has
# judged it on most reports approved (mostly accepted: then it is in place) and
# asked for a correction on those returned.
INSERT_REPORTS = """
WITH met AS (
    SELECT user_id, partner_id, date_trunc('month', visit_date)::date AS month,
           array_agg(DISTINCT k.id) AS contacts
      FROM bench_visit v
      JOIN bench_contact k ON k.customer_id = v.partner_id AND k.j = v.contact_j
     WHERE v.state IN %(done_states)s
  GROUP BY 1, 2, 3
), numbered AS (
    SELECT v.*, k.id AS contact_id,
           k.function AS contact_function, r.team_id, r.manager_id,
           row_number() OVER (ORDER BY v.start_datetime, v.partner_id) AS seq,
           coalesce((this.contacts IS NULL OR this.contacts <@ ARRAY[k.id])
                    AND previous.contacts = ARRAY[k.id], FALSE) AS repeated
      FROM bench_visit v
      JOIN bench_rep r ON r.user_id = v.user_id
      JOIN bench_contact k ON k.customer_id = v.partner_id AND k.j = v.contact_j
      LEFT JOIN met this
        ON this.user_id = v.user_id AND this.partner_id = v.partner_id
       AND this.month = date_trunc('month', v.visit_date)
      LEFT JOIN met previous
        ON previous.user_id = v.user_id AND previous.partner_id = v.partner_id
       AND previous.month = date_trunc('month', v.visit_date) - interval '1 month'
)
INSERT INTO visit_report (
    name, active, state, user_id, company_id, team_id, manager_id, plan_line_id,
    is_unplanned, partner_id, visit_tier, contact_id, contact_function,
    contact_is_decision_maker, visit_mode, purpose, start_datetime, end_datetime,
    duration, visit_date, checkin_latitude, checkin_longitude, checkin_accuracy,
    checkin_time, checkin_method, checkin_distance, checkout_latitude,
    checkout_longitude, checkout_accuracy, checkout_time, checkout_method,
    dwell_minutes, times_mismatch, checkin_outside_reason, geofence_decision,
    in_place_reason, in_place, checkin_to_judge, customer_needs,
    visit_effect, is_urgent, urgent_category, return_reason, report_deadline,
    submitted_date, submitted_late, is_valid, invalid_kind, verification_done,
    create_date, write_date, create_uid, write_uid)
SELECT 'VR/' || to_char(n.visit_date, 'YYYY') || '/'
           || lpad(n.seq::text, greatest(5, length(n.seq::text)), '0'),
       n.active, n.state, n.user_id, %(company)s, n.team_id, n.manager_id,
       n.plan_line_id, n.plan_line_id IS NULL, n.partner_id, n.tier, n.contact_id,
       n.contact_function, n.contact_j = 1, n.visit_mode, n.purpose,
       n.start_datetime, n.end_datetime, n.duration, n.visit_date,
       n.checkin_latitude, n.checkin_longitude, n.checkin_accuracy,
       n.checkin_time, n.checkin_method, n.checkin_distance, n.checkout_latitude,
       n.checkout_longitude, n.checkout_accuracy, n.checkout_time,
       n.checkout_method, n.dwell_minutes,
       -- as visit_report._compute_times_mismatch
       n.visit_mode != 'phone'
           AND (abs(extract(epoch FROM n.start_datetime - n.checkin_time))
                    > %(mismatch_secs)s
                OR abs(extract(epoch FROM n.end_datetime - n.checkout_time))
                    > %(mismatch_secs)s) IS TRUE,
       CASE WHEN n.state != 'draft' AND facts.reason = 'outside'
                THEN 'Met the buyer at the warehouse across the road.'
            WHEN n.state != 'draft' AND facts.reason = 'uncertain'
                THEN 'No GPS signal inside the building.'
            WHEN n.state != 'draft' AND facts.reason = 'qr_far'
                THEN 'Scanned the label the buyer brought to the fair.' END,
       judged.decision, verdict.reason,
       verdict.reason IN ('inside', 'qr', 'phone', 'accepted'),
       verdict.reason IN %(to_judge)s,
       '<p>Wants a better price on the spring order.</p>',
       '<p>Order confirmed for next month.</p>',
       n.is_urgent, CASE WHEN n.is_urgent THEN 'competitor_policy' END,
       CASE WHEN n.state = 'returned' THEN 'Say what the customer ordered.' END,
       n.end_datetime + make_interval(hours => %(deadline_hours)s),
       n.submitted_date,
       n.submitted_date > n.end_datetime + make_interval(hours => %(deadline_hours)s),
       NOT n.repeated,
       CASE WHEN n.repeated THEN 'repeated_contact' END,
       FALSE,
       n.start_datetime, coalesce(n.submitted_date, n.end_datetime),
       n.user_id, n.user_id
  FROM numbered n
 CROSS JOIN LATERAL (
    SELECT CASE WHEN n.visit_mode = 'phone' THEN 'phone'
                WHEN n.checkin_method = 'qr' AND n.lat IS NOT NULL
                     AND n.checkin_distance > %(radius)s THEN 'qr_far'
                WHEN n.checkin_method = 'qr' THEN 'qr'
                WHEN n.checkin_method IS DISTINCT FROM 'gps' THEN 'no_position'
                WHEN n.lat IS NULL THEN 'no_customer_position'
                WHEN n.checkin_accuracy > %(max_accuracy)s THEN 'uncertain'
                WHEN n.checkin_distance > %(radius)s THEN 'outside'
                WHEN %(min_dwell)s > 0 AND n.checkout_time IS NULL
                    THEN 'no_check_out'
                WHEN n.dwell_minutes < %(min_dwell)s THEN 'too_short'
                ELSE 'inside' END AS reason) facts
 CROSS JOIN LATERAL (
    SELECT CASE WHEN facts.reason NOT IN ('outside', 'uncertain', 'qr_far')
                     OR n.state IN ('draft', 'submitted') THEN NULL
                WHEN n.state = 'approved' AND pg_temp.rnd(n.u, 27) < 0.7
                    THEN 'accepted'
                WHEN n.state = 'returned' OR pg_temp.rnd(n.u, 27) < 0.9
                    THEN 'needs_correction' END AS decision) judged
 CROSS JOIN LATERAL (
    SELECT CASE WHEN judged.decision = 'accepted' THEN 'accepted'
                ELSE facts.reason END AS reason) verdict
"""

PLAN_COMPLETION = """
UPDATE visit_plan plan
   SET line_count = counts.lines,
       done_line_count = counts.done,
       completion_rate = CASE WHEN counts.lines > 0
                              THEN 100.0 * counts.done / counts.lines ELSE 0 END
  FROM (SELECT plan_id, count(*) AS lines, count(*) FILTER (WHERE is_done) AS done
          FROM visit_plan_line GROUP BY plan_id) counts
 WHERE counts.plan_id = plan.id
"""


def create_people(env):
    """5 team leaders (visit managers) and 50 reps (visit users), 10 per team."""
    ref = env.ref
    sales = [ref("base.group_user").id, ref("sales_team.group_sale_salesman").id]
    Users = env["res.users"].with_context(no_reset_password=True)
    company = env.ref("base.main_company")
    common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
    common["tz"] = "Asia/Shanghai"
    managers = Users.create(
        [
            dict(
                common,
                name=f"Bench Manager {t + 1}",
                login=f"bench_manager_{t + 1}",
                group_ids=[
                    Command.set(
                        sales + [ref("visit_management.group_visit_manager").id]
                    )
                ],
            )
            for t in range(TEAMS)
        ]
    )
    reps = Users.create(
        [
            dict(
                common,
                name=f"Bench Rep {i + 1:02d}",
                login=f"bench_rep_{i + 1:02d}",
                group_ids=[
                    Command.set(sales + [ref("visit_management.group_visit_user").id])
                ],
            )
            for i in range(REPS)
        ]
    )
    per_team = REPS // TEAMS
    teams = env["crm.team"].create(
        [
            {
                "name": f"Bench Team {t + 1}",
                "user_id": manager.id,
                "company_id": company.id,
                "member_ids": [
                    Command.set(reps[t * per_team : (t + 1) * per_team].ids)
                ],
            }
            for t, manager in enumerate(managers)
        ]
    )
    env.flush_all()
    rep_teams = [teams[i // per_team] for i in range(REPS)]
    return company, managers, reps, rep_teams


def floor_query(env):
    """The hand-written floor: one SELECT computing, for every customer with a
    tier, its last on-site and phone visits done and its next due date under the
    tier rules (a phone rule is also met by an on-site visit; a customer never
    visited is due from its creation). Region rules are left out: the benchmark's
    company does not switch them on."""
    return SQL(
        """
        WITH last_visit AS (
            SELECT partner_id,
                   max(visit_date) FILTER (WHERE visit_mode = 'onsite') AS onsite,
                   max(visit_date) FILTER (WHERE visit_mode = 'phone') AS phone
              FROM visit_report
             WHERE active AND state IN ('submitted', 'approved')
          GROUP BY partner_id
        )
        SELECT p.id, l.onsite, l.phone, greatest(l.onsite, l.phone) AS last,
               min(coalesce(
                   (CASE rule.visit_mode WHEN 'onsite' THEN l.onsite
                         ELSE greatest(l.onsite, l.phone) END
                    + make_interval(months => rule.interval_months))::date,
                   p.create_date::date)) AS next
          FROM res_partner p
          LEFT JOIN res_users u ON u.id = p.user_id
          LEFT JOIN last_visit l ON l.partner_id = p.id
          JOIN visit_frequency_rule rule
            ON rule.active AND rule.kind = 'tier' AND rule.tier = p.visit_tier
           AND (rule.company_id IS NULL
                OR rule.company_id = coalesce(p.company_id, u.company_id, %s))
         WHERE p.visit_tier IS NOT NULL
      GROUP BY p.id, l.onsite, l.phone
        """,
        env.ref("base.main_company").id,
    )


def store_visit_dates(env):
    """Stores the customers' visit dates as the ORM computes them (from the
    floor's query); returns how many customers were updated."""
    env.cr.execute(
        SQL(
            """
            UPDATE res_partner p
               SET last_onsite_visit_date = f.onsite,
                   last_phone_visit_date = f.phone,
                   last_visit_date = f.last,
                   next_visit_date = f.next
              FROM (%s) f
             WHERE f.id = p.id
            """,
            floor_query(env),
        )
    )
    return env.cr.rowcount


def store_review_deadlines(env, company):
    """As visit.report._compute_review_deadline. A deadline depends on the local
    day of the submission only, and local days begin on the hour: the model's
    own method gives it once per hour submissions fall in, one UPDATE stores it."""
    cr = env.cr
    cr.execute(
        "SELECT DISTINCT date_trunc('hour', submitted_date) FROM visit_report"
        " WHERE submitted_date IS NOT NULL"
    )
    hours = [hour for (hour,) in cr.fetchall()]
    report = env["visit.report"].new({"company_id": company.id})
    deadlines = [report._review_deadline_after(hour) for hour in hours]
    cr.execute(
        SQL(
            """
            UPDATE visit_report r
               SET review_deadline = d.deadline
              FROM unnest(%s::timestamp[], %s::timestamp[]) AS d(hour, deadline)
             WHERE date_trunc('hour', r.submitted_date) = d.hour
            """,
            hours,
            deadlines,
        )
    )
    return cr.rowcount


# The front desk's year: each rep hosts a customer every working day (a year
# back, today and tomorrow), 10:00-11:30 in Shanghai. Past ones are done, but
# 5% cancelled and 2% never closed; those closed or flagged more than a week ago
# count as reminded (the reception reminders' backlog of a week). Today's and
# tomorrow's are confirmed; the team leader sees to the catering, the rep to the
# rest; tomorrow's have two preparation items still open (the rep's room, the
# leader's catering), so the day-before reminder lists them.
RECEPTIONS = """
CREATE TEMP TABLE bench_reception AS
WITH rep_customers AS (
    SELECT r.user_id, r.team_id, r.manager_id, array_agg(p.id ORDER BY p.id) AS ids
      FROM bench_rep r
      JOIN res_partner p ON p.user_id = r.user_id AND p.is_company
  GROUP BY 1, 2, 3
)
SELECT nextval('visit_reception_id_seq')::int AS id, c.user_id, c.team_id,
       c.manager_id, c.ids[1 + mod(n, cardinality(c.ids))] AS partner_id,
       d::date + time '02:00' AS start_datetime,
       d::date + time '03:30' AS stop_datetime,
       CASE WHEN d::date >= %(today)s THEN 'confirmed'
            WHEN pg_temp.rnd(n * 100000 + c.user_id, 60) < 0.05 THEN 'cancelled'
            WHEN pg_temp.rnd(n * 100000 + c.user_id, 60) < 0.07 THEN 'confirmed'
            ELSE 'done' END AS state,
       d::date > %(today)s AS tomorrow,
       d::date < %(today)s - 7 AS reminded
  FROM rep_customers c
 CROSS JOIN generate_series(%(today)s::date - 364, %(today)s::date + 1,
                            interval '1 day') WITH ORDINALITY AS g(d, n)
 WHERE extract(isodow FROM d) < 6 OR d::date > %(today)s;
INSERT INTO mail_activity (
    res_model_id, res_model, res_id, res_name, activity_type_id, user_id, user_tz,
    summary, date_deadline, automated, active,
    create_date, write_date, create_uid, write_uid)
SELECT %(reception_model)s, 'visit.reception', r.id,
       'RC/BENCH/' || r.id || ' ' || c.name, %(prep_type)s, u.user_id, p.tz, u.item,
       %(today)s, FALSE, TRUE, %(now)s, %(now)s, 1, 1
  FROM bench_reception r
  JOIN res_partner c ON c.id = r.partner_id
 CROSS JOIN LATERAL (VALUES (r.user_id, 'Room'), (r.manager_id, 'Catering'))
       AS u(user_id, item)
  JOIN res_users ru ON ru.id = u.user_id
  JOIN res_partner p ON p.id = ru.partner_id
 WHERE r.tomorrow;
INSERT INTO visit_reception (
    id, company_id, partner_id, team_id, manager_id, user_id, room_user_id,
    catering_user_id, material_user_id, pickup_user_id, name, state, purpose,
    request_channel, catering, people_count, start_datetime, stop_datetime,
    done_datetime, prep_reminded, close_flagged,
    create_date, write_date, create_uid, write_uid)
SELECT id, %(company)s, partner_id, team_id, manager_id, user_id, user_id, manager_id,
       user_id, user_id, 'RC/BENCH/' || id,
       state, 'business_talks', 'phone', 'none', 2, start_datetime, stop_datetime,
       CASE WHEN state = 'done' THEN stop_datetime END, NOT tomorrow, reminded,
       %(now)s, %(now)s, 1, 1
  FROM bench_reception
"""


def generate(env, size, customers, reports, log=print):
    """Fills the database; the caller commits."""
    cr = env.cr
    # importable once the registry has loaded the addons
    from odoo.addons.visit_management.models.visit_report import TO_JUDGE_REASONS
    from odoo.addons.visit_management.models.visit_report_geofence import (
        TIME_MISMATCH_TOLERANCE,
    )

    company, managers, reps, rep_teams = create_people(env)
    log(f"  {len(managers)} team leaders and {len(reps)} reps created")
    params = {
        "reps": reps.ids,
        "teams": [team.id for team in rep_teams],
        "managers": [team.user_id.id for team in rep_teams],
        "company": company.id,
        "customers": customers,
        "reports": reports,
        "today": fields.Date.today(),
        "now": fields.Datetime.now(),
        "done_states": ("submitted", "approved"),
        "radius": company.visit_inplace_radius,
        "max_accuracy": company.visit_checkin_max_accuracy,
        "min_dwell": company.visit_min_dwell_minutes,
        "deadline_hours": company.visit_report_deadline_hours,
        "mismatch_secs": TIME_MISMATCH_TOLERANCE.total_seconds(),
        "to_judge": TO_JUDGE_REASONS,
        "reception_model": env["ir.model"]._get_id("visit.reception"),
        "prep_type": env.ref("visit_management.mail_activity_visit_reception_prep").id,
        **{f"w_{tier}": weight for tier, weight in TIER_VISITS.items()},
    }
    steps = [
        ("customers", [RND_FUNCTION, CUSTOMERS, CONTACT_COUNTS, INSERT_CUSTOMERS]),
        ("contacts", [CONTACTS, INSERT_CONTACTS]),
        ("customers' and contacts' teams", [REP_TABLE, PARTNER_TEAMS]),
        ("plans", [PLANS, INSERT_PLANS]),
        ("visits", [VISITS]),
        ("planned visits", [INSERT_PLAN_LINES]),
        ("visit reports", [INSERT_REPORTS]),
        ("plans' completion", [PLAN_COMPLETION]),
        ("receptions (and tomorrow's open preparation items)", [RECEPTIONS]),
    ]
    for label, queries in steps:
        for query in queries:
            cr.execute(SQL(query, **params))
        log(f"  {label}: {cr.rowcount} rows")
    # the reports' sequence goes on after the generated names
    env.ref("visit_management.seq_visit_report").number_next = reports + 1
    log(f"  reports' review deadlines: {store_review_deadlines(env, company)} rows")
    log(f"  customers' visit dates: {store_visit_dates(env)} rows")
    env["ir.config_parameter"].set_param(MARKER, f"{size}:{customers}:{reports}")
    env.invalidate_all()
    return reps
