# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.selections import REPORT_STATES, TIERS, VISIT_MODES

# The columns of a report the counts follow.
COUNTED = (
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
)


class VisitReportMonthly(models.Model):
    """The active visit reports counted by month, rep, team, state, mode and
    tier. PostgreSQL keeps the counts as reports are written (a trigger on
    visit_report adds to them what a statement changed), so the
    monthly pivots read a few thousand rows instead of every report: at a
    million reports, milliseconds instead of a second."""

    _name = "visit.report.monthly"
    _description = "Visits by Month"
    _order = "month desc, user_id"
    _log_access = False
    # What the trigger counts, flushed before the counts are read.
    _depends = {"visit.report": list(COUNTED)}

    # The counts of a deleted user, team or company go with it (the trigger
    # counts its reports under no one): set to null, two rows could
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
        old, new = (
            SQL(", ").join(
                SQL("%s.%s", SQL.identifier(alias), SQL.identifier(column))
                for column in COUNTED
            )
            for alias in ("o", "n")
        )
        changed = SQL(
            "FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "WHERE (%s) IS DISTINCT FROM (%s)",
            old,
            new,
        )
        self.env.cr.execute(
            SQL(
                """
            CREATE UNIQUE INDEX IF NOT EXISTS visit_report_monthly_group_key
                ON visit_report_monthly (month, company_id, user_id, team_id,
                    manager_id, state, visit_mode, visit_tier) NULLS NOT DISTINCT;
            -- the groups a change left empty, found at once
            CREATE INDEX IF NOT EXISTS visit_report_monthly_empty
                ON visit_report_monthly (id) WHERE nbr <= 0;

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

            -- without JIT: PostgreSQL cannot estimate the join of a
            -- statement's old and new rows (half a million rows for 14,000)
            -- and compiled it on every flag written, 0.9 s each.
            -- EXECUTE: the changes are planned for each statement's rows. A
            -- query written in the function is planned once a connection,
            -- for the first statement's rows: after an update of one report,
            -- an update of 27,000 joined their old and new rows in a nested
            -- loop, for half an hour.
            CREATE OR REPLACE FUNCTION visit_report_monthly_trigger()
            RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
            DECLARE
                added bigint;
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    EXECUTE %(add_inserted)s;
                ELSIF TG_OP = 'DELETE' THEN
                    EXECUTE %(add_deleted)s;
                ELSE
                    EXECUTE %(add_updated)s;
                END IF;
                -- only a change added can leave a group empty; a statement
                -- writing a flag or a text adds none
                GET DIAGNOSTICS added = ROW_COUNT;
                IF added > 0 THEN
                    DELETE FROM visit_report_monthly WHERE nbr <= 0;
                END IF;
                RETURN NULL;
            END $$;
            -- the previous version passed a statement's rows to it as one
            -- jsonb array, which a million rows overflowed
            DROP FUNCTION IF EXISTS visit_report_monthly_add(jsonb);

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
            """,
                add_inserted=self._add_changes(
                    SQL("SELECT 1, %s FROM new_rows n", new)
                ),
                add_deleted=self._add_changes(
                    SQL("SELECT -1, %s FROM old_rows o", old)
                ),
                add_updated=self._add_changes(
                    SQL(
                        "SELECT -1, %s %s UNION ALL SELECT 1, %s %s",
                        old,
                        changed,
                        new,
                        changed,
                    )
                ),
            )
        )

    def _add_changes(self, changes):
        """The text of a statement the trigger EXECUTEs, adding to the counts
        the changes of a statement, `changes` selecting a sign (+1 for a
        report's new values, -1 for its old ones) and the columns COUNTED,
        summed by group first: a group not counted any more (its team, leader
        or company deleted with its counts) is not made again by a removal."""
        statement = SQL(
            """
            WITH c (sign, %(columns)s) AS (%(changes)s),
            added AS (
                SELECT date_trunc('month', c.visit_date)::date AS month,
                       c.company_id, c.user_id, c.team_id, c.manager_id,
                       c.state, c.visit_mode, c.visit_tier,
                       sum(c.sign) AS nbr,
                       coalesce(sum(c.sign) FILTER (WHERE c.in_place), 0)
                           AS nbr_in_place,
                       coalesce(sum(c.sign) FILTER (WHERE c.is_valid), 0)
                           AS nbr_valid,
                       coalesce(sum(c.sign) FILTER (WHERE c.submitted_late), 0)
                           AS nbr_late,
                       coalesce(sum(c.sign * c.duration), 0) AS duration
                  FROM c
                 WHERE c.active AND c.visit_date IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
            )
            INSERT INTO visit_report_monthly AS m
                   (month, company_id, user_id, team_id, manager_id, state,
                    visit_mode, visit_tier, nbr, nbr_in_place, nbr_valid,
                    nbr_late, duration)
            SELECT * FROM added a
             WHERE a.nbr > 0 OR EXISTS (
                   SELECT 1 FROM visit_report_monthly k
                    WHERE k.month = a.month AND k.company_id = a.company_id
                      AND k.user_id = a.user_id
                      AND k.team_id IS NOT DISTINCT FROM a.team_id
                      AND k.manager_id IS NOT DISTINCT FROM a.manager_id
                      AND k.state IS NOT DISTINCT FROM a.state
                      AND k.visit_mode IS NOT DISTINCT FROM a.visit_mode
                      AND k.visit_tier IS NOT DISTINCT FROM a.visit_tier)
            ON CONFLICT (month, company_id, user_id, team_id, manager_id,
                         state, visit_mode, visit_tier) DO UPDATE
               SET nbr = m.nbr + EXCLUDED.nbr,
                   nbr_in_place = m.nbr_in_place + EXCLUDED.nbr_in_place,
                   nbr_valid = m.nbr_valid + EXCLUDED.nbr_valid,
                   nbr_late = m.nbr_late + EXCLUDED.nbr_late,
                   duration = m.duration + EXCLUDED.duration
            """,
            columns=SQL(", ").join(map(SQL.identifier, COUNTED)),
            changes=changes,
        )
        return self.env.cr.mogrify(statement).decode()

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
