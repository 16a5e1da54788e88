# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Group robots: a WeCom (企业微信), DingTalk (钉钉) or Feishu (飞书) chat group
that hears of the events chosen, as a short text with a link. What happens is
queued (visit.robot.message) and sent by a scheduled action: a robot that is
down never stops anyone's work."""

import base64
import hashlib
import hmac
import time
from urllib.parse import quote_plus, urlsplit

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

ROBOT_SERVICES = [
    ("wecom", "WeCom (企业微信)"),
    ("dingtalk", "DingTalk (钉钉)"),
    ("feishu", "Feishu (飞书)"),
]
# How long a message's text may be (the services cut longer ones).
ROBOT_TEXT_LIMIT = 1000


class VisitRobot(models.Model):
    _name = "visit.robot"
    _description = "Group Robot"
    _order = "name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    service = fields.Selection(selection=ROBOT_SERVICES, required=True)
    webhook_url = fields.Char(
        string="Webhook URL",
        required=True,
        help="The robot's address, as the chat group's robot settings give it.",
    )
    secret = fields.Char(
        string="Signing Secret",
        help="DingTalk's and Feishu's signature secret (加签), when the robot has one.",
    )
    team_ids = fields.Many2many(
        "crm.team",
        string="Teams",
        help="The teams whose events the group hears of; none: every team.",
    )
    subtype_ids = fields.Many2many(
        "mail.message.subtype",
        string="Events",
        required=True,
        domain=[("res_model", "!=", False), ("internal", "=", True)],
        help="What the group hears of: the events of the visits posted under these "
        "subtypes (an urgent matter, a report returned, a reception incident...).",
    )
    message_ids = fields.One2many("visit.robot.message", "robot_id", string="Messages")

    @api.constrains("webhook_url")
    def _check_webhook_url(self):
        for robot in self:
            parts = urlsplit(robot.webhook_url or "")
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(
                    self.env._(
                        "%(url)s is not a web address (https://...).",
                        url=robot.webhook_url,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        robots = super().create(vals_list)
        self.env.registry.clear_cache()
        return robots

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------
    # Which robots hear of a message
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _listened_subtype_ids(self):
        """The subtypes some robot listens to: any other message is not looked
        at further."""
        robots = self.sudo().search([("subtype_ids", "!=", False)])
        return frozenset(robots.subtype_ids.ids)

    @api.model
    def _queue_message(self, records, message):
        """Queues the message for the robots of each record's company that
        listen to its subtype and to the record's team."""
        robots = self.sudo().search([("subtype_ids", "in", message.subtype_id.ids)])
        Message = self.env["visit.robot.message"].sudo()
        values = []
        for record in records:
            company = (
                record["company_id"] if "company_id" in record._fields else None
            ) or self.env.company
            for robot in robots:
                if robot.company_id == company and robot._hears(record):
                    values.append(
                        {
                            "robot_id": robot.id,
                            "body": robot._text(record, message),
                        }
                    )
        if values:
            Message.create(values)
            self.env.ref("visit_management.ir_cron_visit_robot_messages")._trigger()

    def _hears(self, record):
        """Whether the robot's group hears of the record: it is of one of the
        robot's teams, or the robot has none."""
        self.ensure_one()
        team = record["team_id"] if "team_id" in record._fields else None
        return not self.team_ids or team in self.team_ids

    def _text(self, record, message):
        """Short, in the company's language: the event, the record, what was
        said and a link."""
        env = self.with_context(lang=self.company_id.partner_id.lang).env
        subtype = message.subtype_id.with_env(env)
        said = tools.html2plaintext(message.body or "").strip()
        link = f"{record.get_base_url()}/odoo/{record._name}/{record.id}"
        text = f"【{subtype.name}】{record.with_env(env).display_name}\n{said}".strip()
        return f"{text[:ROBOT_TEXT_LIMIT]}\n{link}"

    # ------------------------------------------------------------------
    # What each service takes
    # ------------------------------------------------------------------
    def _request(self, text):
        """The URL and JSON body of a text message, signed as the service
        documents it."""
        self.ensure_one()
        if self.service == "dingtalk":
            url = self.webhook_url
            if self.secret:
                timestamp = str(int(time.time() * 1000))
                signature = self._signature(timestamp, key=self.secret)
                joint = "&" if "?" in url else "?"
                url += f"{joint}timestamp={timestamp}&sign={quote_plus(signature)}"
            return url, {"msgtype": "text", "text": {"content": text}}
        if self.service == "feishu":
            body = {"msg_type": "text", "content": {"text": text}}
            if self.secret:
                timestamp = str(int(time.time()))
                body.update(timestamp=timestamp, sign=self._signature(timestamp))
            return self.webhook_url, body
        return self.webhook_url, {"msgtype": "text", "text": {"content": text}}

    def _signature(self, timestamp, key=None):
        """HMAC-SHA256 of "timestamp\\nsecret", in base64: keyed by the secret
        for DingTalk; Feishu keys it by that string itself, over nothing."""
        string_to_sign = f"{timestamp}\n{self.secret}".encode()
        digest = hmac.new(
            key.encode() if key else string_to_sign,
            string_to_sign if key else b"",
            hashlib.sha256,
        ).digest()
        return base64.b64encode(digest).decode()

    @staticmethod
    def _accepted(reply):
        """Whether the service took the message: WeCom and DingTalk answer
        errcode 0, Feishu code 0."""
        return reply.get("errcode", reply.get("code")) == 0
