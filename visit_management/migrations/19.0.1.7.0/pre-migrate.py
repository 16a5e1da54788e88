# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def migrate(cr, version):
    """visit.plan.line.has_report (19.0.1.7.0) filled in one statement: the
    ORM would compute it for each planned visit of the company's history."""
    cr.execute(
        SQL(
            """
            ALTER TABLE visit_plan_line ADD COLUMN IF NOT EXISTS has_report boolean;
            UPDATE visit_plan_line line
               SET has_report = EXISTS (
                       SELECT 1 FROM visit_report report
                        WHERE report.plan_line_id = line.id)
            """
        )
    )
