# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..tools import (
    REMINDER_BATCH,
    client_action,
    post_to_followers,
    run_in_batches,
    set_flags,
    single_run,
)
from .evidence_image import EvidenceImage
from .selections import (
    REPORT_STATES,
    URGENT_CATEGORIES,
    VISIT_MODES,
    VISIT_PURPOSES,
)
from .visit_frequency_rule import DONE_STATES

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
# What the rep writes of the visit itself (HTML).
REPORT_TEXT_FIELDS = (
    "customer_needs",
    "opinions",
    "market_info",
    "visit_effect",
    "matters_result",
    "next_steps",
)
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
    *REPORT_TEXT_FIELDS,
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
    "offline",
    "received_time",
)
FACT_FIELDS = tuple(
    f"{prefix}_{fact}" for prefix in POSITION_PREFIXES for fact in POSITION_FACTS
)
# Verdicts a manager judges: the rep was outside the zone or the fix was poor.
TO_JUDGE_REASONS = ("outside", "uncertain", "qr_far", "qr_unlocated", "offline_late")
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
    ("offline_late", "Synced too late"),
    ("phone", "Phone visit"),
    ("accepted", "Accepted by the manager"),
    ("absence_verified", "Customer absent, verified"),
]


class VisitReport(models.Model):
    _name = "visit.report"
    _numbered = True
    _description = "Visit Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "visit.approval.mixin",
        "visit.rep.grouping",
    ]
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
        selection=REPORT_STATES,
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
    visit_date = fields.Date(
        compute="_compute_visit_date", store=True, precompute=True, index=True
    )
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
        help="The time the phone gave, kept as a fact; the server's time counts, "
        "unless the phone had no network.",
    )
    checkin_method = fields.Selection(
        selection=[("gps", "GPS"), ("qr", "QR Code"), ("manual", "Manual")],
        string="Check-in Method",
        readonly=True,
        tracking=True,
    )
    checkin_ip = fields.Char(string="Check-in IP Address", readonly=True)
    checkin_user_agent = fields.Char(string="Check-in Device", readonly=True)
    checkin_offline = fields.Boolean(
        string="Checked In Offline",
        readonly=True,
        help="Recorded by the phone without a network and synced later: its time "
        "is the phone's.",
    )
    checkin_received_time = fields.Datetime(
        string="Check-in Received At",
        readonly=True,
        help="When the check-in reached the server.",
    )
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
        help="The time the phone gave, kept as a fact; the server's time counts, "
        "unless the phone had no network.",
    )
    checkout_method = fields.Selection(
        selection=[("gps", "GPS"), ("manual", "Manual")],
        string="Check-out Method",
        readonly=True,
    )
    checkout_ip = fields.Char(string="Check-out IP Address", readonly=True)
    checkout_user_agent = fields.Char(string="Check-out Device", readonly=True)
    checkout_offline = fields.Boolean(
        string="Checked Out Offline",
        readonly=True,
        help="Recorded by the phone without a network and synced later: its time "
        "is the phone's.",
    )
    checkout_received_time = fields.Datetime(
        string="Check-out Received At",
        readonly=True,
        help="When the check-out reached the server.",
    )
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
        help="From check-in to check-out, by the server's clock (the phone's for "
        "what was recorded offline).",
    )
    in_place = fields.Boolean(compute="_compute_in_place", store=True)
    checkin_to_judge = fields.Boolean(
        string="Check-in to Judge",
        compute="_compute_in_place",
        store=True,
        help="Outside the zone, imprecise, a QR code far away or without a "
        "position, or synced too late: the manager judges the rep's reason.",
    )
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
    review_deadline = fields.Datetime(
        compute="_compute_review_deadline",
        store=True,
        help="When the manager is to have reviewed the submitted report: the "
        "company's working days after the submission, at its review time.",
    )
    reviewed_date = fields.Datetime(string="Reviewed At", readonly=True, copy=False)
    imported = fields.Boolean(
        string="Imported History",
        readonly=True,
        copy=False,
        help="A past visit a visit administrator imported from the company's "
        "earlier records: filed as approved without a check-in; it counts as a "
        "visit (last visit dates, coverage, the valid-visit rule), not in how "
        "reports are filed (timeliness, in place).",
    )
    reviewed_late = fields.Boolean(
        compute="_compute_reviewed_late",
        store=True,
        help="Approved or returned after its review deadline.",
    )
    review_reminded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager was reminded of the review past its deadline.",
    )
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
    # the unplanned visits around today, read by the route sheet (visit.today)
    _unplanned_visit_date_idx = models.Index(
        "(visit_date) WHERE plan_line_id IS NULL AND active"
    )
    # The reports the late reminders take batch by batch in id order: the few
    # drafts and submitted reports not told yet. By the primary key, the first
    # batch stepped over the million reports told or done (0.5 s each).
    _late_report_idx = models.Index(
        "(id) WHERE state = 'draft' AND manager_reminded IS NOT TRUE"
    )
    _late_review_idx = models.Index(
        "(id) WHERE state = 'submitted' AND review_reminded IS NOT TRUE"
    )

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
        if self.env.context.get("import_file"):
            reports._file_as_history()
        reports._refresh_neighbour_validity()
        return reports

    def _file_as_history(self):
        """Reports a visit administrator imports (Odoo's Import screen) are
        past visits: filed as approved and marked imported. Anyone else's
        import makes drafts, as the form does."""
        if not self.env.user.has_group("visit_management.group_visit_admin"):
            return
        now = fields.Datetime.now()
        unfinished = self.filtered(
            lambda report: not report.end_datetime or report.end_datetime > now
        )
        if unfinished:
            raise UserError(
                self.env._(
                    "Only visits that have ended can be imported as history: "
                    "%(reports)s ends later.",
                    reports=", ".join(unfinished.mapped("display_name")),
                )
            )
        self.sudo().write(
            {
                "state": "approved",
                "imported": True,
                "submitted_date": now,
                "reviewed_date": now,
            }
        )

    @api.model
    @client_action()
    def get_import_templates(self):
        """Past visits from the company's earlier records, imported as history
        by a visit administrator."""
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Visit History"),
                "template": "/visit_management/static/xls/visit_history.xlsx",
            },
        ]

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

    # ------------------------------------------------------------------
    # Workflow (check-in and geofence: visit_report_geofence.py; timeliness
    # and validity: visit_report_validity.py)
    # ------------------------------------------------------------------
    def _track_subtype(self, init_values):
        self.ensure_one()
        if self.state in DONE_STATES and set(init_values) & set(CORRECTED_FIELDS):
            return self.env.ref("visit_management.mt_visit_report_check_in_corrected")
        return self._submission_subtype(init_values) or super()._track_subtype(
            init_values
        )

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
                report.checkin_to_judge
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
                    "reviewed_date": False,
                    "review_reminded": False,
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
            {"state": "approved", "reviewed_date": fields.Datetime.now()},
            self.env._("Your visit report was approved."),
        )

    @client_action()
    def action_return(self):
        """Opens the wizard that asks for the reason."""
        self._check_review("submitted")
        return self._open_reason_wizard(self.env._("Return Visit Report"))

    def _action_refuse(self, reason):
        return self._review(
            {
                "state": "returned",
                "return_reason": reason,
                "reviewed_date": fields.Datetime.now(),
            },
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
            finished = run_in_batches(
                PlanLine,
                PlanLine._unreported_domain(now),
                partial(PlanLine._remind_unreported, now),
                REMINDER_BATCH,
            )
        if finished:
            run_in_batches(
                self,
                [
                    ("state", "=", "submitted"),
                    ("review_deadline", "<", now),
                    ("review_reminded", "=", False),
                ],
                self._remind_late_reviews,
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
        set_flags(to_remind, "rep_reminded")
        self.env["visit.robot"]._queue_digest(
            "visit_management.mt_visit_report_late", to_remind
        )
        escalated = reports.filtered(
            lambda report: (
                report.report_deadline
                + timedelta(hours=report.company_id.visit_report_escalation_hours)
                < now
            )
        )
        set_flags(escalated, "manager_reminded")
        self._list_late_for_managers(escalated, lambda report: report.manager_id)

    @api.model
    def _remind_late_reviews(self, reports):
        """Each manager gets the reports past their review deadline in one list."""
        set_flags(reports, "review_reminded")
        self.env["mail.activity"]._visit_post_lists_by(
            "visit_management.mail_activity_visit_review_late",
            reports,
            lambda report: report.manager_id,
            lambda env: env._("Visit reports to review, past their review deadline"),
        )

    @api.model
    def _list_late_for_managers(self, records, manager_of):
        """Adds the late reports or planned visits to their managers' one open
        list of them."""
        self.env["mail.activity"]._visit_post_lists_by(
            "visit_management.mail_activity_visit_report_reminder",
            records,
            manager_of,
            lambda env: env._("Visit reports late past the escalation delay"),
        )
