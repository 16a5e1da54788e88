# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import ExclusionViolation

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..tools import (
    client_action,
    follow,
    post_to_followers,
)
from .selections import RECEPTION_CATERING, RECEPTION_CHANNELS, RECEPTION_PURPOSES

# Bookings that hold their meeting room.
ROOM_HOLDING_STATES = ("confirmed", "in_progress")
# A special request and its promised answer.
REQUEST_FIELDS = {"special_request", "special_request_date"}
# What the host or the visitor answers after the visit.
FEEDBACK_FIELDS = {"satisfaction", "feedback_comment"}
# What the host and the front desk write on a booking until it is cancelled.
BOOKING_FIELDS = (
    "company_id",
    "partner_id",
    "visitor_ids",
    "people_count",
    "purpose",
    "purpose_detail",
    "request_channel",
    "start_datetime",
    "stop_datetime",
    "team_id",
    "support_team_ids",
    "user_id",
    "companion_ids",
    "translator_needed",
    "expert_needed",
    "room_id",
    "catering",
    "catering_covers",
    "dietary_notes",
    "pickup_needed",
    "pickup_place",
    "pickup_datetime",
    "pickup_vehicle",
    "pickup_driver",
    "agenda",
    "material_ids",
    "note",
    "special_request",
    "special_request_date",
    "special_request_answer",
    "incident_ids",
    "room_user_id",
    "catering_user_id",
    "material_user_id",
    "pickup_user_id",
)
# What they record of the visit's outcome.
OUTCOME_FIELDS = (
    "outcome",
    "next_step_ids",
    "agreement_signed",
    "agreement_file",
    "agreement_filename",
)
OPEN_FIELDS = (*BOOKING_FIELDS, *OUTCOME_FIELDS)
# The states in which a booking and its lines change.
OPEN_STATES = ("requested", "confirmed", "in_progress", "done")
# What the booking's calendar event shows.
EVENT_FIELDS = {
    "partner_id",
    "user_id",
    "companion_ids",
    "room_id",
    "agenda",
    "start_datetime",
    "stop_datetime",
}
# What decides whether a booking's room is free.
ROOM_FIELDS = {"room_id", "start_datetime", "stop_datetime", "state"}
# The first key of the advisory locks on meeting rooms (the second is the room).
ROOM_LOCK_SPACE = 0x56524D  # "VRM"
# Hosts that only this machine reaches: a link built on them fails elsewhere.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")
PREP_ACTIVITY = "visit_management.mail_activity_visit_reception_prep"
REQUEST_ACTIVITY = "visit_management.mail_activity_visit_reception_request"
REMINDER_ACTIVITY = "visit_management.mail_activity_visit_reception_reminder"
CLOSE_ACTIVITY = "visit_management.mail_activity_visit_reception_close"
# The people in charge of the preparation checklist, one field per item.
PEOPLE_IN_CHARGE = (
    "room_user_id",
    "catering_user_id",
    "material_user_id",
    "pickup_user_id",
)


