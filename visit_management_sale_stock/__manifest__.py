# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits: Delivery",
    "summary": "The after-sale callbacks of key customers start when their goods "
    "are delivered",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["visit_management_sale", "sale_stock"],
    "data": [],
    "installable": True,
    "application": False,
    "auto_install": True,
}
