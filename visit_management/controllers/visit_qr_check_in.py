# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import format_datetime

# HTTP status of each outcome of a scan (see visit.qr.token._scan).
OUTCOME_STATUS = {
    "checked_in": 200,
    "recent": 200,
    "already": 200,
    "reported": 409,
    "no_visit": 409,
    "revoked": 403,
    "foreign": 403,
    "not_rep": 403,
    "refused": 409,
    "unknown": 404,
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
        # reps cannot read labels: holding the token is the proof of presence
        label = (
            request.env["visit.qr.token"]
            .sudo()
            .with_context(active_test=False)
            .search([("token", "=", token)], limit=1)
        )
        outcome, report, message = "unknown", False, ""
        if label:
            try:
                with request.env.cr.savepoint():
                    outcome, report = label._scan(request.env.user)
            except UserError as error:
                # a check-in the report refuses: said as it is, nothing kept
                outcome, message = "refused", error.args[0]
        return request.render(
            "visit_management.visit_qr_check_in_page",
            {
                "outcome": outcome,
                "message": message or self._message(outcome, label, report),
                "report": report,
            },
            status=OUTCOME_STATUS[outcome],
        )

    def _message(self, outcome, label, report):
        env = request.env
        partner = label.partner_id.name
        time = report and format_datetime(
            env, report.checkin_time, tz=env.user.tz, dt_format="HH:mm"
        )
        messages = {
            "checked_in": lambda: env._(
                "You are checked in at %(partner)s at %(time)s. A QR code check-in "
                "counts as in place.",
                partner=partner,
                time=time,
            ),
            "recent": lambda: env._(
                "You checked in at %(partner)s at %(time)s, a few minutes ago: "
                "nothing more was recorded.",
                partner=partner,
                time=time,
            ),
            "already": lambda: env._(
                "Your visits of today at %(partner)s are all checked in by QR code "
                "already: nothing more was recorded.",
                partner=partner,
            ),
            "reported": lambda: env._(
                "Your visits of today at %(partner)s are reported already: they can "
                "no longer be checked in.",
                partner=partner,
            ),
            "no_visit": lambda: env._(
                "You have no visit of today at %(partner)s: no approved planned "
                "visit and no visit report started. Start the report of your visit "
                "first, then scan the label again.",
                partner=partner,
            ),
            "revoked": lambda: env._(
                "This QR label no longer checks in: ask your manager for the "
                "customer's new label."
            ),
            "foreign": lambda: env._(
                "This QR label belongs to a company you do not work for: nothing "
                "was recorded."
            ),
            "not_rep": lambda: env._(
                "Only sales reps check in at customers: you have no visits."
            ),
            "unknown": lambda: env._(
                "This code is not a check-in label of ours: check that you scanned "
                "the whole label."
            ),
        }
        return messages[outcome]()
