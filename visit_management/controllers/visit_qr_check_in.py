# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import format_datetime

from ..tools import to_accuracy, to_latitude, to_longitude

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


def _position(env, latitude, longitude, accuracy):
    """The phone's position as the page sent it; (0, 0, 0) when it gave none
    (refused, no signal) or sent something that is no position."""
    try:
        return (
            to_latitude(env, float(latitude)),
            to_longitude(env, float(longitude)),
            to_accuracy(env, float(accuracy or 0)),
        )
    except (ValueError, UserError):
        return 0.0, 0.0, 0.0


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
    def visit_qr_locate(self, token):
        """The page asks the phone for its position, then checks in with it;
        opening the label's link alone records nothing."""
        return request.render("visit_management.visit_qr_locate_page", {"token": token})

    @http.route(
        "/visit/qr/<string:token>",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def visit_qr_check_in(self, token, latitude="", longitude="", accuracy="", **kw):
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
                    outcome, report = label._scan(
                        request.env.user,
                        *_position(request.env, latitude, longitude, accuracy),
                    )
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
            "checked_in": lambda: (
                env._(
                    "You are checked in at %(partner)s at %(time)s: the visit counts "
                    "as in place.",
                    partner=partner,
                    time=time,
                )
                if report.in_place
                else env._(
                    "You are checked in at %(partner)s at %(time)s, but your phone "
                    "was far from the customer or gave no position: say why in the "
                    "report, your manager judges the check-in.",
                    partner=partner,
                    time=time,
                )
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
