# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, plaintext2html

from ..tools import client_action, set_flags
from ..tools.calendar_events import quiet_calendar_events
from .selections import VISIT_MODES, VISIT_PURPOSES
from .visit_frequency_rule import DONE_STATES

# The line fields the calendar event shows (see _calendar_event_values).
CALENDAR_FIELDS = {
    "planned_datetime",
    "duration",
    "place",
    "visit_mode",
    "partner_id",
    "contact_id",
    "topics",
}
# What the rep writes on a planned visit while the plan is a draft, and its
# reviewer after submission.
LINE_FIELDS = (
    "partner_id",
    "contact_id",
    "planned_datetime",
    "duration",
    "place",
    "purpose",
    "visit_mode",
    "topics",
    "materials",
    "budget_amount",
    "budget_note",
    "appointment_fixed",
)


class VisitPlanLine(models.Model):
    _name = "visit.plan.line"
    _inherit = ["visit.write.guard"]
    _description = "Planned Visit"
    _guard_parent = "plan_id"
    _visit_dates = ("planned_datetime",)
    _duration_hours = ("duration",)
    _user_fields = {"draft": LINE_FIELDS}
    _reviewer_fields = {"submitted": LINE_FIELDS, "approved": LINE_FIELDS}
    _order = "planned_datetime, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "visit.plan", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(related="plan_id.user_id", store=True, string="Sales Rep")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        index=True,
        domain="[('is_company', '=', True)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="[('parent_id', '=', partner_id)]",
    )
    contact_phone = fields.Char(related="contact_id.phone", string="Contact Phone")
    # indexed alone too: the route sheet reads every rep's visits around now
    planned_datetime = fields.Datetime(string="Planned For", required=True, index=True)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    place = fields.Char(compute="_compute_place", store=True, readonly=False)
    purpose = fields.Selection(
        selection=VISIT_PURPOSES, required=True, default="relationship"
    )
    visit_mode = fields.Selection(
        selection=VISIT_MODES, string="Mode", required=True, default="onsite"
    )
    topics = fields.Text(string="Topics to Discuss")
    materials = fields.Text(string="Materials to Bring")
    budget_amount = fields.Monetary(string="Gift & Entertainment Budget")
    budget_note = fields.Char()
    appointment_fixed = fields.Boolean(
        string="Fixed Time",
        help="The customer expects the rep at this time: Optimise my day keeps "
        "the visit within a quarter of an hour of it.",
    )
    route_sequence = fields.Integer(
        string="Order in the Day",
        readonly=True,
        copy=False,
        help="Where Optimise my day put this visit in the rep's route (0: not "
        "ordered, the visits go by time).",
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)
    report_ids = fields.One2many("visit.report", "plan_line_id", string="Reports")
    is_done = fields.Boolean(
        string="Reported", compute="_compute_is_done", store=True, precompute=True
    )
    # any report, archived ones too (as report_ids searched): stored, so that the
    # report reminders find the visits without one by an index
    has_report = fields.Boolean(compute="_compute_has_report", store=True)
    rep_reminded = fields.Boolean(
        readonly=True, copy=False, help="The rep was reminded to report this visit."
    )
    manager_reminded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager was told this visit has no report.",
    )

    _budget_positive = models.Constraint(
        "CHECK(budget_amount IS NULL OR budget_amount >= 0)",
        "A budget cannot be negative.",
    )
    # The planned visits of a rep (My Visits) by month, in the list and the pivot.
    _user_planned_datetime_idx = models.Index("(user_id, planned_datetime)")
    # The planned visits the report reminders take batch by batch in id order:
    # those without report not told yet (through report_ids, the first batch
    # compared every planned visit with every report: 0.5 to 2.6 s).
    _unreported_idx = models.Index(
        "(id) WHERE manager_reminded IS NOT TRUE AND has_report IS NOT TRUE"
    )

    @api.depends("partner_id", "planned_datetime")
    def _compute_display_name(self):
        for line in self:
            when = (
                fields.Datetime.context_timestamp(line, line.planned_datetime).strftime(
                    "%Y-%m-%d %H:%M"
                )
                if line.planned_datetime
                else ""
            )
            line.display_name = f"{line.partner_id.name or ''} {when}".strip()

    @api.depends("partner_id", "visit_mode")
    def _compute_place(self):
        for line in self:
            if line.visit_mode == "phone":
                line.place = False
            else:
                line.place = line.partner_id._display_address(without_company=True)

    @api.depends("report_ids")
    def _compute_has_report(self):
        for line in self.with_context(active_test=False):
            line.has_report = bool(line.report_ids)

    @api.depends("report_ids.state")
    def _compute_is_done(self):
        for line in self:
            line.is_done = any(
                state in DONE_STATES for state in line.report_ids.mapped("state")
            )

    @api.constrains("planned_datetime", "plan_id")
    def _check_planned_in_period(self):
        for line in self:
            day = fields.Date.context_today(line, line.planned_datetime)
            if not line.plan_id.date_start <= day <= line.plan_id.date_end:
                raise ValidationError(
                    self.env._(
                        "The visit to %(partner)s on %(day)s is outside the plan's "
                        "period (%(start)s to %(end)s).",
                        partner=line.partner_id.display_name,
                        day=day,
                        start=line.plan_id.date_start,
                        end=line.plan_id.date_end,
                    )
                )

    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        for line in self:
            if (
                line.contact_id
                and line.contact_id.commercial_partner_id != line.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(partner)s.",
                        contact=line.contact_id.name,
                        partner=line.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: line.plan_state == "approved"
        )._sync_calendar_events()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if CALENDAR_FIELDS & set(vals):
            self.filtered(
                lambda line: line.plan_state == "approved"
            )._sync_calendar_events()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reported(self):
        reported = self.filtered("has_report")
        if reported:
            raise UserError(
                self.env._(
                    "The planned visit to %(partner)s has a visit report: it is kept "
                    "on file and cannot be deleted.",
                    partner=reported[0].partner_id.display_name,
                )
            )

    def unlink(self):
        events = self.calendar_event_id
        result = super().unlink()
        events.sudo().unlink()
        return result

    def _calendar_event_values(self):
        """The visit in the rep's calendar: the rep alone attends, the customer's
        contact is named in the description (an attendee would be invited)."""
        self.ensure_one()
        contact = self.contact_id
        contact_line = contact and self.env._(
            "Contact: %(contact)s",
            contact=" · ".join(filter(None, (contact.name, contact.phone))),
        )
        return {
            "name": self.env._("Visit: %(partner)s", partner=self.partner_id.name),
            "start": self.planned_datetime,
            "stop": self.planned_datetime + timedelta(hours=self.duration or 1.0),
            "user_id": self.user_id.id,
            "partner_ids": [fields.Command.set(self.user_id.partner_id.ids)],
            "location": self.place,
            "description": plaintext2html(
                "\n\n".join(filter(None, (contact_line, self.topics)))
            ),
            "res_model_id": self.env["ir.model"]._get_id("visit.plan"),
            "res_id": self.plan_id.id,
        }

    def _sync_calendar_events(self):
        """Puts approved planned visits in the rep's calendar, or moves them."""
        Event = quiet_calendar_events(self.env)
        new_lines = self.filtered(lambda line: not line.calendar_event_id)
        for line in self - new_lines:
            Event.browse(line.calendar_event_id.id).write(line._calendar_event_values())
        # the events of a plan's visits are created at once
        events = Event.create([line._calendar_event_values() for line in new_lines])
        for line, event in zip(new_lines, events, strict=True):
            line.sudo().calendar_event_id = event

    @client_action(single=True)
    def action_open_report(self):
        """Opens the report of this planned visit, creating it (draft) if needed."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "visit.report",
            "res_id": self._visit_report().id,
            "view_mode": "form",
        }

    def _visit_report(self):
        """The report of this planned visit, created (draft) if needed."""
        self.ensure_one()
        if self.plan_state != "approved":
            raise UserError(self.env._("Report on a visit once its plan is approved."))
        return self.report_ids[:1] or self.env["visit.report"].create(
            {"plan_line_id": self.id}
        )

    @api.model
    def _unreported_domain(self, now):
        """The approved planned visits without report not yet told to the
        manager, planned before now."""
        return [
            ("plan_id.state", "=", "approved"),
            ("has_report", "=", False),
            ("planned_datetime", "<", now),
            ("manager_reminded", "=", False),
        ]

    @api.model
    def _remind_unreported(self, now, lines):
        """Reminds reps of these planned visits if their day is over (in the
        rep's timezone), on their plan, once; past the escalation delay, adds
        them to the manager's list, once."""
        lines = lines.filtered(lambda line: line._planned_day_is_over(now))
        to_remind = lines.filtered(lambda line: not line.rep_reminded)
        self.env["mail.activity"]._visit_schedule(
            to_remind,
            "visit_management.mail_activity_visit_report_reminder",
            lambda line: line.user_id,
            lambda line, env: env._(
                "Report your visit to %(partner)s planned on %(date)s",
                partner=line.partner_id.name,
                date=format_datetime(env, line.planned_datetime, tz=line.user_id.tz),
            ),
            document_of=lambda line: line.plan_id,
        )
        set_flags(to_remind, "rep_reminded")
        escalated = lines.filtered(
            lambda line: (
                line.planned_datetime
                + timedelta(
                    hours=line.duration + line.company_id.visit_report_escalation_hours
                )
                < now
            )
        )
        set_flags(escalated, "manager_reminded")
        self.env["visit.report"]._list_late_for_managers(
            escalated, lambda line: line.plan_id.manager_id
        )

    def _planned_day_is_over(self, now):
        self.ensure_one()
        line = self.with_context(tz=self.user_id.tz or "UTC")
        return fields.Date.context_today(
            line, self.planned_datetime
        ) < fields.Date.context_today(line, now)
