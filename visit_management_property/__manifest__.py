# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits: Property Management",
    "summary": "Residents, complaints, repairs and resident callbacks "
    "for property-management companies",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["visit_management", "base_import"],
    "data": [
        "security/ir.model.access.csv",
        "security/property_security.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/property_repair_category_data.xml",
        "data/property_festival_data.xml",
        "data/ir_cron_data.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
