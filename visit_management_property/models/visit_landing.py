# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class VisitLanding(models.AbstractModel):
    _inherit = "visit.landing"

    @api.model
    def _landing_action(self):
        """The property office lands on its callbacks and complaints."""
        if self.env.user.has_group("visit_management_property.group_property_office"):
            return self._overview_action("property.office.overview")
        return super()._landing_action()
