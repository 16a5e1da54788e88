# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.visit_management.tools import client_action

from .property_workflow_mixin import RESIDENT_FIELDS
from .selections import INCIDENT_TYPES

# What the office writes on an incident until it is closed.
INCIDENT_FIELDS = (
    *RESIDENT_FIELDS,
    "incident_type",
    "incident_datetime",
    "reported_by",
    "arrival_datetime",
    "responder_ids",
    "description",
    "emergency_actions",
    "cause",
    "loss",
    "preventive_measures",
    "follow_up",
    "manager_id",
)


class PropertyIncident(models.Model):
    """An accident at a resident's home, as the office registers it in the
    《突发事件情况处理登记表》: what happened, the emergency response, the cause,
    the measures that keep it from happening again and the follow-up visit."""

    _name = "property.incident"
    _numbered = True
    _description = "Incident Register Entry"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "incident_datetime desc, id desc"
    _check_company_auto = True
    _visit_dates = ("incident_datetime", "arrival_datetime")
    _user_fields = dict.fromkeys(("create", "open"), INCIDENT_FIELDS)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("closed", "Closed")],
        string="Status",
        default="open",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    incident_type = fields.Selection(
        selection=INCIDENT_TYPES, string="Type", required=True, tracking=True
    )
    incident_datetime = fields.Datetime(
        string="Occurred", required=True, default=fields.Datetime.now, tracking=True
    )
    reported_by = fields.Char(help="Who reported the incident to the office.")
    arrival_datetime = fields.Datetime(
        string="Staff on Site", help="When the office's staff reached the scene."
    )
    responder_ids = fields.Many2many("res.users", string="Responders")
    description = fields.Text(string="What Happened", required=True)
    emergency_actions = fields.Text(
        help="The emergency response, by the office's response plans."
    )
    cause = fields.Text(help="The cause found by the investigation.")
    loss = fields.Text(string="Damage and Injuries")
    preventive_measures = fields.Text(
        help="Safety advice given, other hazards checked and measures taken so that "
        "the same accident does not happen again."
    )
    follow_up = fields.Text(
        string="Follow-up Visit",
        help="What the manager and supervisors did on their follow-up visit: "
        "comfort, practical help, coordination.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Registered by",
        compute="_compute_manager_id",
        store=True,
        readonly=False,
        tracking=True,
        help="The office manager or supervisor who fills the register.",
    )
    closed_datetime = fields.Datetime(string="Closed", readonly=True, copy=False)

    callback_ids = fields.One2many(
        "property.resident.callback", "incident_id", string="Callbacks"
    )

    @api.depends("estate_id")
    def _compute_manager_id(self):
        for incident in self:
            incident.manager_id = incident.manager_id or incident.estate_id.manager_id

    @client_action()
    def action_close(self):
        self._check_state(
            ("open",),
            lambda incident: self.env._(
                "%(incident)s is already closed.", incident=incident.name
            ),
        )
        for incident in self:
            if not (incident.emergency_actions and incident.cause):
                raise UserError(
                    self.env._(
                        "Record the emergency actions and the cause of %(incident)s "
                        "before closing it.",
                        incident=incident.name,
                    )
                )
        self._workflow_write(
            {"state": "closed", "closed_datetime": fields.Datetime.now()}
        )
        self.env["property.callback.rules"]._origin_callbacks(self)
        return True

    @client_action()
    def action_reopen(self):
        self._check_state(
            ("closed",),
            lambda incident: self.env._(
                "%(incident)s is still open.", incident=incident.name
            ),
        )
        self._workflow_write({"state": "open", "closed_datetime": False})
        return True
