# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import sql


def migrate(cr, version):
    """The callback analysis is read through its _table_query since 19.0.1.2.0:
    its former SQL view goes, which would hold on to the columns it read."""
    sql.drop_view_if_exists(cr, "property_callback_analysis")
