# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_callback_max_attempts = fields.Integer(
        string="Unreachable after (attempts)",
        default=3,
        help="A resident not reached after so many attempts with the same method "
        "is unreachable; one unreachable by phone can then be visited on-site or "
        "written to.",
    )
    # Move-in visits
    property_move_in_callbacks = fields.Boolean(string="Move-in Visits", default=True)
    property_move_in_due_months = fields.Integer(
        string="Move-in Visit Due (months)",
        default=1,
        help="New residents are visited within so many months of moving in.",
    )
    property_move_in_latest_months = fields.Integer(
        string="Move-in Visit Latest (months)",
        default=3,
        help="And no later than so many months: older move-ins get no visit.",
    )
    property_mass_move_in_threshold = fields.Integer(
        string="Mass Move-in (households a month)",
        default=30,
        help="When more households than this move into one estate in one month, "
        "only a random sample of them is visited.",
    )
    property_mass_move_in_percent = fields.Integer(
        string="Mass Move-in Sample (%)",
        default=60,
    )
    # Callbacks after complaints, repairs and incidents
    property_complaint_callbacks = fields.Boolean(
        string="Complaint Callbacks", default=True
    )
    property_complaint_callback_all = fields.Boolean(
        string="Call Back Every Complaint",
        help="Call back every resolved complaint, not only those caused by the "
        "management.",
    )
    property_complaint_callback_days = fields.Integer(
        string="Complaint Callback Due (days)", default=3
    )
    property_repair_callbacks = fields.Boolean(string="Repair Callbacks", default=True)
    property_repair_callback_days = fields.Integer(
        string="Repair Callback Due (days)", default=3
    )
    property_incident_callbacks = fields.Boolean(
        string="Incident Follow-up Visits", default=True
    )
    property_incident_callback_days = fields.Integer(
        string="Incident Follow-up Due (days)", default=3
    )
    # Festival and routine callbacks
    property_festival_visits = fields.Boolean(string="Festival Visits", default=True)
    property_routine_callbacks = fields.Boolean(
        string="Routine Callbacks", default=True
    )
    property_routine_min = fields.Integer(
        string="Routine Callbacks per Estate (min)", default=10
    )
    property_routine_max = fields.Integer(
        string="Routine Callbacks per Estate (max)", default=15
    )
    property_routine_exclusion_months = fields.Integer(
        string="Routine Callback Interval (months)",
        default=3,
        help="A household called back by routine is not picked again for so many "
        "months.",
    )
    # Monthly callback assessment
    property_assessment_weight_rate = fields.Integer(
        string="Callback Rate Weight", default=50
    )
    property_assessment_weight_timeliness = fields.Integer(
        string="Timeliness Weight", default=30
    )
    property_assessment_weight_satisfaction = fields.Integer(
        string="Satisfaction Weight", default=20
    )

    _property_callback_max_attempts_positive = models.Constraint(
        "CHECK(property_callback_max_attempts > 0)",
        "A resident is unreachable after one attempt at least.",
    )
    _property_move_in_months = models.Constraint(
        "CHECK(property_move_in_due_months >= 0 "
        "AND property_move_in_latest_months >= property_move_in_due_months)",
        "A move-in visit's latest month cannot come before its due month.",
    )
    _property_mass_move_in_percent = models.Constraint(
        "CHECK(property_mass_move_in_percent BETWEEN 1 AND 100)",
        "The mass move-in sample is between 1% and 100% of the households.",
    )
    _property_routine_range = models.Constraint(
        "CHECK(property_routine_min >= 0 "
        "AND property_routine_max >= property_routine_min)",
        "The routine callbacks' maximum cannot be below their minimum.",
    )
    _property_callback_days = models.Constraint(
        "CHECK(property_complaint_callback_days >= 0 "
        "AND property_repair_callback_days >= 0 "
        "AND property_incident_callback_days >= 0 "
        "AND property_routine_exclusion_months >= 0 "
        "AND property_mass_move_in_threshold >= 0 "
        "AND property_assessment_weight_rate >= 0 "
        "AND property_assessment_weight_timeliness >= 0 "
        "AND property_assessment_weight_satisfaction >= 0)",
        "Callback delays, thresholds and weights cannot be negative.",
    )
