# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

# where the due-dates cron kept its place before 19.0.1.2.0
FORMER_RESUME_PARAM = "visit_management.due_dates_resume"


def migrate(cr, version):
    """Since 19.0.1.2.0 the due-dates cron goes on with the customers not
    refreshed today (visit_dates_refresh_date): its former cursor goes."""
    cr.execute(
        SQL("DELETE FROM ir_config_parameter WHERE key = %s", FORMER_RESUME_PARAM)
    )
