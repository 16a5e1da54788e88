# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.visit_management.tools import client_action

from .property_workflow_mixin import RESIDENT_FIELDS
from .selections import COMPLAINT_CATEGORIES

# What the office writes on a complaint until it is closed.
COMPLAINT_FIELDS = (
    *RESIDENT_FIELDS,
    "category",
    "description",
    "caused_by_management",
    "received_datetime",
    "handler_id",
    "resolution",
)


class PropertyComplaint(models.Model):
    """A resident's complaint (住户投诉): answered, handled, resolved, then closed."""

    _name = "property.complaint"
    _numbered = True
    _description = "Resident Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "received_datetime desc, id desc"
    _check_company_auto = True
    _visit_dates = ("received_datetime",)
    _user_fields = dict.fromkeys(
        ("create", "new", "in_progress", "resolved"), COMPLAINT_FIELDS
    )
    _reviewer_fields = {"resolved": ("unreachable_close_reason",)}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
        ],
        string="Status",
        default="new",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    resident_id = fields.Many2one(required=True)
    category = fields.Selection(
        selection=COMPLAINT_CATEGORIES, required=True, default="service", tracking=True
    )
    description = fields.Text(required=True)
    caused_by_management = fields.Boolean(
        string="Caused by Management",
        tracking=True,
        help="The complaint comes from poor management by the property office: "
        "it must be called back (100%).",
    )
    received_datetime = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, tracking=True
    )
    received_date = fields.Date(
        compute="_compute_received_date", store=True, index=True
    )
    answered_datetime = fields.Datetime(string="Answered", readonly=True, copy=False)
    resolved_datetime = fields.Datetime(string="Resolved", readonly=True, copy=False)
    closed_datetime = fields.Datetime(string="Closed", readonly=True, copy=False)
    handler_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
    )
    resolution = fields.Text(help="How the complaint was handled and answered.")
    unreachable_close_reason = fields.Text(
        string="Why It Closes Without a Callback",
        tracking=True,
        help="A manager's decision to close a complaint whose resident could not "
        "be reached, by phone nor otherwise.",
    )

    callback_ids = fields.One2many(
        "property.resident.callback", "complaint_id", string="Callbacks"
    )

    callback_required = fields.Boolean(
        compute="_compute_callback_required",
        help="The complaint is called back before it is closed: caused by the "
        "management, or every complaint when the company says so.",
    )

    @api.depends(
        "caused_by_management",
        "company_id.property_complaint_callbacks",
        "company_id.property_complaint_callback_all",
    )
    def _compute_callback_required(self):
        for complaint in self:
            company = complaint.company_id
            complaint.callback_required = company.property_complaint_callbacks and (
                complaint.caused_by_management
                or company.property_complaint_callback_all
            )

    @api.depends("received_datetime")
    def _compute_received_date(self):
        for complaint in self:
            complaint.received_date = (
                fields.Date.context_today(complaint, complaint.received_datetime)
                if complaint.received_datetime
                else False
            )

    @api.constrains("state")
    def _check_closed_after_callback(self):
        self.filtered(lambda c: c.state == "closed")._check_callback_before_closing()

    def _check_callback_before_closing(self):
        """100% callback: a complaint that needs one is closed only once its
        resident was called back; a resident unreachable by phone is visited
        on-site or written to first, unless a manager says why it closes."""
        for complaint in self.filtered("callback_required"):
            callbacks = complaint.sudo().callback_ids
            if any(callback.state == "done" for callback in callbacks):
                continue
            tried_otherwise = any(
                callback.state == "unreachable" and callback.method != "phone"
                for callback in callbacks
            )
            if tried_otherwise or complaint.unreachable_close_reason:
                continue
            if any(callback.state == "unreachable" for callback in callbacks):
                raise ValidationError(
                    self.env._(
                        "%(resident)s could not be reached by phone about "
                        "%(complaint)s: visit on site or send a letter (buttons of "
                        "the callback), or a manager says why it closes anyway.",
                        resident=complaint.resident_id.name,
                        complaint=complaint.name,
                    )
                )
            raise ValidationError(
                self.env._(
                    "Call %(resident)s back before closing %(complaint)s: its "
                    "callback must be done, or the resident unreachable.",
                    resident=complaint.resident_id.name,
                    complaint=complaint.name,
                )
            )

    def _guard_reviews(self):
        """The estate's manager, or a visit manager, decides how a complaint
        whose resident could not be reached closes."""
        return self.env.user == self.estate_id.manager_id or self.env.user.has_group(
            "visit_management.group_visit_manager"
        )

    @client_action()
    def action_start(self):
        """The office answers the resident and starts handling the complaint."""
        self._check_state(
            ("new",),
            lambda complaint: self.env._(
                "%(complaint)s is already being handled.", complaint=complaint.name
            ),
        )
        now = fields.Datetime.now()
        for complaint in self:
            complaint._workflow_write(
                {
                    "state": "in_progress",
                    "answered_datetime": complaint.answered_datetime or now,
                }
            )
            if not complaint.handler_id:
                complaint.handler_id = self.env.user
        return True

    @client_action()
    def action_resolve(self):
        self._check_state(
            ("new", "in_progress"),
            lambda complaint: self.env._(
                "%(complaint)s is already resolved.", complaint=complaint.name
            ),
        )
        for complaint in self:
            if not complaint.resolution:
                raise UserError(
                    self.env._(
                        "Say how %(complaint)s was resolved first.",
                        complaint=complaint.name,
                    )
                )
        now = fields.Datetime.now()
        for complaint in self:
            complaint._workflow_write(
                {
                    "state": "resolved",
                    "answered_datetime": complaint.answered_datetime or now,
                    "resolved_datetime": now,
                }
            )
        self.env["property.callback.rules"]._origin_callbacks(self)
        return True

    @client_action()
    def action_close(self):
        self._check_state(
            ("resolved",),
            lambda complaint: self.env._(
                "%(complaint)s is closed once resolved.", complaint=complaint.name
            ),
        )
        self._check_callback_before_closing()
        self._workflow_write(
            {"state": "closed", "closed_datetime": fields.Datetime.now()}
        )
        return True

    @client_action()
    def action_reopen(self):
        self._check_state(
            ("resolved", "closed"),
            lambda complaint: self.env._(
                "%(complaint)s is still open.", complaint=complaint.name
            ),
        )
        self._workflow_write(
            {
                "state": "in_progress",
                "resolved_datetime": False,
                "closed_datetime": False,
            }
        )
        return True
