# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.visit_management.tools import client_action

from .property_workflow_mixin import RESIDENT_FIELDS

# What the office writes on a repair until it is done.
REPAIR_FIELDS = (
    *RESIDENT_FIELDS,
    "category_id",
    "description",
    "technician_id",
    "requested_datetime",
    "work_done",
)


class PropertyRepairRequest(models.Model):
    """A resident's request to repair something in their home (请修)."""

    _name = "property.repair.request"
    _numbered = True
    _description = "Repair Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "requested_datetime desc, id desc"
    _check_company_auto = True
    _visit_dates = ("requested_datetime",)
    _user_fields = dict.fromkeys(("create", "new", "assigned"), REPAIR_FIELDS)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[("new", "New"), ("assigned", "Assigned"), ("done", "Done")],
        string="Status",
        default="new",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    resident_id = fields.Many2one(required=True)
    unit_id = fields.Many2one(required=True)
    category_id = fields.Many2one(
        "property.repair.category", required=True, tracking=True
    )
    description = fields.Text(required=True)
    technician_id = fields.Many2one("res.users", tracking=True, index=True)
    requested_datetime = fields.Datetime(
        string="Requested", required=True, default=fields.Datetime.now
    )
    requested_date = fields.Date(
        compute="_compute_requested_date", store=True, index=True
    )
    assigned_datetime = fields.Datetime(string="Assigned", readonly=True, copy=False)
    done_datetime = fields.Datetime(string="Done", readonly=True, copy=False)
    work_done = fields.Text(help="What the technician did.")

    callback_ids = fields.One2many(
        "property.resident.callback", "repair_id", string="Callbacks"
    )

    @api.depends("requested_datetime")
    def _compute_requested_date(self):
        for repair in self:
            repair.requested_date = (
                fields.Date.context_today(repair, repair.requested_datetime)
                if repair.requested_datetime
                else False
            )

    @client_action()
    def action_assign(self):
        self._check_state(
            ("new",),
            lambda repair: self.env._(
                "%(repair)s is already assigned.", repair=repair.name
            ),
        )
        for repair in self:
            if not repair.technician_id:
                raise UserError(
                    self.env._(
                        "Choose the technician of %(repair)s first.", repair=repair.name
                    )
                )
        self._workflow_write(
            {"state": "assigned", "assigned_datetime": fields.Datetime.now()}
        )
        for repair in self:
            repair.activity_schedule(
                "visit_management_property.mail_activity_property_repair",
                summary=self.env._(
                    "Repair at %(unit)s: %(category)s",
                    unit=repair.unit_id.display_name,
                    category=repair.category_id.name,
                ),
                user_id=repair.technician_id.id,
            )
        return True

    @client_action()
    def action_done(self):
        self._check_state(
            ("assigned",),
            lambda repair: self.env._(
                "%(repair)s is done once assigned to a technician.", repair=repair.name
            ),
        )
        self._workflow_write({"state": "done", "done_datetime": fields.Datetime.now()})
        self.activity_feedback(
            ["visit_management_property.mail_activity_property_repair"]
        )
        self.env["property.callback.rules"]._origin_callbacks(self)
        return True
