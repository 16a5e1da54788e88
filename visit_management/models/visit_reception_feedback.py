# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, format_list

from ..tools import (
    client_action,
    post_to_followers,
)
from .visit_reception import LOCAL_HOSTS


class VisitReception(models.Model):
    """After the visit: the host's feedback, the link sent to the visitors
    (e-mail or text message) and their one answer on the public page."""

    _inherit = "visit.reception"

    # ------------------------------------------------------------------
    # Feedback
    # ------------------------------------------------------------------
    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for reception in self:
            reception.satisfaction_score = int(reception.satisfaction or 0)

    @api.depends("company_id")
    def _compute_feedback_base_url(self):
        for reception in self:
            base_url = reception.get_base_url()
            reception.feedback_base_url = base_url
            host = urlsplit(base_url).hostname or ""
            reception.feedback_base_url_local = host in LOCAL_HOSTS or host.endswith(
                ".localhost"
            )

    @api.depends("feedback_token")
    def _compute_feedback_url(self):
        for reception in self:
            token = reception.sudo().feedback_token
            reception.feedback_url = (
                f"{reception.get_base_url()}/visit/reception/{reception.id}"
                f"/feedback/{token}"
                if token
                else False
            )

    def _check_host_feedback(self):
        for reception in self:
            if reception.feedback_by == "visitor":
                raise UserError(
                    self.env._(
                        "The visitor already rated %(reception)s: their answer is "
                        "kept as given.",
                        reception=reception.display_name,
                    )
                )

    @client_action(single=True)
    def action_send_feedback_link(self):
        """Sends the visitors the link to the feedback page."""
        self._check_feedback_link()
        visitors = self.visitor_ids.partner_id.filtered("email")
        if not visitors:
            raise UserError(
                self.env._("None of the visitors has an e-mail address on file.")
            )
        # an e-mail to the visitors only: the link stays out of the chatter
        url = self.sudo().feedback_url
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.env._(
                    "How was your visit to %(company)s?", company=self.company_id.name
                ),
                "body_html": Markup('<p>%s</p><p><a href="%s">%s</a></p>')
                % (
                    self.env._(
                        "Thank you for visiting us. Tell us how the visit went:"
                    ),
                    url,
                    url,
                ),
                "recipient_ids": [Command.set(visitors.ids)],
                "email_from": self.company_id.email_formatted
                or self.env.user.email_formatted,
                "model": self._name,
                "res_id": self.id,
            }
        )
        self._message_log(
            body=self.env._(
                "Feedback link sent by e-mail to %(visitors)s.",
                visitors=format_list(self.env, visitors.mapped("name")),
            )
        )
        return True

    @client_action(single=True)
    def action_send_feedback_sms(self):
        """Opens the user's messaging app with the visitors' numbers and the
        feedback link in a text message: nothing leaves before the user sends
        it from there (no SMS gateway, no credits)."""
        self._check_feedback_link()
        visitors = self.visitor_ids.filtered(
            lambda visitor: re.sub(r"[^\d+]", "", visitor.phone or "")
        )
        if not visitors:
            raise UserError(
                self.env._("None of the visitors has a phone number on file.")
            )
        numbers = ",".join(
            re.sub(r"[^\d+]", "", phone) for phone in visitors.mapped("phone")
        )
        text = self.env._(
            "Thank you for visiting %(company)s. Tell us how the visit went: %(url)s",
            company=self.company_id.name,
            url=self.sudo().feedback_url,
        )
        self._message_log(
            body=self.env._(
                "Feedback link opened in a text message to %(visitors)s.",
                visitors=format_list(self.env, visitors.mapped("name")),
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "visit_management.open_sms",
            "params": {"url": f"sms:{numbers}?body={quote(text, safe='')}"},
        }

    def _check_feedback_link(self):
        """The visit is over and not rated: its link may go to the visitors."""
        self._check_step(("done",), self.env._("rated"))
        if self.feedback_by:
            raise UserError(self.env._("This visit is already rated."))

    def _feedback_refusal(self, token):
        """Why a visitor may not answer with this token, or False: "invalid"
        (no such booking or another token), "not_done", "answered" or
        "expired" (the company's number of days after the visit)."""
        if len(self) != 1 or not self.sudo().feedback_token or not token:
            return "invalid"
        if not consteq(self.sudo().feedback_token, token):
            return "invalid"
        if self.state != "done":
            return "not_done"
        if self.feedback_date:
            return "answered"
        days = self.company_id.visit_reception_feedback_days
        if self.done_datetime + timedelta(days=days) < fields.Datetime.now():
            return "expired"
        return False

    def _record_visitor_feedback(self, token, satisfaction, comment):
        """Saves the visitor's one answer; the row is locked first, so that of
        two answers sent at once the second is told the visit is rated."""
        self.ensure_one()
        self._lock_for_step()
        refusal = self._feedback_refusal(token)
        if refusal:
            return refusal
        self.sudo().write(
            {
                "satisfaction": str(satisfaction),
                "feedback_comment": comment,
                "feedback_by": "visitor",
                "feedback_date": fields.Datetime.now(),
            }
        )
        post_to_followers(
            self.sudo(),
            self.env._(
                "The visitors rated the visit %(score)s/5: %(comment)s",
                score=satisfaction,
                comment=comment or "-",
            ),
            "visit_management.mt_visit_reception_feedback",
            self.user_id.partner_id,
            author_id=self.partner_id.id,
        )
        return False
