# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits: Repairs",
    "summary": "A repair request of a key customer is followed up within a week",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["visit_management", "repair"],
    "data": ["views/visit_customer_callback_views.xml"],
    "installable": True,
    "application": False,
    "auto_install": True,
}
