# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits",
    "summary": "Customer tiers, monthly visit plans with approval, visit reports "
    "with check-in and review, reception bookings and assessment",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm", "calendar", "contacts", "mail"],
    "data": [
        "security/visit_management_groups.xml",
        "security/ir.model.access.csv",
        "security/visit_management_security.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/visit_frequency_rule_data.xml",
        "data/ir_cron_data.xml",
        "wizard/visit_reason_wizard_views.xml",
        "views/visit_plan_views.xml",
        "views/visit_plan_line_views.xml",
        "views/visit_report_views.xml",
        "views/visit_frequency_rule_views.xml",
        "views/visit_new_customer_application_views.xml",
        "views/visit_today_views.xml",
        "views/visit_assessment_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "report/visit_report_analysis_views.xml",
        "views/visit_management_menus.xml",
        "report/visit_assessment_report.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/visit_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "visit_management/static/src/**/*",
        ],
        "web.assets_tests": [
            "visit_management/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
