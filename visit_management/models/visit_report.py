# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict
from datetime import datetime, time, timedelta
from functools import partial

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import format_datetime

from ..tools import (
    PHONE_POSITION,
    REMINDER_BATCH,
    client_action,
    post_to_followers,
    run_in_batches,
    single_run,
)
from .evidence_image import EvidenceImage
from .map_urls import map_url, position_map_url
from .selections import URGENT_CATEGORIES, VISIT_MODES, VISIT_PURPOSES
from .visit_frequency_rule import DONE_STATES

JUDGED_SUBTYPE = "visit_management.mt_visit_report_check_in_judged"
# The check-in facts of a submitted report that a manager may correct (tracked:
# a change after the submission is a correction, told to the followers).
CORRECTED_FIELDS = (
    "checkin_method",
    "checkin_latitude",
    "checkin_longitude",
    "checkin_accuracy",
    "checkin_time",
    "checkout_time",
)

EARTH_RADIUS_M = 6371008.8
# What the rep writes on a report until it is submitted, and again once returned.
REPORT_FIELDS = (
    "user_id",
    "company_id",
    "team_id",
    "plan_line_id",
    "partner_id",
    "contact_id",
    "contact_function",
    "contact_is_decision_maker",
    "visit_mode",
    "purpose",
    "start_datetime",
    "end_datetime",
    "checkin_outside_reason",
    "checkout_missing_reason",
    "absence",
    "customer_needs",
    "opinions",
    "market_info",
    "visit_effect",
    "matters_result",
    "next_steps",
    "is_business",
    "is_sample",
    "commitment_ids",
    "photo_ids",
    "customer_signature",
    "signed_by",
    "is_urgent",
    "urgent_category",
    "active",
    # not stored: widens the customer picker to every customer
    "show_all_customers",
)
# The reviewer's verification call, once the report is submitted.
VERIFICATION_FIELDS = ("verification_done", "verification_score")
# The raw facts of a check-in or check-out, stored with these prefixes.
POSITION_PREFIXES = ("checkin", "checkout")
POSITION_FACTS = (
    "latitude",
    "longitude",
    "accuracy",
    "time",
    "client_time",
    "method",
    "ip",
    "user_agent",
)
FACT_FIELDS = tuple(
    f"{prefix}_{fact}" for prefix in POSITION_PREFIXES for fact in POSITION_FACTS
)
# Verdicts that count as in place.
IN_PLACE = ("inside", "qr", "phone", "accepted", "absence_verified")
# Verdicts a manager judges: the rep was outside the zone or the fix was poor.
TO_JUDGE_REASONS = ("outside", "uncertain", "qr_far", "qr_unlocated")
IN_PLACE_REASONS = [
    ("inside", "Inside the zone"),
    ("outside", "Outside the zone"),
    ("uncertain", "Position too imprecise"),
    ("no_check_out", "Not checked out"),
    ("too_short", "Stay too short"),
    ("no_position", "No position"),
    ("no_customer_position", "Customer not located"),
    ("qr", "QR code scanned"),
    ("qr_far", "QR code scanned far away"),
    ("qr_unlocated", "QR code scanned without a position"),
    ("phone", "Phone visit"),
    ("accepted", "Accepted by the manager"),
    ("absence_verified", "Customer absent, verified"),
]
# The verdict that waits for the check-out.
WAITING_REASONS = ("no_check_out",)
# How far the visit's Start and End may be from the check-in and check-out
# before the reviewer is warned that they differ.
TIME_MISMATCH_TOLERANCE = timedelta(minutes=30)


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = (
        math.sin(d_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


class VisitReport(models.Model):
    _name = "visit.report"
    _numbered = True
    _description = "Visit Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.approval.mixin"]
    _order = "start_datetime desc, id desc"
    _check_company_auto = True
    _review_activity = "visit_management.mail_activity_visit_report_review"
    _state_subtypes = {
        "submitted": "visit_management.mt_visit_report_submitted",
        "approved": "visit_management.mt_visit_report_approved",
        "returned": "visit_management.mt_visit_report_returned",
    }
    _visit_dates = ("start_datetime", "end_datetime")
    _user_fields = {
        "create": REPORT_FIELDS,
        "draft": REPORT_FIELDS,
        "returned": REPORT_FIELDS,
        "approved": ("active",),
    }
    # the team leader also archives a report filed by mistake
    _reviewer_fields = {
        "submitted": (*VERIFICATION_FIELDS, "active"),
        "approved": VERIFICATION_FIELDS,
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("returned", "Returned"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    plan_line_id = fields.Many2one(
        "visit.plan.line",
        string="Planned Visit",
        index=True,
        check_company=True,
        domain="[('user_id', '=', user_id), ('plan_state', '=', 'approved')]",
    )
    is_unplanned = fields.Boolean(
        string="Unplanned", compute="_compute_is_unplanned", store=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_from_plan_line",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        check_company=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    show_all_customers = fields.Boolean(
        string="All Customers",
        store=False,
        help="Pick the customer among all the company's customers, not only "
        "among yours.",
    )
    visit_tier = fields.Selection(related="partner_id.visit_tier", store=True)
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Met",
        compute="_compute_from_plan_line",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    contact_function = fields.Char(
        string="Contact's Title",
        compute="_compute_contact_function",
        store=True,
        readonly=False,
    )
    contact_is_decision_maker = fields.Boolean(string="Decision Maker")
    visit_mode = fields.Selection(
        selection=VISIT_MODES,
        string="Mode",
        compute="_compute_from_plan_line",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    purpose = fields.Selection(
        selection=VISIT_PURPOSES,
        compute="_compute_from_plan_line",
        store=True,
        readonly=False,
        precompute=True,
    )
    start_datetime = fields.Datetime(
        string="Start",
        compute="_compute_start_datetime",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    end_datetime = fields.Datetime(string="End", tracking=True)
    duration = fields.Float(
        string="Duration (hours)", compute="_compute_duration", store=True
    )
    visit_date = fields.Date(compute="_compute_visit_date", store=True, index=True)
    # Check-in and check-out: the raw facts (position, time, request), written
    # only by the check-in/out actions, or by a manager's correction.
    checkin_latitude = fields.Float(
        string="Check-in Latitude",
        digits=(10, 7),
        readonly=True,
        aggregator=None,
        tracking=True,
    )
    checkin_longitude = fields.Float(
        string="Check-in Longitude",
        digits=(10, 7),
        readonly=True,
        aggregator=None,
        tracking=True,
    )
    checkin_accuracy = fields.Float(
        string="Check-in Accuracy (m)", readonly=True, aggregator=None, tracking=True
    )
    checkin_time = fields.Datetime(string="Checked In At", readonly=True, tracking=True)
    checkin_client_time = fields.Datetime(
        string="Check-in Phone Time",
        readonly=True,
        help="The time the phone gave, kept as a fact; the server's time counts.",
    )
    checkin_method = fields.Selection(
        selection=[("gps", "GPS"), ("qr", "QR Code"), ("manual", "Manual")],
        string="Check-in Method",
        readonly=True,
        tracking=True,
    )
    checkin_ip = fields.Char(string="Check-in IP Address", readonly=True)
    checkin_user_agent = fields.Char(string="Check-in Device", readonly=True)
    checkout_latitude = fields.Float(
        string="Check-out Latitude", digits=(10, 7), readonly=True, aggregator=None
    )
    checkout_longitude = fields.Float(
        string="Check-out Longitude", digits=(10, 7), readonly=True, aggregator=None
    )
    checkout_accuracy = fields.Float(
        string="Check-out Accuracy (m)", readonly=True, aggregator=None
    )
    checkout_time = fields.Datetime(
        string="Checked Out At", readonly=True, tracking=True
    )
    checkout_client_time = fields.Datetime(
        string="Check-out Phone Time",
        readonly=True,
        help="The time the phone gave, kept as a fact; the server's time counts.",
    )
    checkout_method = fields.Selection(
        selection=[("gps", "GPS"), ("manual", "Manual")],
        string="Check-out Method",
        readonly=True,
    )
    checkout_ip = fields.Char(string="Check-out IP Address", readonly=True)
    checkout_user_agent = fields.Char(string="Check-out Device", readonly=True)
    # What the server concludes from them
    checkin_distance = fields.Float(
        string="Distance to Customer (m)",
        compute="_compute_in_place",
        store=True,
        aggregator="avg",
    )
    dwell_minutes = fields.Float(
        string="Time on Site (min)",
        compute="_compute_dwell_minutes",
        store=True,
        aggregator="avg",
        help="From check-in to check-out, by the server's clock.",
    )
    in_place = fields.Boolean(compute="_compute_in_place", store=True)
    judged_against = fields.Json(
        readonly=True,
        copy=False,
        help="The customer's position and the company's thresholds the report "
        "was approved with: later changes to them do not rewrite its verdict.",
    )
    in_place_reason = fields.Selection(
        selection=IN_PLACE_REASONS,
        string="In-place Verdict",
        compute="_compute_in_place",
        store=True,
    )
    checkin_message = fields.Char(
        string="Check-in Status",
        compute="_compute_checkin_message",
        help="What the server concludes from the check-in and check-out, in "
        "the words the Check in button shows.",
    )
    check_in_ids = fields.One2many(
        "visit.report.check.in",
        "report_id",
        string="Check-in History",
        readonly=True,
        help="Every check-in and check-out, as the server recorded them: the "
        "last check-in counts.",
    )
    check_in_count = fields.Integer(
        string="Check-ins", compute="_compute_check_in_count"
    )
    checkout_missing_reason = fields.Text(
        string="Reason for No Check-out",
        help="Why the rep checked in but did not check out, where the company "
        "requires a minimum time on site; the reviewer reads it, and the visit "
        "is not in place unless the manager corrects it.",
    )
    times_mismatch = fields.Boolean(
        string="Times Differ from Check-in",
        compute="_compute_times_mismatch",
        store=True,
        help="The visit's Start or End differs from the check-in or check-out by "
        "more than the tolerance.",
    )
    checkin_outside_reason = fields.Text(
        string="Reason for Checking In Outside",
        help="Why the check-in is outside the zone or imprecise; the manager "
        "accepts it or asks for a correction.",
    )
    geofence_decision = fields.Selection(
        selection=[
            ("accepted", "Accepted"),
            ("needs_correction", "Needs Correction"),
        ],
        string="Manager's Decision",
        readonly=True,
        copy=False,
        tracking=True,
        help="The manager's decision on a check-in outside the zone or imprecise: "
        "accepted, it counts as in place.",
    )
    # 客户不在、关机: counted as in place once the manager verified it [003]
    absence = fields.Selection(
        selection=[
            ("customer_absent", "Customer Absent"),
            ("phone_off", "Phone Switched Off"),
        ],
        string="Customer Not Met",
        tracking=True,
        help="The rep went but could not meet the customer: absent, or the phone "
        "switched off. Once the manager has verified it, the visit counts as in "
        "place.",
    )
    absence_verified = fields.Boolean(readonly=True, copy=False, tracking=True)
    checkin_map_url = fields.Char(string="Check-in Map", compute="_compute_map_urls")
    checkout_map_url = fields.Char(string="Check-out Map", compute="_compute_map_urls")
    partner_map_url = fields.Char(string="Customer Map", compute="_compute_map_urls")
    # What was learnt and done
    customer_needs = fields.Html(string="Needs and Problems")
    opinions = fields.Html(string="Opinions, Suggestions, Complaints")
    market_info = fields.Html(string="Market and Competitors")
    visit_effect = fields.Html(string="Effect of the Visit")
    matters_result = fields.Html(string="Matters Handled and Result")
    next_steps = fields.Html()
    is_business = fields.Boolean(
        string="Business Done",
        tracking=True,
        help="Business was done at this visit (an order, a contract, a delivery, "
        "a payment): the customer then counts as doing business with the company "
        "when a new-customer application is checked.",
    )
    is_sample = fields.Boolean(
        string="Samples Only",
        tracking=True,
        help="Only samples were given or sent: the visit never counts as business "
        "when a new-customer application is checked, even marked as business.",
    )
    commitment_ids = fields.One2many(
        "visit.report.commitment", "report_id", string="Commitments"
    )
    # Evidence: photos and the customer's signature
    photo_ids = fields.One2many("visit.report.photo", "report_id", string="Photos")
    customer_signature = EvidenceImage(
        copy=False, attachment=True, max_width=1024, max_height=1024
    )
    signed_by = fields.Char(
        compute="_compute_signed_by", store=True, readonly=False, copy=False
    )
    signed_on = fields.Datetime(compute="_compute_signed_on", store=True, copy=False)
    # Urgent escalation
    is_urgent = fields.Boolean(string="Urgent", tracking=True)
    urgent_category = fields.Selection(
        selection=URGENT_CATEGORIES, string="Urgent Matter", tracking=True
    )
    # Review
    return_reason = fields.Text(readonly=True, copy=False)
    report_deadline = fields.Datetime(
        compute="_compute_report_deadline", store=True, string="Report Due"
    )
    submitted_date = fields.Datetime(readonly=True, copy=False)
    submitted_late = fields.Boolean(string="Late", readonly=True, copy=False)
    rep_reminded = fields.Boolean(
        readonly=True, copy=False, help="The rep was reminded the report is late."
    )
    manager_reminded = fields.Boolean(
        readonly=True, copy=False, help="The manager was told the report is late."
    )
    # Validity
    is_valid = fields.Boolean(
        string="Valid", compute="_compute_is_valid", store=True, index=True
    )
    invalid_kind = fields.Selection(
        [
            ("repeated_contact", "Same Contact Two Months in a Row"),
            ("failed_verification", "Failed the Verification Call"),
        ],
        string="Why Invalid",
        compute="_compute_is_valid",
        store=True,
    )
    # in the reader's language, hence not stored
    invalid_reason = fields.Char(compute="_compute_invalid_reason")
    verification_done = fields.Boolean(
        string="Verified by Call",
        tracking=True,
        groups="visit_management.group_visit_manager",
    )
    verification_score = fields.Integer(
        tracking=True,
        groups="visit_management.group_visit_manager",
        help="Score of the manager's verification call (0-100). Once recorded it "
        "decides validity: at or above the company's pass score is valid.",
    )

    # the last visits of each customer, read by the due dates (cron and partners)
    _done_visits_by_partner = models.Index(
        "(partner_id, visit_mode, visit_date) "
        "WHERE active AND state IN ('submitted', 'approved')"
    )
    # The analysis (visit.report.analysis) and the pivots filter a rep's, a team's
    # or a company's visits (the record rules) over a range of months.
    _user_visit_date_idx = models.Index("(user_id, visit_date)")
    _team_visit_date_idx = models.Index("(team_id, visit_date)")
    _company_visit_date_idx = models.Index("(company_id, visit_date)")

    @api.depends("plan_line_id")
    def _compute_is_unplanned(self):
        for report in self:
            report.is_unplanned = not report.plan_line_id

    @api.depends("plan_line_id")
    def _compute_from_plan_line(self):
        for report in self:
            line = report.plan_line_id
            if line:
                report.partner_id = line.partner_id
                report.contact_id = line.contact_id
                report.visit_mode = line.visit_mode
                report.purpose = line.purpose
            elif not report.visit_mode:
                report.visit_mode = "onsite"

    @api.depends("plan_line_id")
    def _compute_start_datetime(self):
        """A report on a planned visit starts at the planned time, so that a
        visit reported days later keeps its day; any other report starts now."""
        now = fields.Datetime.now()
        for report in self:
            report.start_datetime = (
                report.plan_line_id.planned_datetime or report.start_datetime or now
            )

    @api.depends("contact_id")
    def _compute_contact_function(self):
        for report in self:
            report.contact_function = report.contact_id.function

    @api.depends("customer_signature")
    def _compute_signed_by(self):
        for report in self:
            report.signed_by = report.customer_signature and (
                report.signed_by or report.contact_id.name
            )

    @api.depends("customer_signature")
    def _compute_signed_on(self):
        for report in self:
            report.signed_on = report.customer_signature and fields.Datetime.now()

    @api.depends("start_datetime", "end_datetime")
    def _compute_duration(self):
        for report in self:
            if report.start_datetime and report.end_datetime:
                delta = report.end_datetime - report.start_datetime
                report.duration = delta.total_seconds() / 3600
            else:
                report.duration = 0.0

    @api.depends("start_datetime")
    def _compute_visit_date(self):
        for report in self:
            report.visit_date = (
                fields.Date.context_today(report, report.start_datetime)
                if report.start_datetime
                else False
            )

    @api.depends("checkin_time", "checkout_time")
    def _compute_dwell_minutes(self):
        for report in self:
            if report.checkin_time and report.checkout_time:
                delta = report.checkout_time - report.checkin_time
                report.dwell_minutes = delta.total_seconds() / 60
            else:
                report.dwell_minutes = 0.0

    @api.depends(
        "visit_mode",
        *CORRECTED_FIELDS,
        "geofence_decision",
        "absence",
        "absence_verified",
        "judged_against",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "company_id.visit_inplace_radius",
        "company_id.visit_checkin_max_accuracy",
        "company_id.visit_min_dwell_minutes",
    )
    def _compute_in_place(self):
        """The domain's rule, from the raw facts only: a QR check-in is in place
        when the phone gave a position within the company's radius of the
        customer (a label can be photographed: far or without a position, the
        manager judges it); a GPS check-in is in place inside the radius, with an
        accurate enough fix, and followed by a check-out after the minimum time
        on site. A manual check-in, no check-in, or a customer without
        coordinates is not in place, unless the manager accepts the rep's reason.
        Phone visits have no place to be in."""
        for report in self:
            basis = report._judging_basis()
            has_fix = report.checkin_method == "gps" or (
                report.checkin_method == "qr"
                and bool(report.checkin_latitude or report.checkin_longitude)
            )
            located = basis["latitude"] or basis["longitude"]
            report.checkin_distance = (
                distance_m(
                    report.checkin_latitude,
                    report.checkin_longitude,
                    basis["latitude"],
                    basis["longitude"],
                )
                if has_fix and located
                else 0.0
            )
            reason = report._in_place_reason(basis, has_fix, located)
            report.in_place_reason = reason
            report.in_place = reason in IN_PLACE

    def _judging_basis(self):
        """What the check-in is judged against: the customer's position and the
        company's thresholds as they were at approval, or as they are now."""
        self.ensure_one()
        if self.judged_against:
            return self.judged_against
        company = self.company_id
        return {
            "latitude": self.partner_id.partner_latitude,
            "longitude": self.partner_id.partner_longitude,
            "radius": company.visit_inplace_radius,
            "max_accuracy": company.visit_checkin_max_accuracy,
            "min_dwell": company.visit_min_dwell_minutes,
        }

    def _in_place_reason(self, basis, has_fix, located):
        self.ensure_one()
        if self.visit_mode == "phone":
            return "phone"
        if self.geofence_decision == "accepted":
            return "accepted"
        if self.absence and self.absence_verified:
            return "absence_verified"
        if self.checkin_method == "qr":
            if not has_fix:
                return "qr_unlocated"
            if located and self.checkin_distance > basis["radius"]:
                return "qr_far"
            return "qr"
        if not has_fix:
            return "no_position"
        if not located:
            return "no_customer_position"
        if self.checkin_accuracy > basis["max_accuracy"]:
            return "uncertain"
        if self.checkin_distance > basis["radius"]:
            return "outside"
        min_dwell = basis["min_dwell"]
        if min_dwell and not self.checkout_time:
            return "no_check_out"
        if self.dwell_minutes < min_dwell:
            return "too_short"
        return "inside"

    @api.depends(
        "visit_mode",
        "checkin_method",
        "in_place_reason",
        "checkin_distance",
        "checkin_accuracy",
        "checkout_method",
        "dwell_minutes",
        "check_in_count",
    )
    def _compute_checkin_message(self):
        """One sentence for the Check in button's notice and the form alike: the
        facts, the verdict, and what the verdict waits for."""
        for report in self:
            if report.visit_mode == "phone":
                report.checkin_message = False
            elif not report.checkin_method:
                report.checkin_message = self.env._(
                    "Not checked in yet: check in when you arrive at the customer's."
                )
            else:
                report.checkin_message = " ".join(report._checkin_sentences())

    def _checkin_sentences(self):
        self.ensure_one()
        basis = self._judging_basis()
        reasons = dict(self._fields["in_place_reason"]._description_selection(self.env))
        distance = round(self.checkin_distance)
        if self.checkin_method == "manual":
            fact = self.env._("Checked in manually, without a position.")
        elif self.in_place_reason == "qr_unlocated":
            fact = self.env._(
                "Checked in with the customer's QR code, without a position."
            )
        elif self.checkin_method == "qr":
            fact = self.env._(
                "Checked in with the customer's QR code, %(distance)s m away.",
                distance=distance,
            )
        elif self.in_place_reason == "no_customer_position":
            fact = self.env._("Checked in; the customer's position is not on file yet.")
        else:
            fact = self.env._(
                "Checked in %(distance)s m from the customer (position within "
                "%(accuracy)s m).",
                distance=distance,
                accuracy=round(self.checkin_accuracy),
            )
        sentences = [fact]
        if self.checkout_method:
            sentences.append(
                self.env._(
                    "Checked out after %(minutes)s min on site.",
                    minutes=round(self.dwell_minutes),
                )
            )
        verdict = reasons.get(self.in_place_reason, "")
        reason = self.in_place_reason
        if reason in IN_PLACE:
            why = self.env._("In place: %(verdict)s.", verdict=verdict)
        elif reason == "no_check_out":
            why = self.env._(
                "Inside the zone, but not in place until you check out, after at "
                "least %(minutes)s min on site.",
                minutes=basis["min_dwell"],
            )
        elif reason == "too_short":
            why = self.env._(
                "Not in place: at least %(minutes)s min on site are required.",
                minutes=basis["min_dwell"],
            )
        elif reason == "outside":
            why = self.env._(
                "Not in place: outside the zone of %(radius)s m. Say why before "
                "submitting; your manager judges it.",
                radius=basis["radius"],
            )
        elif reason == "uncertain":
            why = self.env._(
                "Not in place: the position is less precise than %(accuracy)s m. "
                "Say why before submitting; your manager judges it.",
                accuracy=basis["max_accuracy"],
            )
        else:
            why = self.env._("Not in place: %(verdict)s.", verdict=verdict)
        sentences.append(why)
        if self.check_in_count > 1:
            sentences.append(
                self.env._(
                    "Checked in %(count)s times: the last check-in counts, and "
                    "your manager sees them all.",
                    count=self.check_in_count,
                )
            )
        return sentences

    @api.depends("check_in_ids.kind")
    def _compute_check_in_count(self):
        counts = dict(
            self.env["visit.report.check.in"]
            .sudo()
            ._read_group(
                [
                    ("report_id", "in", self.ids),
                    ("kind", "=", "check_in"),
                    ("corrected_by_id", "=", False),
                ],
                ["report_id"],
                ["__count"],
            )
        )
        for report in self:
            report.check_in_count = counts.get(report._origin, 0)

    @api.depends(
        "visit_mode", "start_datetime", "end_datetime", "checkin_time", "checkout_time"
    )
    def _compute_times_mismatch(self):
        """The visit's times are the rep's; the check-in and check-out's are the
        server's: more than the tolerance apart, the reviewer is warned."""
        for report in self:
            pairs = (
                (report.start_datetime, report.checkin_time),
                (report.end_datetime, report.checkout_time),
            )
            report.times_mismatch = report.visit_mode != "phone" and any(
                said and fact and abs(said - fact) > TIME_MISMATCH_TOLERANCE
                for said, fact in pairs
            )

    @api.depends(
        "checkin_method",
        "checkin_latitude",
        "checkin_longitude",
        "checkout_method",
        "checkout_latitude",
        "checkout_longitude",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "company_id.visit_map_provider",
    )
    def _compute_map_urls(self):
        """Links to the free map of the company's choice (no API key)."""
        for report in self:
            provider = report.company_id.visit_map_provider
            name = report.partner_id.name
            for prefix in POSITION_PREFIXES:
                report[f"{prefix}_map_url"] = report[
                    f"{prefix}_method"
                ] == "gps" and position_map_url(
                    report[f"{prefix}_latitude"],
                    report[f"{prefix}_longitude"],
                    name,
                    provider,
                )
            report.partner_map_url = map_url(report.partner_id, provider)

    @api.depends(
        "end_datetime",
        "start_datetime",
        "company_id.visit_report_deadline_unit",
        "company_id.visit_report_deadline_hours",
        "company_id.visit_report_deadline_days",
    )
    def _compute_report_deadline(self):
        for report in self:
            visit_end = report.end_datetime or report.start_datetime
            company = report.company_id
            if not visit_end:
                report.report_deadline = False
            elif company.visit_report_deadline_unit == "working_days":
                report.report_deadline = report._working_days_after(
                    visit_end, company.visit_report_deadline_days
                )
            else:
                report.report_deadline = visit_end + timedelta(
                    hours=company.visit_report_deadline_hours
                )

    def _working_days_after(self, moment, days):
        """The end of the n-th working day after the visit's day, by the
        company's working calendar (plain days without one; 0: the visit's day).
        Days are those of the calendar's timezone: a visit at 03:00 in Shanghai is
        on that local day, though it is still the day before in UTC."""
        calendar = self.company_id.resource_calendar_id
        tz = pytz.timezone(calendar.tz or self.env.user.tz or "UTC")
        visit_day = pytz.utc.localize(moment).astimezone(tz).date()
        last_day = visit_day + timedelta(days=max(days, 0))
        if calendar and days > 0:
            next_day = tz.localize(
                datetime.combine(visit_day + timedelta(days=1), time.min)
            )
            planned = calendar.plan_days(days, next_day, compute_leaves=True)
            if planned:
                last_day = planned.astimezone(tz).date()
        day_end = tz.localize(datetime.combine(last_day, time.max))
        return day_end.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)

    @api.depends(
        "user_id",
        "partner_id",
        "contact_id",
        "visit_date",
        "state",
        "verification_done",
        "verification_score",
        "company_id.visit_verification_pass_score",
    )
    def _compute_is_valid(self):
        """Same contact only, two months in a row: the later month's visits are
        invalid. A manager's verification call score overrides the rule."""
        contacts_by_month = self._contacts_by_month()
        for report in self:
            sudo_report = report.sudo()
            if sudo_report.verification_done:
                passed = (
                    sudo_report.verification_score
                    >= report.company_id.visit_verification_pass_score
                )
                report.is_valid = passed
                report.invalid_kind = False if passed else "failed_verification"
                continue
            if not report.visit_date:
                report.is_valid, report.invalid_kind = True, False
                continue
            rep, customer = report.user_id.id, report.partner_id.id
            month = report.visit_date.replace(day=1)
            this_month = contacts_by_month[rep, customer, month] | {
                report.contact_id.id
            }
            last_month = contacts_by_month[
                rep, customer, month - relativedelta(months=1)
            ]
            repeated = len(this_month) == 1 and this_month == last_month
            report.is_valid = not repeated
            report.invalid_kind = "repeated_contact" if repeated else False

    @api.depends("invalid_kind", "contact_id.name", "partner_id.name")
    @api.depends_context("lang")
    def _compute_invalid_reason(self):
        for report in self:
            if report.invalid_kind == "repeated_contact":
                report.invalid_reason = self.env._(
                    "Only the same contact was visited two months in a row "
                    "(%(contact)s).",
                    contact=report.contact_id.name or report.partner_id.name,
                )
            elif report.invalid_kind == "failed_verification":
                report.invalid_reason = self.env._("Failed the verification call.")
            else:
                report.invalid_reason = False

    def _contacts_by_month(self):
        """{(rep id, customer id, first of month): {contact ids}} of the visits done
        by the reps of these reports at their customers, over the months the rule
        looks at, in one query. Archived reports count: archiving hides a visit, it
        does not undo it."""
        result = defaultdict(set)
        dated = self.filtered("visit_date")
        if not dated:
            return result
        first = min(dated.mapped("visit_date")).replace(day=1) - relativedelta(months=1)
        last = max(dated.mapped("visit_date"))
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                dated._same_rep_and_customer_domain(first, last)
                + [("state", "in", DONE_STATES)],
                ["user_id", "partner_id", "visit_date:month", "contact_id"],
                ["__count"],
            )
        )
        for user, partner, month, contact, _count in groups:
            result[user.id, partner.id, month].add(contact.id)
        return result

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("start_datetime", "end_datetime")
    def _check_times(self):
        for report in self:
            if report.end_datetime and report.end_datetime < report.start_datetime:
                raise ValidationError(
                    self.env._(
                        "A visit cannot end before it starts (%(report)s).",
                        report=report.name,
                    )
                )

    @api.constrains("checkin_latitude", "checkin_longitude")
    def _check_coordinates(self):
        for report in self:
            report._check_coordinate_range(
                report.checkin_latitude, report.checkin_longitude
            )

    def _check_coordinate_range(self, latitude, longitude):
        if not -90 <= latitude <= 90:
            raise ValidationError(
                self.env._(
                    "A latitude is between -90 and 90, not %(value)s.", value=latitude
                )
            )
        if not -180 <= longitude <= 180:
            raise ValidationError(
                self.env._(
                    "A longitude is between -180 and 180, not %(value)s.",
                    value=longitude,
                )
            )

    @api.constrains("verification_score")
    def _check_verification_score(self):
        for report in self.sudo():
            if not 0 <= report.verification_score <= 100:
                raise ValidationError(
                    self.env._("A verification score is between 0 and 100.")
                )

    @api.constrains("plan_line_id", "user_id")
    def _check_plan_line_owner(self):
        for report in self:
            if report.plan_line_id and report.plan_line_id.user_id != report.user_id:
                raise ValidationError(
                    self.env._(
                        "The planned visit belongs to %(owner)s's plan, not to "
                        "%(rep)s's.",
                        owner=report.plan_line_id.user_id.name,
                        rep=report.user_id.name,
                    )
                )

    @api.constrains("partner_id", "contact_id")
    def _check_partner(self):
        for report in self:
            partner = report.partner_id
            if partner.company_id and partner.company_id != report.company_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a customer of %(company)s.",
                        partner=partner.display_name,
                        company=report.company_id.name,
                    )
                )
            contact = report.contact_id
            if contact and (
                contact == partner or contact.commercial_partner_id != partner
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(partner)s.",
                        contact=report.contact_id.name,
                        partner=partner.display_name,
                    )
                )

    @api.constrains("is_urgent", "urgent_category")
    def _check_urgent_category(self):
        for report in self:
            if report.is_urgent and not report.urgent_category:
                raise ValidationError(
                    self.env._("Say which urgent matter the report escalates.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._refresh_neighbour_validity()
        return reports

    def write(self, vals):
        watched = {"user_id", "partner_id", "contact_id", "start_datetime", "state"}
        before = self._validity_neighbours() if watched & set(vals) else self.browse()
        result = super().write(vals)
        if watched & set(vals):
            (before | self)._refresh_neighbour_validity()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        if any(report.state != "draft" for report in self):
            raise UserError(
                self.env._(
                    "Only draft reports can be deleted: filed reports are kept. "
                    "Archive them instead."
                )
            )

    def unlink(self):
        neighbours = self._validity_neighbours() - self
        result = super().unlink()
        neighbours._refresh_neighbour_validity()
        return result

    def _validity_neighbours(self):
        """Reports whose validity depends on these: the same rep at the same
        customer, in the same month or the next one."""
        dated = self.filtered("visit_date")
        if not dated:
            return self.browse()
        first = min(dated.mapped("visit_date")).replace(day=1)
        last = max(dated.mapped("visit_date")).replace(day=1) + relativedelta(
            months=2, days=-1
        )
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(dated._same_rep_and_customer_domain(first, last))
        )

    def _same_rep_and_customer_domain(self, first, last):
        """Visits by these reports' reps at their customers between two days."""
        return [
            ("user_id", "in", self.user_id.ids),
            ("partner_id", "in", self.partner_id.ids),
            ("visit_date", ">=", first),
            ("visit_date", "<=", last),
        ]

    def _refresh_neighbour_validity(self):
        neighbours = self._validity_neighbours()
        self.env.add_to_compute(self._fields["is_valid"], neighbours)
        self.env.add_to_compute(self._fields["invalid_kind"], neighbours)

    # ------------------------------------------------------------------
    # Check-in
    # ------------------------------------------------------------------
    def _check_can_check_in(self):
        self.ensure_one()
        if self.state not in ("draft", "returned"):
            raise UserError(
                self.env._("A submitted report can no longer be checked in.")
            )
        if self.user_id != self.env.user:
            raise UserError(self.env._("Only the rep who visits checks in."))

    def _check_can_check_out(self):
        self._check_can_check_in()
        if not self.checkin_method:
            raise UserError(self.env._("Check in before checking out."))

    @client_action(single=True, **PHONE_POSITION)
    def action_check_in(self, latitude, longitude, accuracy=0.0, client_time=None):
        """Called by the Check in button with the raw facts the phone gave: its
        position, the fix's accuracy and its own time. Nothing else the client
        says is taken: the distance and the verdict are the server's."""
        self._check_can_check_in()
        self._record_check_in("gps", latitude, longitude, accuracy, client_time)
        return self._position_result()

    @client_action(single=True)
    def action_check_in_manual(self):
        """Check-in without a position (refused or unavailable): flagged manual."""
        self._check_can_check_in()
        self._record_check_in("manual")
        return True

    @client_action(single=True, **PHONE_POSITION)
    def action_check_out(self, latitude, longitude, accuracy=0.0, client_time=None):
        """Called by the Check out button with the same raw facts."""
        self._check_can_check_out()
        self._record_check_out("gps", latitude, longitude, accuracy)
        self._store_client_time("checkout", client_time)
        return self._position_result()

    @client_action(single=True)
    def action_check_out_manual(self):
        """Check-out without a position: the time on site still counts."""
        self._check_can_check_out()
        self._record_check_out("manual")
        return True

    def _position_result(self):
        """What the page shows after a check-in or check-out: the form's own
        status message, and whether it is in place, waits for the check-out, or
        is not in place."""
        return {
            "in_place": self.in_place,
            "waiting": self.in_place_reason in WAITING_REASONS,
            "message": self.checkin_message,
        }

    def _record_check_in(
        self, method, latitude=0.0, longitude=0.0, accuracy=0.0, client_time=None
    ):
        """Stores the raw facts of a check-in with the request it came from; the
        distance and the in-place verdict are computed from them on the server.
        A new check-in starts the visit over: the check-out and the manager's
        decision on the previous one no longer hold; the earlier check-ins stay
        in the history, where the manager sees them."""
        self._record_position("checkin", method, latitude, longitude, accuracy)
        self.sudo().write(
            {
                **{f"checkout_{fact}": False for fact in POSITION_FACTS},
                "geofence_decision": False,
            }
        )
        self._store_client_time("checkin", client_time)
        self._add_to_history("check_in", self.checkin_distance)
        self._propose_partner_position()

    def _record_check_out(self, method, latitude=0.0, longitude=0.0, accuracy=0.0):
        """Stores the facts of a check-out, and proposes it as the visit's end
        when the rep has not said when it ended."""
        self._record_position("checkout", method, latitude, longitude, accuracy)
        partner = self.partner_id
        located = partner.partner_latitude or partner.partner_longitude
        distance = (
            distance_m(
                latitude, longitude, partner.partner_latitude, partner.partner_longitude
            )
            if method == "gps" and located
            else 0.0
        )
        self._add_to_history("check_out", distance)
        if not self.end_datetime and self.checkout_time >= self.start_datetime:
            self.sudo().end_datetime = self.checkout_time

    def _add_to_history(self, kind, distance, **correction):
        """Keeps the check-in or check-out just recorded (or corrected: who and
        why), with the verdict it gives; from now on it is the one that counts."""
        prefix = "checkin" if kind == "check_in" else "checkout"
        history = self.sudo().check_in_ids
        history.filtered(lambda row: row.kind == kind and row.counts).counts = False
        if not self[f"{prefix}_time"]:
            return
        history.create(
            {
                **correction,
                "report_id": self.id,
                "kind": kind,
                "time": self[f"{prefix}_time"],
                "method": self[f"{prefix}_method"],
                "latitude": self[f"{prefix}_latitude"],
                "longitude": self[f"{prefix}_longitude"],
                "accuracy": self[f"{prefix}_accuracy"],
                "distance": distance,
                "verdict": self.in_place_reason,
                "counts": True,
            }
        )

    def _record_correction(self, kinds, reason):
        """A manager's corrected check-in or check-out joins the history, and
        counts from now on (the check-out's position is not corrected: its
        distance stays)."""
        for kind in kinds:
            if kind == "check_in":
                distance = self.checkin_distance
            else:
                counted = self.sudo().check_in_ids.filtered(
                    lambda row: row.kind == "check_out" and row.counts
                )
                distance = counted.distance
            self._add_to_history(
                kind,
                distance,
                corrected_by_id=self.env.user.id,
                correction_reason=reason,
            )

    def _record_position(
        self, prefix, method, latitude=0.0, longitude=0.0, accuracy=0.0
    ):
        """Stores the raw facts of a check-in or check-out ("checkin" or
        "checkout" fields) with the server's time and the request's IP address
        and device."""
        self.ensure_one()
        self._check_coordinate_range(latitude, longitude)
        if (accuracy or 0.0) < 0:
            raise UserError(self.env._("A position's accuracy cannot be negative."))
        http = request.httprequest if request else None
        self.sudo().write(
            {
                f"{prefix}_latitude": latitude,
                f"{prefix}_longitude": longitude,
                f"{prefix}_accuracy": accuracy or 0.0,
                f"{prefix}_time": fields.Datetime.now(),
                f"{prefix}_client_time": False,
                f"{prefix}_method": method,
                f"{prefix}_ip": http and http.remote_addr,
                f"{prefix}_user_agent": http and http.user_agent.string,
            }
        )

    def _store_client_time(self, prefix, client_time):
        """Keeps the phone's time (milliseconds since 1970, as the Geolocation
        API gives it, checked by `to_phone_time`) as a fact only: a phone's
        clock can be set to anything, so the time on site is measured by the
        server's clock."""
        if client_time is None:
            return
        moment = datetime.fromtimestamp(client_time / 1000, pytz.utc)
        self.sudo().write({f"{prefix}_client_time": moment.replace(tzinfo=None)})

    def _propose_partner_position(self):
        """The first precise on-site check-in at a customer without coordinates
        proposes its position; a manager confirms it on the customer."""
        partner = self.partner_id.sudo()
        if (
            self.checkin_method == "gps"
            and self.visit_mode == "onsite"
            and not (partner.partner_latitude or partner.partner_longitude)
            and not partner.visit_proposed_report_id
            and self.checkin_accuracy <= self.company_id.visit_checkin_max_accuracy
        ):
            partner.write(
                {
                    "visit_proposed_latitude": self.checkin_latitude,
                    "visit_proposed_longitude": self.checkin_longitude,
                    "visit_proposed_report_id": self.id,
                }
            )

    # ------------------------------------------------------------------
    # Check-ins outside the zone: the rep's reason, the manager's decision
    # ------------------------------------------------------------------
    def _check_can_judge(self):
        for report in self:
            if report.state not in DONE_STATES:
                raise UserError(
                    self.env._("%(report)s is not submitted yet.", report=report.name)
                )
            if report.in_place_reason not in TO_JUDGE_REASONS and not (
                report.geofence_decision
            ):
                raise UserError(
                    self.env._(
                        "The check-in of %(report)s is not outside the zone: "
                        "there is nothing to judge.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team judges the "
                        "check-in of %(report)s, and never their own.",
                        report=report.name,
                    )
                )

    @client_action()
    def action_geofence_accept(self):
        """The rep's reason is accepted: the visit counts as in place."""
        return self._judge(
            "accepted",
            self.env._("Your check-in outside the zone was accepted as in place."),
        )

    @client_action()
    def action_geofence_needs_correction(self):
        """The reason is not accepted: the visit stays not in place, and the rep
        is told."""
        return self._judge(
            "needs_correction",
            self.env._("Your check-in outside the zone needs correction."),
        )

    @client_action()
    def action_verify_absence(self):
        """The manager checked that the customer was indeed absent (or the
        phone off): the visit counts as in place."""
        for report in self:
            if report.state not in DONE_STATES or not report.absence:
                raise UserError(
                    self.env._(
                        "%(report)s records no absence of the customer to verify.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team verifies the "
                        "absence recorded in %(report)s, and never their own.",
                        report=report.name,
                    )
                )
        self.sudo().write({"absence_verified": True})
        self._tell_rep(
            self.env._(
                "The customer's absence was verified: the visit counts as in place."
            ),
            JUDGED_SUBTYPE,
        )
        return True

    def _judge(self, decision, message):
        self._check_can_judge()
        self.sudo().write({"geofence_decision": decision})
        self._tell_rep(message, JUDGED_SUBTYPE)
        return True

    def _track_subtype(self, init_values):
        self.ensure_one()
        if self.state in DONE_STATES and set(init_values) & set(CORRECTED_FIELDS):
            return self.env.ref("visit_management.mt_visit_report_check_in_corrected")
        return self._submission_subtype(init_values) or super()._track_subtype(
            init_values
        )

    @client_action(single=True)
    def action_correct_check_in(self):
        """Opens the wizard in which a manager corrects the facts, with a reason."""
        self._check_can_correct()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Check-in"),
            "res_model": "visit.check.in.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    def _check_can_correct(self):
        for report in self:
            if report.state not in DONE_STATES:
                raise UserError(
                    self.env._(
                        "The rep checks in again on %(report)s: only the facts of "
                        "a submitted report are corrected.",
                        report=report.name,
                    )
                )
            if not report._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team corrects the "
                        "check-in of %(report)s.",
                        report=report.name,
                    )
                )

    @client_action(single=True)
    def action_use_check_in_times(self):
        """The rep takes the check-in and check-out times as the visit's Start
        and End. Written as the rep: the same rights as editing them."""
        if not self.checkin_time:
            raise UserError(self.env._("Check in before taking its time."))
        end = self.checkout_time or self.end_datetime
        self.write(
            {
                "start_datetime": self.checkin_time,
                "end_datetime": end if end and end >= self.checkin_time else False,
            }
        )
        return True

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @client_action()
    def action_submit(self):
        for report in self:
            if report.state not in ("draft", "returned"):
                raise UserError(
                    self.env._("%(report)s is already submitted.", report=report.name)
                )
            if not report.end_datetime:
                raise UserError(
                    self.env._("Say when the visit ended before submitting.")
                )
            if report.is_unplanned and not report.purpose:
                raise UserError(
                    self.env._(
                        "%(report)s is an unplanned visit: say its purpose before "
                        "submitting.",
                        report=report.name,
                    )
                )
            if (
                report.in_place_reason == "no_check_out"
                and not (report.checkout_missing_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "You checked in at %(customer)s but did not check out: "
                        "check out if you are still there, or say why in "
                        "“Reason for No Check-out” before submitting.",
                        customer=report.partner_id.name,
                    )
                )
            if (
                report.in_place_reason in TO_JUDGE_REASONS
                and not (report.checkin_outside_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "The check-in of %(report)s is outside the zone or "
                        "imprecise: say why before submitting.",
                        report=report.name,
                    )
                )
        self._check_has_reviewer()
        self._check_required_evidence()
        now = fields.Datetime.now()
        for report in self:
            report.sudo().write(
                {
                    "state": "submitted",
                    "submitted_date": now,
                    "submitted_late": bool(
                        report.report_deadline and now > report.report_deadline
                    ),
                    "return_reason": False,
                }
            )
            report.commitment_ids._schedule_follow_up()
            report._schedule_review_activity(
                self.env._("Review the visit report %(report)s", report=report.name),
                fields.Date.context_today(report),
            )
        self.filtered("is_urgent")._escalate_urgent()
        return True

    def _check_required_evidence(self):
        """The photos the purpose requires and the signature the customer's tier
        requires. Phone visits are exempt from both: there is nothing to
        photograph and nobody at hand to sign on the rep's phone."""
        onsite = self.filtered(lambda report: report.visit_mode != "phone")
        self.env["visit.photo.requirement"]._check_reports(onsite)
        for report in onsite.filtered(lambda report: not report.customer_signature):
            tier = report.visit_tier
            if tier and report.company_id[f"visit_signature_tier_{tier}"]:
                raise UserError(
                    self.env._(
                        "Customers of tier %(tier)s sign their visit reports: "
                        "ask %(partner)s to sign %(report)s before submitting.",
                        tier=tier.upper(),
                        partner=report.partner_id.name,
                        report=report.name,
                    )
                )

    def _escalate_urgent(self):
        categories = dict(
            self._fields["urgent_category"]._description_selection(self.env)
        )
        for report in self:
            summary = self.env._(
                "Urgent: %(matter)s at %(partner)s",
                matter=categories.get(report.urgent_category),
                partner=report.partner_id.name,
            )
            report.activity_schedule(
                "visit_management.mail_activity_visit_urgent",
                summary=summary,
                user_id=report.manager_id.id,
            )
            post_to_followers(
                report,
                summary,
                "visit_management.mt_visit_report_urgent",
                report.manager_id.partner_id,
                role=True,
            )

    @client_action()
    def action_approve(self):
        """Approves the reports; each keeps the verdict it is approved with,
        whatever later happens to the customer's position or the settings."""
        self._check_review("submitted")
        for report in self:
            report.sudo().judged_against = report._judging_basis()
        return self._review(
            {"state": "approved"}, self.env._("Your visit report was approved.")
        )

    @client_action()
    def action_return(self):
        """Opens the wizard that asks for the reason."""
        self._check_review("submitted")
        return self._open_reason_wizard(self.env._("Return Visit Report"))

    def _action_refuse(self, reason):
        return self._review(
            {"state": "returned", "return_reason": reason},
            self.env._("Your visit report was returned: %(reason)s", reason=reason),
        )

    # ------------------------------------------------------------------
    # Scheduled action: report reminders
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_report_reminders(self):
        """Reminds reps of their reports still draft past the deadline, and of
        the approved planned visits of past days without any report; past the
        company's escalation delay, each manager gets one list of them. Each
        report and planned visit is reminded once to each."""
        now = fields.Datetime.now()
        finished = run_in_batches(
            self,
            [
                ("state", "=", "draft"),
                ("report_deadline", "<", now),
                ("manager_reminded", "=", False),
            ],
            partial(self._remind_late_reports, now),
            REMINDER_BATCH,
        )
        if finished:
            PlanLine = self.env["visit.plan.line"]
            run_in_batches(
                PlanLine,
                PlanLine._unreported_domain(now),
                partial(PlanLine._remind_unreported, now),
                REMINDER_BATCH,
            )

    @api.model
    def _remind_late_reports(self, now, reports):
        to_remind = reports.filtered(lambda report: not report.rep_reminded)
        self.env["mail.activity"]._visit_schedule(
            to_remind,
            "visit_management.mail_activity_visit_report_reminder",
            lambda report: report.user_id,
            lambda report, env: env._(
                "The visit report %(report)s was due on %(deadline)s",
                report=report.name,
                deadline=format_datetime(
                    env, report.report_deadline, tz=report.user_id.tz
                ),
            ),
        )
        to_remind.write({"rep_reminded": True})
        escalated = reports.filtered(
            lambda report: (
                report.report_deadline
                + timedelta(hours=report.company_id.visit_report_escalation_hours)
                < now
            )
        )
        escalated.write({"manager_reminded": True})
        self._list_late_for_managers(escalated, lambda report: report.manager_id)

    @api.model
    def _list_late_for_managers(self, records, manager_of):
        """Adds the late reports or planned visits to their managers' one open
        list of them."""
        late_by_manager = defaultdict(list)
        for record in records:
            late_by_manager[manager_of(record)].append(record)
        self.env["mail.activity"]._visit_post_lists(
            "visit_management.mail_activity_visit_report_reminder",
            late_by_manager,
            lambda env: env._("Visit reports late past the escalation delay"),
        )
