# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_date, format_datetime, html2plaintext

from ..tools import client_action
from .visit_offline_operation import OFFLINE_TEXT_FIELDS


class VisitToday(models.Model):
    """The rep's day as the Visits app keeps it on the phone: everything it
    shows without a network, read in one call while there is one."""

    _inherit = "visit.today"

    @api.model
    @api.readonly
    @client_action()
    def visit_app_day(self):
        visits = self.search([("user_id", "=", self.env.uid)])
        report_fields = self.env["visit.report"]._fields
        photo_kinds = self.env["visit.report.photo"]._fields["kind"]
        return {
            "day": format_date(self.env, fields.Date.context_today(self)),
            "server_time": fields.Datetime.to_string(fields.Datetime.now()),
            "text_fields": [
                {
                    "name": name,
                    "label": report_fields[name].get_description(self.env)["string"],
                }
                for name in OFFLINE_TEXT_FIELDS
            ],
            "photo_kinds": photo_kinds._description_selection(self.env),
            "visits": [visit._visit_app_visit() for visit in visits],
        }

    def _visit_app_visit(self):
        self.ensure_one()
        report = self.report_id
        return {
            # the planned visit's key stays when its report is started
            "key": f"line-{self.plan_line_id.id}"
            if self.plan_line_id
            else f"report-{report.id}",
            "visit": {"report_id": report.id}
            if report
            else {"plan_line_id": self.plan_line_id.id},
            "time": self.visit_time or "",
            "customer": self.partner_id.display_name,
            "contact": self.contact_id.name or "",
            "phone": self.contact_phone or "",
            "place": self.place or "",
            "map_url": self.map_url or "",
            "mode": dict(
                self._fields["visit_mode"]._description_selection(self.env)
            ).get(self.visit_mode, ""),
            "is_phone": self.visit_mode == "phone",
            "report": self._visit_app_report(report) if report else None,
        }

    @api.model
    def _visit_app_report(self, report):
        """The report as the app shows it: its state, the server's verdict and
        the texts, commitments and photos so far."""
        states = dict(report._fields["state"]._description_selection(self.env))
        return {
            "id": report.id,
            "name": report.name,
            "state": report.state,
            "state_label": states[report.state],
            "checked_in": bool(report.checkin_method),
            "checked_out": bool(report.checkout_method),
            "checkin_time": self._visit_app_time(report.checkin_time),
            "checkout_time": self._visit_app_time(report.checkout_time),
            "in_place": report.in_place,
            "message": report.checkin_message or "",
            "return_reason": report.return_reason or "",
            "texts": {
                name: html2plaintext(report[name] or "") for name in OFFLINE_TEXT_FIELDS
            },
            "commitments": [
                {
                    "name": commitment.name,
                    "deadline": format_date(self.env, commitment.deadline),
                }
                for commitment in report.commitment_ids
            ],
            "photo_count": len(report.photo_ids),
        }

    @api.model
    def _visit_app_time(self, moment):
        return format_datetime(self.env, moment, dt_format="HH:mm") if moment else ""
