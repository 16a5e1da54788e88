# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.visit_management.hooks import prepare_uninstall


def uninstall_hook(env):
    prepare_uninstall(env, "visit_management_property")
