# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api
from odoo.tools import sql

# models read through their _table_query since 19.0.1.1.0, SQL views before
FORMER_VIEWS = ("visit_today_rep", "visit_today", "visit_report_analysis")


def migrate(cr, version):
    """Since 19.0.1.1.0 the users of the Visits app log in on their landing:
    those of an earlier database who chose no home action get it too. The
    former SQL views go: left behind, they would hold on to the columns they
    read."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    users = env["res.users"].with_context(active_test=False).search([])
    users._visit_set_home_action()
    for view in FORMER_VIEWS:
        sql.drop_view_if_exists(cr, view)
