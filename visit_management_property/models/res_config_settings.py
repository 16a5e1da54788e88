# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_callback_max_attempts = fields.Integer(
        related="company_id.property_callback_max_attempts", readonly=False
    )
    property_move_in_callbacks = fields.Boolean(
        related="company_id.property_move_in_callbacks", readonly=False
    )
    property_move_in_due_months = fields.Integer(
        related="company_id.property_move_in_due_months", readonly=False
    )
    property_move_in_latest_months = fields.Integer(
        related="company_id.property_move_in_latest_months", readonly=False
    )
    property_mass_move_in_threshold = fields.Integer(
        related="company_id.property_mass_move_in_threshold", readonly=False
    )
    property_mass_move_in_percent = fields.Integer(
        related="company_id.property_mass_move_in_percent", readonly=False
    )
    property_complaint_callbacks = fields.Boolean(
        related="company_id.property_complaint_callbacks", readonly=False
    )
    property_complaint_callback_all = fields.Boolean(
        related="company_id.property_complaint_callback_all", readonly=False
    )
    property_complaint_callback_days = fields.Integer(
        related="company_id.property_complaint_callback_days", readonly=False
    )
    property_repair_callbacks = fields.Boolean(
        related="company_id.property_repair_callbacks", readonly=False
    )
    property_repair_callback_days = fields.Integer(
        related="company_id.property_repair_callback_days", readonly=False
    )
    property_incident_callbacks = fields.Boolean(
        related="company_id.property_incident_callbacks", readonly=False
    )
    property_incident_callback_days = fields.Integer(
        related="company_id.property_incident_callback_days", readonly=False
    )
    property_festival_visits = fields.Boolean(
        related="company_id.property_festival_visits", readonly=False
    )
    property_routine_callbacks = fields.Boolean(
        related="company_id.property_routine_callbacks", readonly=False
    )
    property_routine_min = fields.Integer(
        related="company_id.property_routine_min", readonly=False
    )
    property_routine_max = fields.Integer(
        related="company_id.property_routine_max", readonly=False
    )
    property_routine_exclusion_months = fields.Integer(
        related="company_id.property_routine_exclusion_months", readonly=False
    )
    property_assessment_weight_rate = fields.Integer(
        related="company_id.property_assessment_weight_rate", readonly=False
    )
    property_assessment_weight_timeliness = fields.Integer(
        related="company_id.property_assessment_weight_timeliness", readonly=False
    )
    property_assessment_weight_satisfaction = fields.Integer(
        related="company_id.property_assessment_weight_satisfaction", readonly=False
    )