class VisitReception(models.Model):
    """A customer's visit to the company (来访接待), from the request to the
    feedback."""

    _name = "visit.reception"
    _numbered = True
    _description = "Reception Booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.write.guard"]
    _order = "start_datetime desc, id desc"
    _check_company_auto = True
    # A cancelled booking no longer changes; the host rates a visit once over.
    _visit_dates = (
        "start_datetime",
        "stop_datetime",
        "pickup_datetime",
        "special_request_date",
    )
    _user_fields = {
        "create": OPEN_FIELDS,
        "requested": OPEN_FIELDS,
        "confirmed": OPEN_FIELDS,
        "in_progress": OPEN_FIELDS,
        "done": (*OPEN_FIELDS, *FEEDBACK_FIELDS),
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[
            ("requested", "Requested"),
            ("confirmed", "Confirmed"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    # The request (来访预约登记表)
    partner_id = fields.Many2one(
        "res.partner",
        string="Visiting Company",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    visitor_ids = fields.One2many(
        "visit.reception.visitor", "reception_id", string="Visitors", copy=True
    )
    people_count = fields.Integer(
        string="Number of Visitors",
        compute="_compute_people_count",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="How many people the customer sends; the visitors listed by default.",
    )
    attendee_count = fields.Integer(
        string="People in the Room",
        compute="_compute_attendee_count",
        help="The visitors, the host and the companions.",
    )
    purpose = fields.Selection(
        selection=RECEPTION_PURPOSES, required=True, default="business_talks"
    )
    purpose_detail = fields.Char(string="Purpose in Detail")
    request_channel = fields.Selection(
        selection=RECEPTION_CHANNELS,
        string="Requested By",
        required=True,
        default="phone",
        help="How the customer asked to visit.",
    )
    start_datetime = fields.Datetime(string="Start", required=True, tracking=True)
    stop_datetime = fields.Datetime(string="End", required=True, tracking=True)
    # Who receives
    team_id = fields.Many2one(
        "crm.team",
        string="Lead Department",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.sale_team_id,
    )
    support_team_ids = fields.Many2many(
        "crm.team",
        "visit_reception_support_team_rel",
        "reception_id",
        "team_id",
        string="Supporting Departments",
        check_company=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Lead Manager",
        compute="_compute_manager_id",
        store=True,
        index=True,
        help="The leader of the lead department.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Host in Charge",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    companion_ids = fields.Many2many(
        "res.users",
        "visit_reception_companion_rel",
        "reception_id",
        "user_id",
        string="Companions",
        domain="[('share', '=', False)]",
    )
    translator_needed = fields.Boolean()
    expert_needed = fields.Boolean(string="Technical Expert Needed")
    # Preparation
    room_id = fields.Many2one(
        "visit.meeting.room",
        string="Meeting Room",
        index=True,
        tracking=True,
        check_company=True,
    )
    catering = fields.Selection(
        selection=RECEPTION_CATERING, required=True, default="none"
    )
    catering_covers = fields.Integer(string="Covers")
    dietary_notes = fields.Text(
        help="Dietary needs and cultural customs to respect at the table."
    )
    pickup_needed = fields.Boolean(string="Pick-up")
    pickup_place = fields.Char(
        string="Pick-up At", help="Station, airport, hotel where to meet them."
    )
    pickup_datetime = fields.Datetime(string="Pick-up Time")
    pickup_vehicle = fields.Char(string="Vehicle")
    pickup_driver = fields.Char(string="Driver")
    agenda = fields.Html()
    material_ids = fields.One2many(
        "visit.reception.material", "reception_id", string="Materials", copy=True
    )
    note = fields.Html(string="Notes")
    special_request = fields.Text(
        tracking=True,
        help="What the customer asked beyond the usual reception; the leader of "
        "the lead department is asked to answer by the promised date.",
    )
    special_request_date = fields.Date(
        string="Answer Promised By",
        tracking=True,
        help="The date the customer was promised an answer by.",
    )
    special_request_answer = fields.Text(string="Answer", tracking=True)
    incident_ids = fields.One2many(
        "visit.reception.incident", "reception_id", string="Incidents"
    )
    room_user_id = fields.Many2one(
        "res.users",
        string="Room Prepared By",
        compute="_compute_people_in_charge",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    catering_user_id = fields.Many2one(
        "res.users",
        string="Catering Arranged By",
        compute="_compute_people_in_charge",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    material_user_id = fields.Many2one(
        "res.users",
        string="Materials Prepared By",
        compute="_compute_people_in_charge",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    pickup_user_id = fields.Many2one(
        "res.users",
        string="Pick-up Arranged By",
        compute="_compute_people_in_charge",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, copy=False
    )
    # The day
    checked_in_datetime = fields.Datetime(
        string="Checked In At", readonly=True, copy=False
    )
    done_datetime = fields.Datetime(string="Closed At", readonly=True, copy=False)
    prep_reminded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The day before, the host and the people in charge were reminded of "
        "the preparation still to do.",
    )
    close_flagged = fields.Boolean(
        string="To Close",
        readonly=True,
        copy=False,
        help="The visit ended more than a day ago and is still open: the host was "
        "asked to close it.",
    )
    # After the visit
    outcome = fields.Html(help="What the visit achieved, what the customer said.")
    next_step_ids = fields.One2many(
        "visit.reception.next.step", "reception_id", string="Next Steps"
    )
    agreement_signed = fields.Boolean(
        tracking=True,
        help="An agreement or a letter of intent was signed during the visit.",
    )
    agreement_file = fields.Binary(string="Signed Agreement", attachment=True)
    agreement_filename = fields.Char()
    satisfaction = fields.Selection(
        selection=[
            ("0", "Not Rated"),
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ],
        default="0",
        copy=False,
        tracking=True,
    )
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction_score",
        store=True,
        aggregator="avg",
        help="The satisfaction from 1 to 5 (0: not rated).",
    )
    feedback_comment = fields.Text(string="Visitor's Comments", copy=False)
    feedback_by = fields.Selection(
        selection=[("host", "Host"), ("visitor", "Visitor")],
        string="Feedback Given By",
        readonly=True,
        copy=False,
    )
    feedback_date = fields.Datetime(readonly=True, copy=False)
    # The visitor's key to the feedback page: no employee reads it, or the host
    # could rate his own reception as the visitor. It reaches the visitor by
    # e-mail (Send Feedback Link) or on the printed sheet.
    feedback_token = fields.Char(
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(32),
        groups="base.group_system",
    )
    feedback_url = fields.Char(
        string="Feedback Link",
        compute="_compute_feedback_url",
        groups="base.group_system",
        help="The page where the visitor rates the visit, without logging in.",
    )
    feedback_base_url = fields.Char(
        string="Feedback Links' Address",
        compute="_compute_feedback_base_url",
        help="The server's address the feedback link starts with (the system "
        "parameter web.base.url, or the website's domain).",
    )
    feedback_base_url_local = fields.Boolean(
        compute="_compute_feedback_base_url",
        help="The feedback link points to this machine: it does not open on the "
        "visitors' phones.",
    )

    _stop_after_start = models.Constraint(
        "CHECK(stop_datetime > start_datetime)", "A visit must end after it starts."
    )
    _feedback_token_unique = models.UniqueIndex(
        "(feedback_token) WHERE feedback_token IS NOT NULL"
    )
    _people_count_positive = models.Constraint(
        "CHECK(people_count > 0)", "A visit brings at least one visitor."
    )
    _catering_covers_positive = models.Constraint(
        "CHECK(catering_covers >= 0)", "The number of covers cannot be negative."
    )
    # Two bookings holding a room never overlap, whoever confirms them and however
    # close together: the database refuses the second. A room is compared as the
    # one-value range [room, room] so that plain GiST does it, without the
    # btree_gist extension (which a database owner may not be allowed to create).
    # Bookings without a room are left out: their unbounded range would match.
    _room_no_overlap = models.Constraint(
        "EXCLUDE USING gist ("
        "int4range(room_id, room_id, '[]') WITH =, "
        "tsrange(start_datetime, stop_datetime) WITH &&"
        ") WHERE (state IN ('confirmed', 'in_progress') AND room_id IS NOT NULL)",
        lambda env, diag: env._(
            "The meeting room is already booked at that time by another "
            "confirmed visit: choose another room or time."
        ),
    )

    @api.depends("visitor_ids")
    def _compute_people_count(self):
        for reception in self:
            reception.people_count = max(
                len(reception.visitor_ids), reception.people_count or 1
            )

    @api.depends("people_count", "companion_ids", "user_id")
    def _compute_attendee_count(self):
        for reception in self:
            reception.attendee_count = reception.people_count + len(
                reception.companion_ids | reception.user_id
            )

    @api.depends("name", "partner_id.name")
    def _compute_display_name(self):
        # the customers' names alone: a partner's field read by itself reads
        # every column of the partners (a day's reminders list fifty bookings)
        self.partner_id.fetch(["name"])
        for reception in self:
            reception.display_name = " ".join(
                part for part in (reception.name, reception.partner_id.name) if part
            )

    @api.depends("team_id.user_id")
    def _compute_manager_id(self):
        for reception in self:
            reception.manager_id = reception.team_id.user_id

    @api.depends("user_id")
    def _compute_people_in_charge(self):
        """The host prepares whatever nobody else was put in charge of."""
        for reception in self:
            for fname in PEOPLE_IN_CHARGE:
                if not reception[fname]:
                    reception[fname] = reception.user_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        receptions = super().create(vals_list)
        for reception in receptions:
            follow(reception, reception._involved_partners())
        receptions.filtered("special_request")._escalate_special_request()
        return receptions

    def write(self, vals):
        host_feedback = FEEDBACK_FIELDS & set(vals) and not self.env.su
        if host_feedback:
            self._check_host_feedback()
        if ROOM_FIELDS & set(vals):
            if not self.env.su:
                # the room check reads them before the guard would
                self._check_typed_values(vals)
            self._lock_rooms(vals)
            self._check_room_free(vals)
            result = self._write_guarding_room(vals)
        else:
            result = super().write(vals)
        if host_feedback:
            self.filtered(lambda reception: not reception.feedback_by).sudo().write(
                {"feedback_by": "host", "feedback_date": fields.Datetime.now()}
            )
        if {"user_id", "companion_ids", *PEOPLE_IN_CHARGE} & set(vals):
            for reception in self:
                follow(reception, reception._involved_partners())
        if EVENT_FIELDS & set(vals):
            self.filtered("calendar_event_id")._sync_calendar_event()
        if REQUEST_FIELDS & set(vals):
            self.filtered("special_request")._escalate_special_request()
        if vals.get("special_request_answer"):
            self._close_special_request()
        return result

    # here, not in visit_reception_booking.py: super() is the ORM's write
    def _write_guarding_room(self, vals):
        """Writes and flushes at once, so that a room taken meanwhile by a
        transaction committed since (which the check above could not see) is
        refused with a clear message instead of a database error."""
        try:
            with self.env.cr.savepoint():
                return super().write(vals)
        except ExclusionViolation as error:
            rooms = self.env["visit.meeting.room"].browse(
                vals.get("room_id") or self.room_id.ids
            )
            raise ValidationError(
                self.env._(
                    "%(room)s was just booked at an overlapping time by another "
                    "user: choose another room or time.",
                    room=", ".join(rooms.mapped("display_name")),
                )
            ) from error

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(reception.state not in ("requested", "cancelled") for reception in self):
            raise UserError(
                self.env._(
                    "Only requested or cancelled bookings can be deleted: cancel "
                    "a confirmed booking instead."
                )
            )

    def unlink(self):
        # the meeting goes with the booking (the uninstall deletes confirmed ones)
        events = self.calendar_event_id
        result = super().unlink()
        events.sudo().unlink()
        return result

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _can_manage(self):
        """The host and whoever booked the visit; the leader of the lead
        department; visit administrators. Companions help, they do not decide."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group("visit_management.group_visit_admin"):
            return True
        if user in (self.user_id | self.create_uid):
            return True
        return (
            user.has_group("visit_management.group_visit_manager")
            and user == self.team_id.user_id
        )

    def _check_step(self, states, step):
        for reception in self:
            if reception.state not in states:
                raise UserError(
                    self.env._(
                        "%(reception)s cannot be %(step)s: it is %(state)s.",
                        reception=reception.display_name,
                        step=step,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[reception.state],
                    )
                )
            if not reception._can_manage():
                raise UserError(
                    self.env._(
                        "Only the host, whoever booked %(reception)s or the leader "
                        "of its lead department can change its status.",
                        reception=reception.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @client_action()
    def action_confirm(self):
        self._check_step(("requested",), self.env._("confirmed"))
        self.sudo().write({"state": "confirmed"})
        for reception in self:
            reception._create_calendar_event()
            reception._schedule_preparation()
            reception._notify_involved(
                self.env._(
                    "Visit of %(partner)s confirmed for %(start)s.",
                    partner=reception.partner_id.name,
                    start=reception._format_time(reception.start_datetime),
                )
            )
        return True

    @client_action()
    def action_check_in(self):
        """The visitors arrived: what each of them confirmed in the visitor
        register (来访客户信息登记表) goes into the customer file."""
        self._check_step(("confirmed",), self.env._("checked in"))
        for reception in self:
            if not reception.visitor_ids:
                raise UserError(
                    self.env._(
                        "Register the visitors who came to %(reception)s before "
                        "checking them in.",
                        reception=reception.display_name,
                    )
                )
        self.visitor_ids._register_on_partners()
        self.sudo().write(
            {"state": "in_progress", "checked_in_datetime": fields.Datetime.now()}
        )
        return True

    @client_action()
    def action_done(self):
        """The visitors left: the next steps go to whoever follows them up, and
        the visit can be rated."""
        self._check_step(("in_progress",), self.env._("closed"))
        self.sudo().write({"state": "done", "done_datetime": fields.Datetime.now()})
        self.next_step_ids._schedule_follow_up()
        return True

    @client_action()
    def action_cancel(self):
        self._check_step(
            ("requested", "confirmed", "in_progress"), self.env._("cancelled")
        )
        self.sudo().write({"state": "cancelled"})
        self.calendar_event_id.sudo().unlink()
        self.activity_unlink([PREP_ACTIVITY])
        for reception in self:
            reception._notify_involved(
                self.env._(
                    "Visit of %(partner)s on %(start)s cancelled.",
                    partner=reception.partner_id.name,
                    start=reception._format_time(reception.start_datetime),
                )
            )
        return True

    @client_action(single=True)
    def action_reschedule(self):
        """Opens the wizard that asks for the new times and the reason."""
        self._check_step(("requested", "confirmed"), self.env._("rescheduled"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reschedule %(reception)s", reception=self.name),
            "res_model": "visit.reception.reschedule.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_reception_id": self.id},
        }

    def _reschedule(self, start, stop, reason):
        """Moves the visit: the times change (tracked in the chatter), the reason
        and both times are posted, and everyone involved is told again."""
        self.ensure_one()
        self._check_step(("requested", "confirmed"), self.env._("rescheduled"))
        old_start, old_stop = self.start_datetime, self.stop_datetime
        self.write({"start_datetime": start, "stop_datetime": stop})
        # the new day gets its own reminders
        self.sudo().write({"prep_reminded": False, "close_flagged": False})
        self._move_preparation()
        self._notify_involved(
            Markup("%s<br/>%s")
            % (
                self.env._(
                    "Visit rescheduled from %(old_start)s – %(old_stop)s to "
                    "%(start)s – %(stop)s.",
                    old_start=self._format_time(old_start),
                    old_stop=self._format_time(old_stop),
                    start=self._format_time(start),
                    stop=self._format_time(stop),
                ),
                self.env._("Reason: %(reason)s", reason=reason),
            )
        )
        return True

    # ------------------------------------------------------------------
    # Special requests
    # ------------------------------------------------------------------
    @api.constrains("special_request", "special_request_date")
    def _check_special_request(self):
        for reception in self:
            if reception.special_request and not reception.special_request_date:
                raise ValidationError(
                    self.env._(
                        "Say by when the customer was promised an answer to the "
                        "special request."
                    )
                )

    def _escalate_special_request(self):
        """The leader of the lead department answers special requests: one open
        activity, due on the promised date, updated when the request changes."""
        for reception in self.filtered(lambda r: not r.special_request_answer):
            manager = reception.manager_id
            if not manager:
                raise UserError(
                    self.env._(
                        "%(team)s has no leader to answer the special request: set "
                        "the leader of the lead department first.",
                        team=reception.team_id.display_name,
                    )
                )
            activity_type = self.env.ref(REQUEST_ACTIVITY)
            open_activity = reception.sudo().activity_ids.filtered(
                lambda activity, kind=activity_type: activity.activity_type_id == kind
            )
            if open_activity:
                open_activity.write(
                    {
                        "date_deadline": reception.special_request_date,
                        "note": reception.special_request,
                        "user_id": manager.id,
                    }
                )
                continue
            reception.activity_schedule(
                REQUEST_ACTIVITY,
                date_deadline=reception.special_request_date,
                summary=self.env._(
                    "Special request of %(partner)s", partner=reception.partner_id.name
                ),
                note=reception.special_request,
                user_id=manager.id,
            )

    def _close_special_request(self):
        for reception in self:
            reception.activity_feedback(
                [REQUEST_ACTIVITY], feedback=reception.special_request_answer
            )

    # ------------------------------------------------------------------
    # Notifications (the room: visit_reception_booking.py; the feedback:
    # visit_reception_feedback.py; calendar, preparation and reminders:
    # visit_reception_preparation.py)
    # ------------------------------------------------------------------
    def _involved_users(self):
        """The host, the companions and the people in charge."""
        self.ensure_one()
        users = self.user_id | self.companion_ids
        for fname in PEOPLE_IN_CHARGE:
            users |= self[fname]
        return users

    def _involved_partners(self):
        return self._involved_users().partner_id

    def _notify_involved(self, body):
        """Posts on the booking for its followers, everyone involved following
        it."""
        self.ensure_one()
        post_to_followers(
            self,
            body,
            "visit_management.mt_visit_reception_update",
            self._involved_partners(),
        )

    def _format_time(self, moment):
        return format_datetime(self.env, moment, tz=self.user_id.tz, dt_format="short")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("start_datetime", "stop_datetime")
    def _check_length(self):
        for reception in self:
            longest = reception.company_id.visit_reception_max_days
            if reception.stop_datetime - reception.start_datetime > timedelta(
                days=longest
            ):
                raise ValidationError(
                    self.env._(
                        "A reception lasts %(days)s days at most: it would hold "
                        "its meeting room all that time. Book each day's visit "
                        "instead.",
                        days=longest,
                    )
                )

    @api.constrains("pickup_datetime", "stop_datetime")
    def _check_pickup_time(self):
        for reception in self:
            if (
                reception.pickup_datetime
                and reception.pickup_datetime > reception.stop_datetime
            ):
                raise ValidationError(
                    self.env._(
                        "The visitors are picked up before their visit ends, not after."
                    )
                )

    @api.constrains("pickup_needed", "pickup_place")
    def _check_pickup(self):
        for reception in self:
            if reception.pickup_needed and not reception.pickup_place:
                raise ValidationError(
                    self.env._("Say where the visitors are picked up.")
                )
