# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Visits: Charts",
    "summary": "A Visits dashboard in Odoo's Dashboards app: coverage, in place, "
    "timeliness and callbacks by team, overdue customers, receptions",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/visit-management/odoo-visit-management",
    "author": "Visit Management Authors",
    "maintainers": ["visit-management"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["visit_management", "spreadsheet_dashboard"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": [
            "visit_management_dashboard/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
    "auto_install": True,
}
