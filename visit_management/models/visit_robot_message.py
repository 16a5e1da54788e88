# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models

from ..tools import run_in_batches, single_run

_logger = logging.getLogger(__name__)

# Messages one transaction sends: each is one request of at most ROBOT_TIMEOUT.
ROBOT_BATCH = 20
ROBOT_TIMEOUT = 10
# Tries before a message is given up; the wait after the n-th failure.
ROBOT_ATTEMPTS = 5
ROBOT_RETRY_DELAY = timedelta(minutes=5)


class VisitRobotMessage(models.Model):
    _name = "visit.robot.message"
    _description = "Group Robot Message"
    _order = "id desc"

    robot_id = fields.Many2one(
        "visit.robot", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="robot_id.company_id", store=True)
    body = fields.Text(readonly=True)
    state = fields.Selection(
        selection=[("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True
    )
    sent_date = fields.Datetime(string="Sent At", readonly=True)
    error = fields.Text(string="Last Error", readonly=True)

    @api.model
    @single_run
    def _cron_send(self):
        """Sends the queued messages due, oldest first; a failure is retried
        later, up to ROBOT_ATTEMPTS times, then logged and given up."""
        run_in_batches(
            self,
            [
                ("state", "=", "queued"),
                ("next_attempt", "<=", fields.Datetime.now()),
            ],
            lambda messages: messages._send(),
            ROBOT_BATCH,
        )

    def _send(self):
        for message in self:
            url, body = message.robot_id._request(message.body)
            try:
                reply = requests.post(url, json=body, timeout=ROBOT_TIMEOUT)
                reply.raise_for_status()
                answer = reply.json()
                if not message.robot_id._accepted(answer):
                    raise ValueError(answer)
            except (requests.RequestException, ValueError) as error:
                message._failed(str(error))
            else:
                message.write(
                    {
                        "state": "sent",
                        "sent_date": fields.Datetime.now(),
                        "error": False,
                    }
                )

    def _failed(self, error):
        self.ensure_one()
        attempts = self.attempts + 1
        given_up = attempts >= ROBOT_ATTEMPTS
        if given_up:
            _logger.warning(
                "Robot %s gave up a message after %s attempts: %s",
                self.robot_id.name,
                attempts,
                error,
            )
        self.write(
            {
                "attempts": attempts,
                "error": error,
                "state": "failed" if given_up else "queued",
                "next_attempt": fields.Datetime.now() + ROBOT_RETRY_DELAY * attempts,
            }
        )
