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
# The records a digest names one by one; the others are counted.
ROBOT_DIGEST_LINES = 10


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
        self._queue(
            [
                {"robot_id": robot.id, "body": robot._text(record, message)}
                for record in records
                for robot in robots
                if robot._hears_in_company(record)
            ]
        )

    @api.model
    def _queue_digest(self, subtype_xmlid, records):
        """Queues one message for each robot listening to the event (subtype)
        listing the records of its company and teams: ten late reports make
        one message, not ten."""
        subtype = self.env.ref(subtype_xmlid)
        if not records or subtype.id not in self._listened_subtype_ids():
            return
        robots = self.sudo().search([("subtype_ids", "in", subtype.ids)])
        values = []
        for robot in robots:
            heard = records.filtered(robot._hears_in_company)
            if heard:
                values.append(
                    {"robot_id": robot.id, "body": robot._digest_text(subtype, heard)}
                )
        self._queue(values)

    @api.model
    def _queue(self, values):
        """Creates the messages and has them sent soon."""
        if values:
            self.env["visit.robot.message"].sudo().create(values)
            self.env.ref("visit_management.ir_cron_visit_robot_messages")._trigger()

    def _hears_in_company(self, record):
        """Whether the robot hears of the record: of its company (the
        current one for a record without), and one it listens to."""
        company = (
            record["company_id"] if "company_id" in record._fields else None
        ) or self.env.company
        return self.company_id == company and self._hears(record)

    def _hears(self, record):
        """Whether the robot's group hears of the record: it is of one of the
        robot's teams, or the robot has none."""
        self.ensure_one()
        team = record["team_id"] if "team_id" in record._fields else None
        return not self.team_ids or team in self.team_ids

    def _text(self, record, message):
        """Short, in the company's language: the event, the record, what was
        said and a link."""
        env = self._company_env()
        subtype = message.subtype_id.with_env(env)
        said = tools.html2plaintext(message.body or "").strip()
        link = f"{record.get_base_url()}/odoo/{record._name}/{record.id}"
        text = f"【{subtype.name}】{record.with_env(env).display_name}\n{said}".strip()
        return f"{text[:ROBOT_TEXT_LIMIT]}\n{link}"

    def _digest_text(self, subtype, records):
        """The event and how many, the first records by name, and a link to
        their list."""
        env = self._company_env()
        lines = [
            f"【{subtype.with_env(env).name}】{len(records)}",
            *records[:ROBOT_DIGEST_LINES].with_env(env).mapped("display_name"),
        ]
        if len(records) > ROBOT_DIGEST_LINES:
            lines.append(f"… +{len(records) - ROBOT_DIGEST_LINES}")
        text = "\n".join(lines)
        link = f"{records[:1].get_base_url()}/odoo/{records._name}"
        return f"{text[:ROBOT_TEXT_LIMIT]}\n{link}"

    def _company_env(self):
        """The robot's messages speak the company's language."""
        return self.with_context(lang=self.company_id.partner_id.lang).env

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
