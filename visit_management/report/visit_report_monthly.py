# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.selections import REPORT_STATES, TIERS, VISIT_MODES


class VisitReportMonthly(models.Model):
    """The active visit reports counted by month, rep, team, state, mode and
    tier. PostgreSQL keeps the counts as reports are written (a trigger on
    visit_report recounts the rep's months a statement touched), so the
    monthly pivots read a few thousand rows instead of every report: at a
    million reports, milliseconds instead of a second."""

    _name = "visit.report.monthly"
    _description = "Visits by Month"
    _order = "month desc, user_id"
    _log_access = False
    # What the trigger counts, flushed before the counts are read.
    _depends = {
        "visit.report": [
            "active",
            "company_id",
            "duration",
            "in_place",
            "is_valid",
            "manager_id",
            "state",
            "submitted_late",
            "team_id",
            "user_id",
            "visit_date",
            "visit_mode",
            "visit_tier",
        ]
    }

    # The counts of a deleted user, team or company go with it (the trigger
    # counts its reports again under no one): set to null, two rows could
    # become one group twice.
    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users", string="Sales Rep", readonly=True, ondelete="cascade"
    )
    team_id = fields.Many2one(
        "crm.team", string="Sales Team", readonly=True, ondelete="cascade"
    )
    manager_id = fields.Many2one("res.users", readonly=True, ondelete="cascade")
    state = fields.Selection(selection=REPORT_STATES, readonly=True)
    visit_mode = fields.Selection(selection=VISIT_MODES, string="Mode", readonly=True)
    visit_tier = fields.Selection(selection=TIERS, string="Tier", readonly=True)
    nbr = fields.Integer(string="# Visits", readonly=True)
    nbr_in_place = fields.Integer(string="# In Place", readonly=True)
    nbr_valid = fields.Integer(string="# Valid", readonly=True)
    nbr_late = fields.Integer(string="# Late", readonly=True)
    duration = fields.Float(string="Duration (hours)", readonly=True)

    def init(self):
        """The function and triggers that keep the counts, and every count
        recomputed (an install, or an update after reports were written
        without the triggers). A statement that changes none of the columns
        counted (a text, a photo, write_date) leaves the counts alone."""
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS visit_report_monthly_group_key
                ON visit_report_monthly (month, company_id, user_id, team_id,
                    manager_id, state, visit_mode, visit_tier) NULLS NOT DISTINCT;

            CREATE OR REPLACE FUNCTION visit_report_monthly_recount(
                company_ids int[], user_ids int[], months date[])
            RETURNS void LANGUAGE sql AS $$
                WITH touched AS (
                    SELECT DISTINCT * FROM unnest(company_ids, user_ids, months)
                        AS t(company_id, user_id, month)
                ), fresh AS (
                    SELECT t.month, r.company_id, r.user_id, r.team_id, r.manager_id,
                           r.state, r.visit_mode, r.visit_tier,
                           count(*) AS nbr,
                           count(*) FILTER (WHERE r.in_place) AS nbr_in_place,
                           count(*) FILTER (WHERE r.is_valid) AS nbr_valid,
                           count(*) FILTER (WHERE r.submitted_late) AS nbr_late,
                           COALESCE(sum(r.duration), 0) AS duration
                      FROM touched t
                      -- by (user_id, visit_date): a report's rep and company
                      -- are required, so a plain = that the index serves
                      JOIN visit_report r
                        ON r.user_id = t.user_id
                       AND r.company_id = t.company_id
                       AND r.visit_date >= t.month
                       AND r.visit_date < t.month + INTERVAL '1 month'
                     WHERE r.active
                  GROUP BY t.month, r.company_id, r.user_id, r.team_id,
                           r.manager_id, r.state, r.visit_mode, r.visit_tier
                ), kept AS (
                    INSERT INTO visit_report_monthly
                           (month, company_id, user_id, team_id, manager_id, state,
                            visit_mode, visit_tier, nbr, nbr_in_place, nbr_valid,
                            nbr_late, duration)
                    SELECT * FROM fresh
                    ON CONFLICT (month, company_id, user_id, team_id, manager_id,
                                 state, visit_mode, visit_tier) DO UPDATE
                       SET nbr = EXCLUDED.nbr, nbr_in_place = EXCLUDED.nbr_in_place,
                           nbr_valid = EXCLUDED.nbr_valid, nbr_late = EXCLUDED.nbr_late,
                           duration = EXCLUDED.duration
                    RETURNING id
                )
                DELETE FROM visit_report_monthly m
                 USING touched t
                 WHERE m.user_id = t.user_id
                   AND m.company_id = t.company_id
                   AND m.month = t.month
                   AND m.id NOT IN (SELECT id FROM kept)
            $$;

            CREATE OR REPLACE FUNCTION visit_report_monthly_trigger()
            RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                company_ids int[];
                user_ids int[];
                months date[];
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(company_id), array_agg(user_id),
                           array_agg(date_trunc('month', visit_date)::date)
                      INTO company_ids, user_ids, months
                      FROM new_rows WHERE visit_date IS NOT NULL;
                ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(company_id), array_agg(user_id),
                           array_agg(date_trunc('month', visit_date)::date)
                      INTO company_ids, user_ids, months
                      FROM old_rows WHERE visit_date IS NOT NULL;
                ELSE
                    SELECT array_agg(g.company_id), array_agg(g.user_id),
                           array_agg(date_trunc('month', g.visit_date)::date)
                      INTO company_ids, user_ids, months
                      FROM old_rows o JOIN new_rows n ON n.id = o.id,
                           LATERAL (VALUES (o.company_id, o.user_id, o.visit_date),
                                           (n.company_id, n.user_id, n.visit_date))
                               AS g(company_id, user_id, visit_date)
                     WHERE g.visit_date IS NOT NULL
                       AND (o.active, o.visit_date, o.company_id, o.user_id,
                            o.team_id, o.manager_id, o.state, o.visit_mode,
                            o.visit_tier, o.in_place, o.is_valid, o.submitted_late,
                            o.duration)
                           IS DISTINCT FROM
                           (n.active, n.visit_date, n.company_id, n.user_id,
                            n.team_id, n.manager_id, n.state, n.visit_mode,
                            n.visit_tier, n.in_place, n.is_valid, n.submitted_late,
                            n.duration);
                END IF;
                -- a recount of nothing still costs a plan over every report
                -- (20 to 40 ms at a million): a statement writing a flag or a
                -- text calls none
                IF months IS NOT NULL THEN
                    PERFORM visit_report_monthly_recount(company_ids, user_ids, months);
                END IF;
                RETURN NULL;
            END $$;

            DROP TRIGGER IF EXISTS visit_report_monthly_insert ON visit_report;
            DROP TRIGGER IF EXISTS visit_report_monthly_update ON visit_report;
            DROP TRIGGER IF EXISTS visit_report_monthly_delete ON visit_report;
            CREATE TRIGGER visit_report_monthly_insert AFTER INSERT ON visit_report
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION visit_report_monthly_trigger();
            CREATE TRIGGER visit_report_monthly_update AFTER UPDATE ON visit_report
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION visit_report_monthly_trigger();
            CREATE TRIGGER visit_report_monthly_delete AFTER DELETE ON visit_report
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION visit_report_monthly_trigger();

            DELETE FROM visit_report_monthly;
            SELECT visit_report_monthly_recount(
                       array_agg(company_id), array_agg(user_id), array_agg(month))
              FROM (SELECT DISTINCT company_id, user_id,
                           date_trunc('month', visit_date)::date AS month
                      FROM visit_report WHERE visit_date IS NOT NULL) groups;
            """
        )

    def _drop_counting(self):
        """Before an uninstall: the triggers and functions init() made, which
        Odoo knows nothing of, and the counts, which no longer follow the
        reports the uninstall deletes."""
        self.env.cr.execute(
            """
            DELETE FROM visit_report_monthly;
            DROP TRIGGER IF EXISTS visit_report_monthly_insert ON visit_report;
            DROP TRIGGER IF EXISTS visit_report_monthly_update ON visit_report;
            DROP TRIGGER IF EXISTS visit_report_monthly_delete ON visit_report;
            DROP FUNCTION IF EXISTS visit_report_monthly_trigger();
            DROP FUNCTION IF EXISTS visit_report_monthly_recount(int[], int[], date[]);
            """
        )
