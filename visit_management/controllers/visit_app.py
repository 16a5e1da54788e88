# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request
from odoo.tools import file_open


class VisitAppController(http.Controller):
    @http.route(
        "/visit_management/app/service-worker.js",
        type="http",
        auth="public",
        methods=["GET"],
        readonly=True,
    )
    def visit_app_service_worker(self):
        """The Visits app's service worker, allowed to serve the app's pages."""
        with file_open(
            "visit_management/static/service_worker/visit_app_service_worker.js"
        ) as worker:
            body = worker.read()
        return request.make_response(
            body,
            [
                ("Content-Type", "text/javascript"),
                ("Service-Worker-Allowed", "/"),
            ],
        )
