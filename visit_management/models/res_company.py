# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The company's address decides which region rule binds a customer.
REGION_ADDRESS_FIELDS = {"city", "state_id"}


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
        help="A GPS check-in farther than this from the customer is not in place.",
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

    _visit_plan_reminder_days_positive = models.Constraint(
        "CHECK(visit_plan_reminder_days >= 0)",
        "The plan reminder cannot come after the deadline.",
    )
    _visit_report_escalation_hours_positive = models.Constraint(
        "CHECK(visit_report_escalation_hours >= 0)",
        "The late report escalation cannot come before the deadline.",
    )

    _visit_reception_prep_days_positive = models.Constraint(
        "CHECK(visit_reception_prep_days >= 0)",
        "The reception preparation cannot be due after the visit.",
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
