# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits: Sales",
    "summary": "Confirmed sale orders in the new-customer check (first order, "
    "business history, samples-only orders) and the after-sale callbacks of key "
    "customers",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["visit_management", "sale"],
    "data": [
        "views/sale_order_views.xml",
        "views/visit_new_customer_application_views.xml",
        "views/visit_customer_callback_views.xml",
    ],
    "installable": True,
    "application": False,
    "auto_install": True,
}
