# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    visit_region_rules = fields.Boolean(
        related="company_id.visit_region_rules", readonly=False
    )
    visit_inplace_radius = fields.Integer(
        related="company_id.visit_inplace_radius", readonly=False
    )
    visit_checkin_max_accuracy = fields.Integer(
        related="company_id.visit_checkin_max_accuracy", readonly=False
    )
    visit_min_dwell_minutes = fields.Integer(
        related="company_id.visit_min_dwell_minutes", readonly=False
    )
    visit_offline_max_sync_hours = fields.Integer(
        related="company_id.visit_offline_max_sync_hours", readonly=False
    )
    visit_review_deadline_days = fields.Integer(
        related="company_id.visit_review_deadline_days", readonly=False
    )
    visit_review_deadline_time = fields.Float(
        related="company_id.visit_review_deadline_time", readonly=False
    )
    visit_report_deadline_unit = fields.Selection(
        related="company_id.visit_report_deadline_unit", readonly=False
    )
    visit_report_deadline_hours = fields.Integer(
        related="company_id.visit_report_deadline_hours", readonly=False
    )
    visit_report_deadline_days = fields.Integer(
        related="company_id.visit_report_deadline_days", readonly=False
    )
    visit_key_contact_minimum = fields.Integer(
        related="company_id.visit_key_contact_minimum", readonly=False
    )
    visit_verification_pass_score = fields.Integer(
        related="company_id.visit_verification_pass_score", readonly=False
    )
    visit_plan_reminder_days = fields.Integer(
        related="company_id.visit_plan_reminder_days", readonly=False
    )
    visit_report_escalation_hours = fields.Integer(
        related="company_id.visit_report_escalation_hours", readonly=False
    )
    visit_assessment_day = fields.Integer(
        related="company_id.visit_assessment_day", readonly=False
    )
    visit_assessment_coverage_baseline = fields.Float(
        related="company_id.visit_assessment_coverage_baseline", readonly=False
    )
    visit_assessment_weight_coverage = fields.Integer(
        related="company_id.visit_assessment_weight_coverage", readonly=False
    )
    visit_assessment_weight_plan = fields.Integer(
        related="company_id.visit_assessment_weight_plan", readonly=False
    )
    visit_assessment_weight_timeliness = fields.Integer(
        related="company_id.visit_assessment_weight_timeliness", readonly=False
    )
    visit_assessment_weight_validity = fields.Integer(
        related="company_id.visit_assessment_weight_validity", readonly=False
    )
    visit_assessment_weight_in_place = fields.Integer(
        related="company_id.visit_assessment_weight_in_place", readonly=False
    )
    visit_assessment_weight_key_contact = fields.Integer(
        related="company_id.visit_assessment_weight_key_contact", readonly=False
    )
    visit_assessment_weight_callback = fields.Integer(
        related="company_id.visit_assessment_weight_callback", readonly=False
    )
    visit_summary_deadline_day = fields.Integer(
        related="company_id.visit_summary_deadline_day", readonly=False
    )
    visit_after_sale_tier = fields.Selection(
        related="company_id.visit_after_sale_tier", readonly=False
    )
    visit_reception_prep_days = fields.Integer(
        related="company_id.visit_reception_prep_days", readonly=False
    )
    visit_reception_feedback_days = fields.Integer(
        related="company_id.visit_reception_feedback_days", readonly=False
    )
    visit_reception_max_days = fields.Integer(
        related="company_id.visit_reception_max_days", readonly=False
    )
    visit_date_past_days = fields.Integer(
        related="company_id.visit_date_past_days", readonly=False
    )
    visit_date_future_days = fields.Integer(
        related="company_id.visit_date_future_days", readonly=False
    )
    visit_new_customer_years = fields.Integer(
        related="company_id.visit_new_customer_years", readonly=False
    )
    visit_new_customer_apply_days = fields.Integer(
        related="company_id.visit_new_customer_apply_days", readonly=False
    )
    visit_signature_tier_a = fields.Boolean(
        related="company_id.visit_signature_tier_a", readonly=False
    )
    visit_signature_tier_b = fields.Boolean(
        related="company_id.visit_signature_tier_b", readonly=False
    )
    visit_signature_tier_c = fields.Boolean(
        related="company_id.visit_signature_tier_c", readonly=False
    )
    visit_signature_tier_d = fields.Boolean(
        related="company_id.visit_signature_tier_d", readonly=False
    )
    visit_map_provider = fields.Selection(
        related="company_id.visit_map_provider", readonly=False
    )
    visit_map_tiles = fields.Selection(
        related="company_id.visit_map_tiles", readonly=False
    )
    visit_tianditu_key = fields.Char(
        string="Tianditu Key",
        config_parameter="visit_management.tianditu_key",
        help="The browser key of a Tianditu account (天地图), for its map tiles.",
    )
    visit_amap_key = fields.Char(
        string="Amap Key",
        config_parameter="visit_management.amap_key",
        help="The key of an Amap web service (高德开放平台 Web 服务), to locate "
        "customers from their address when Amap is the geolocation API.",
    )
