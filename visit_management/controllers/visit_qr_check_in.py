# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

# HTTP status of each outcome of a scan; an unknown token is a 404.
OUTCOME_STATUS = {
    "checked_in": 200,
    "recent": 200,
    "already": 200,
    "reported": 409,
    "no_visit": 409,
    "revoked": 403,
    "foreign": 403,
}


class VisitQrCheckIn(http.Controller):
    """The page the QR label of a customer site opens on the rep's phone: it
    checks the logged-in rep into today's visit of that customer (扫码签到)."""

    @http.route(
        "/visit/qr/<string:token>",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def visit_qr_check_in(self, token):
        # reps cannot read labels: the token is the proof of presence
        label = (
            request.env["visit.qr.token"]
            .sudo()
            .with_context(active_test=False)
            .search([("token", "=", token)], limit=1)
        )
        if not label:
            return request.render(
                "visit_management.visit_qr_check_in_page",
                {"outcome": "unknown", "label": label, "report": False},
                status=404,
            )
        outcome, report = label._scan(request.env.user)
        return request.render(
            "visit_management.visit_qr_check_in_page",
            {"outcome": outcome, "label": label, "report": report},
            status=OUTCOME_STATUS[outcome],
        )
