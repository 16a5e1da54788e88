# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Since 19.0.1.1.0 the users of the Visits app log in on their landing:
    those of an earlier database who chose no home action get it too."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    users = env["res.users"].with_context(active_test=False).search([])
    users._visit_set_home_action()
