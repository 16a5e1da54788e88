# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.visit_management.tools import client_action

OPEN_COMPLAINT = [("state", "in", ("new", "in_progress"))]
OPEN_REPAIR = [("state", "in", ("new", "assigned"))]


class PropertyOfficeOverview(models.Model):
    """The property office's landing: its open complaints and repairs and the
    callbacks due, each counter opening its list (of the estates the user
    works for, as the records' rules give them). Stored nowhere: a row per
    user, as visit.team.overview."""

    _name = "property.office.overview"
    _description = "Property Office Overview"
    _auto = False
    _table_query = "SELECT id FROM res_users"

    complaint_count = fields.Integer(
        string="Open Complaints", compute="_compute_counts"
    )
    repair_count = fields.Integer(string="Open Repairs", compute="_compute_counts")
    callback_due_count = fields.Integer(
        string="Callbacks Due", compute="_compute_counts"
    )
    callback_overdue_count = fields.Integer(
        string="Overdue Callbacks", compute="_compute_counts"
    )

    def _compute_display_name(self):
        self.display_name = self.env._("Property Office")

    @api.depends_context("uid")
    def _compute_counts(self):
        Callback = self.env["property.resident.callback"]
        self.update(
            {
                "complaint_count": self.env["property.complaint"].search_count(
                    OPEN_COMPLAINT
                ),
                "repair_count": self.env["property.repair.request"].search_count(
                    OPEN_REPAIR
                ),
                "callback_due_count": Callback.search_count(self._callbacks_due()),
                "callback_overdue_count": Callback.search_count(
                    self._callbacks_due(overdue=True)
                ),
            }
        )

    @api.model
    def _callbacks_due(self, overdue=False):
        """Callbacks to do whose day has come (or passed, when `overdue`)."""
        today = fields.Date.to_string(fields.Date.context_today(self))
        return [("state", "=", "todo"), ("due_date", "<" if overdue else "<=", today)]

    def _list(self, xmlid, domain, name):
        return self.env["visit.landing"]._window_action(
            xmlid, domain=domain, name=name, context={}
        )

    @client_action(single=True)
    def action_open_complaints(self):
        return self._list(
            "visit_management_property.property_complaint_action",
            OPEN_COMPLAINT,
            self.env._("Open Complaints"),
        )

    @client_action(single=True)
    def action_open_repairs(self):
        return self._list(
            "visit_management_property.property_repair_request_action",
            OPEN_REPAIR,
            self.env._("Open Repairs"),
        )

    @client_action(single=True)
    def action_open_callbacks_due(self):
        return self._list(
            "visit_management_property.property_resident_callback_action",
            self._callbacks_due(),
            self.env._("Callbacks Due"),
        )

    @client_action(single=True)
    def action_open_callbacks_overdue(self):
        return self._list(
            "visit_management_property.property_resident_callback_action",
            self._callbacks_due(overdue=True),
            self.env._("Overdue Callbacks"),
        )
