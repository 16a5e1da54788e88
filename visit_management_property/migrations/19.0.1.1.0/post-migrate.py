# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file


def migrate(cr, version):
    """Residents are kept to their estate's office for every employee since
    19.0.1.1.0. The record rules live in a noupdate file, which an update leaves
    as it was: it is loaded again as on a new database."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env,
        "visit_management_property",
        "security/property_security.xml",
        {},
        mode="init",
        noupdate=True,
    )
