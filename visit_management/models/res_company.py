# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.map_tiles import TILE_SOURCES
from .selections import TIERS

# The company's address decides which region rule binds a customer.
REGION_ADDRESS_FIELDS = {"city", "state_id"}
# The weights of the monthly assessment's indicators.
ASSESSMENT_WEIGHT_FIELDS = (
    "visit_assessment_weight_coverage",
    "visit_assessment_weight_plan",
    "visit_assessment_weight_timeliness",
    "visit_assessment_weight_validity",
    "visit_assessment_weight_in_place",
    "visit_assessment_weight_key_contact",
    "visit_assessment_weight_callback",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    visit_region_rules = fields.Boolean(
        string="Region Visit Rules",
        help="Also require visits by where the customer is: same city, same "
        "province or elsewhere, on top of the tier rules.",
    )
    visit_inplace_radius = fields.Integer(
        string="In-place Radius (m)",
        default=500,
        help="The geofence: a GPS check-in farther than this from the customer is "
        "not in place.",
    )
    visit_checkin_max_accuracy = fields.Integer(
        string="Maximum Check-in Accuracy (m)",
        default=200,
        help="A check-in whose position is less precise than this is uncertain: "
        "not in place unless the manager accepts the rep's reason.",
    )
    visit_min_dwell_minutes = fields.Integer(
        string="Minimum Time on Site (min)",
        default=10,
        help="A GPS check-in is in place only when the check-out comes so many "
        "minutes later, by the server's clock (0: no check-out needed).",
    )
    visit_offline_max_sync_hours = fields.Integer(
        string="Offline Sync Limit (h)",
        default=24,
        help="A check-in or check-out recorded without a network that reaches the "
        "server more than so many hours later is not in place until the manager "
        "accepts the rep's reason.",
    )
    visit_review_deadline_days = fields.Integer(
        string="Review Within (working days)",
        default=1,
        help="The manager reviews a submitted visit report by the review time of "
        "this working day after the submission (0: the same day).",
    )
    visit_review_deadline_time = fields.Float(
        string="Review By",
        default=9.25,
        help="The time of day the review is due, in the working calendar's timezone.",
    )
    visit_report_deadline_unit = fields.Selection(
        selection=[("hours", "Hours"), ("working_days", "Working Days")],
        string="Report Deadline Unit",
        default="hours",
        required=True,
    )
    visit_report_deadline_hours = fields.Integer(
        string="Report Deadline (hours)", default=24
    )
    visit_report_deadline_days = fields.Integer(
        string="Report Deadline (working days)", default=2
    )
    visit_key_contact_minimum = fields.Integer(
        string="Minimum Key Contacts (A/B)",
        default=3,
        help="A and B customers with fewer key contacts on file show a warning.",
    )
    visit_verification_pass_score = fields.Integer(
        string="Verification Pass Score",
        default=60,
        help="A verification call score at or above this makes a visit valid.",
    )
    visit_plan_reminder_days = fields.Integer(
        string="Plan Reminder (days before)",
        default=3,
        help="Reps without a submitted plan for the next month are reminded so "
        "many days before the submission deadline.",
    )
    visit_report_escalation_hours = fields.Integer(
        string="Late Report Escalation (hours)",
        default=48,
        help="A report still missing so many hours after its deadline is "
        "reported to the rep's manager.",
    )

    visit_reception_prep_days = fields.Integer(
        string="Reception Preparation (days before)",
        default=1,
        help="The preparation checklist of a reception is due so many days "
        "before the visit.",
    )

    visit_reception_feedback_days = fields.Integer(
        string="Reception Feedback (days)",
        default=30,
        help="How many days after the visit its visitors may still rate it.",
    )

    _visit_checkin_max_accuracy_positive = models.Constraint(
        "CHECK(visit_checkin_max_accuracy > 0)",
        "The maximum check-in accuracy must be above 0 m.",
    )
    _visit_offline_max_sync_hours_positive = models.Constraint(
        "CHECK(visit_offline_max_sync_hours > 0)",
        "The offline sync limit must be at least one hour.",
    )
    _visit_review_deadline_positive = models.Constraint(
        "CHECK(visit_review_deadline_days >= 0 AND visit_review_deadline_time >= 0 "
        "AND visit_review_deadline_time < 24)",
        "The review is due on a working day after the submission, at a time of day.",
    )
    _visit_min_dwell_minutes_positive = models.Constraint(
        "CHECK(visit_min_dwell_minutes >= 0)",
        "The minimum time on site cannot be negative.",
    )
    _visit_plan_reminder_days_positive = models.Constraint(
        "CHECK(visit_plan_reminder_days >= 0)",
        "The plan reminder cannot come after the deadline.",
    )
    _visit_report_escalation_hours_positive = models.Constraint(
        "CHECK(visit_report_escalation_hours >= 0)",
        "The late report escalation cannot come before the deadline.",
    )

    visit_assessment_day = fields.Integer(
        string="Assessment Day",
        default=1,
        help="Day of the month (1-28) on which the previous month is assessed.",
    )
    visit_assessment_coverage_baseline = fields.Float(
        string="Coverage Baseline (%)",
        default=100.0,
        help="A rep whose visits cover less than this share of what their "
        "customers require scores 0 for the month.",
    )
    visit_assessment_weight_coverage = fields.Integer(
        string="Coverage Weight", default=30
    )
    visit_assessment_weight_plan = fields.Integer(
        string="Plan Completion Weight", default=20
    )
    visit_assessment_weight_timeliness = fields.Integer(
        string="Report Timeliness Weight", default=15
    )
    visit_assessment_weight_validity = fields.Integer(
        string="Valid Visits Weight", default=15
    )
    visit_assessment_weight_in_place = fields.Integer(
        string="In-place Weight", default=10
    )
    visit_assessment_weight_key_contact = fields.Integer(
        string="Key Contacts Weight", default=10
    )
    visit_assessment_weight_callback = fields.Integer(
        string="After-sale Callbacks Weight",
        help="0: the callback rate is shown on the assessment but not scored.",
    )
    visit_summary_deadline_day = fields.Integer(
        string="Monthly Summary Due By",
        default=3,
        help="Each team leader submits the team's summary of a month by this day "
        "(1-28) of the next month.",
    )
    visit_after_sale_tier = fields.Selection(
        selection=TIERS,
        string="After-sale Callbacks Up To Tier",
        default="a",
        required=True,
        help="Customers of this tier and the tiers above are key customers: a "
        "delivery to them starts a thank-you call the next day and a usage check "
        "within a month; a repair request, a follow-up within a week.",
    )

    # Customer signature on the visit reports, tier by tier
    visit_signature_tier_a = fields.Boolean(string="Signature Required for A")
    visit_signature_tier_b = fields.Boolean(string="Signature Required for B")
    visit_signature_tier_c = fields.Boolean(string="Signature Required for C")
    visit_signature_tier_d = fields.Boolean(string="Signature Required for D")
    visit_map_provider = fields.Selection(
        selection=[("amap", "Amap"), ("osm", "OpenStreetMap")],
        string="Map Links",
        default="amap",
        required=True,
        help="The free map the route sheet's links open (no API key needed).",
    )
    visit_map_tiles = fields.Selection(
        selection=[
            ("osm", "OpenStreetMap"),
            ("amap", "Amap"),
            ("tianditu", "Tianditu"),
        ],
        string="Map Tiles",
        default="osm",
        required=True,
        help="The map the addons' map views draw on. Amap is drawn in China's "
        "GCJ-02 coordinates, the positions are converted to them; Tianditu needs "
        "a key.",
    )
    visit_new_customer_years = fields.Integer(
        string="New Customer: Years Without Business",
        default=3,
        help="A customer is new when it did no business with the company in so "
        "many years before its first deal (samples excluded).",
    )
    visit_new_customer_apply_days = fields.Integer(
        string="New Customer: Days to Apply",
        default=30,
        help="A new-customer application is accepted up to so many days after the "
        "first deal; later ones cannot be submitted.",
    )

    _visit_new_customer_years_positive = models.Constraint(
        "CHECK(visit_new_customer_years > 0)",
        "A new customer has had at least one year without business.",
    )
    _visit_new_customer_apply_days_positive = models.Constraint(
        "CHECK(visit_new_customer_apply_days >= 0)",
        "The delay to apply for a new customer cannot be negative.",
    )

    @api.constrains("visit_assessment_day")
    def _check_visit_assessment_day(self):
        for company in self:
            if not 1 <= company.visit_assessment_day <= 28:
                raise ValidationError(
                    self.env._(
                        "The assessment day is between 1 and 28, not %(day)s.",
                        day=company.visit_assessment_day,
                    )
                )

    @api.constrains("visit_assessment_coverage_baseline")
    def _check_visit_assessment_coverage_baseline(self):
        for company in self:
            if not 0 <= company.visit_assessment_coverage_baseline <= 100:
                raise ValidationError(
                    self.env._("The coverage baseline is between 0 and 100 %.")
                )

    @api.constrains(*ASSESSMENT_WEIGHT_FIELDS)
    def _check_visit_assessment_weights(self):
        for company in self:
            weights = [company[name] for name in ASSESSMENT_WEIGHT_FIELDS]
            if any(weight < 0 for weight in weights):
                raise ValidationError(
                    self.env._("An assessment weight cannot be negative.")
                )
            if not any(weights):
                raise ValidationError(
                    self.env._("At least one assessment weight must be above 0.")
                )

    _visit_summary_deadline_day_range = models.Constraint(
        "CHECK(visit_summary_deadline_day BETWEEN 1 AND 28)",
        "The monthly summary is due by a day from 1 to 28.",
    )
    _visit_reception_prep_days_positive = models.Constraint(
        "CHECK(visit_reception_prep_days >= 0)",
        "The reception preparation cannot be due after the visit.",
    )

    visit_date_past_days = fields.Integer(
        string="Oldest Visit Date (days ago)",
        default=366,
        help="A visit, plan or reception a user enters may lie so many days in "
        "the past at most.",
    )
    visit_date_future_days = fields.Integer(
        string="Farthest Visit Date (days ahead)",
        default=366,
        help="A visit, plan or reception a user enters may lie so many days "
        "ahead at most.",
    )
    visit_reception_max_days = fields.Integer(
        string="Longest Reception (days)",
        default=7,
        help="A reception holds its meeting room for so many days at most.",
    )

    _visit_date_window_positive = models.Constraint(
        "CHECK(visit_date_past_days > 0 AND visit_date_future_days > 0)",
        "Visits must be allowed at least a day in the past and ahead.",
    )
    _visit_reception_max_days_positive = models.Constraint(
        "CHECK(visit_reception_max_days > 0)",
        "A reception must be allowed to last a day.",
    )

    _visit_reception_feedback_days_positive = models.Constraint(
        "CHECK(visit_reception_feedback_days > 0)",
        "Visitors need at least a day to rate their visit.",
    )

    def write(self, vals):
        result = super().write(vals)
        if "visit_region_rules" in vals or (
            REGION_ADDRESS_FIELDS & set(vals) and any(self.mapped("visit_region_rules"))
        ):
            self.env["visit.frequency.rule"]._recompute_partner_due_dates()
        return result

    def _visit_map_tiles(self):
        """The tile layers of the company's maps, for Leaflet. The system
        parameter visit_management.map_tiles_url replaces their URL (a company's
        own tile server, or a test's)."""
        self.ensure_one()
        source = TILE_SOURCES[self.visit_map_tiles]
        parameters = self.env["ir.config_parameter"].sudo()
        key = parameters.get_param("visit_management.tianditu_key") or ""
        own_url = parameters.get_param("visit_management.map_tiles_url")
        layers = [own_url] if own_url else source["layers"]
        return {
            "layers": [layer.replace("{key}", key) for layer in layers],
            "subdomains": source["subdomains"],
            "attribution": source["attribution"],
            "max_zoom": source["max_zoom"],
            "gcj02": source["gcj02"],
        }
