# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import hmac
import json
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time

from ..models import visit_robot_message
from .common import TESTS_NOW, VisitCommon
from .loopback import serve_on_loopback

URGENT = "visit_management.mt_visit_report_urgent"


class RobotServer(BaseHTTPRequestHandler):
    """Stands in for WeCom, DingTalk and Feishu: keeps what each robot path
    receives and answers as the service does (`replies` sets a path's answer)."""

    received = []
    replies = {}

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        parts = urlsplit(self.path)
        self.received.append(
            {
                "path": parts.path,
                "query": parse_qs(parts.query),
                "body": json.loads(self.rfile.read(length)),
            }
        )
        status, answer = self.replies.get(parts.path, (200, {"errcode": 0, "code": 0}))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def hmac_base64(key, message):
    return base64.b64encode(
        hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()
    ).decode()


class TestRobots(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = serve_on_loopback(cls, RobotServer)
        urgent = cls.env.ref(URGENT)
        Robot = cls.env["visit.robot"].with_user(cls.visit_admin)
        cls.wecom, cls.dingtalk, cls.feishu = Robot.create(
            [
                {
                    "name": "East team (WeCom)",
                    "service": "wecom",
                    "webhook_url": f"{cls.server}/wecom?key=k1",
                    "team_ids": cls.team.ids,
                    "subtype_ids": urgent.ids,
                },
                {
                    "name": "Managers (DingTalk)",
                    "service": "dingtalk",
                    "webhook_url": f"{cls.server}/dingtalk?access_token=t1",
                    "secret": "SECdingtalk",
                    "subtype_ids": urgent.ids,
                },
                {
                    "name": "West team (Feishu)",
                    "service": "feishu",
                    "webhook_url": f"{cls.server}/feishu",
                    "secret": "feishu-secret",
                    "team_ids": cls.team_b.ids,
                    "subtype_ids": urgent.ids,
                },
            ]
        )

    def setUp(self):
        super().setUp()
        RobotServer.received.clear()
        RobotServer.replies.clear()

    def _urgent_report(self):
        report = self._create_report(is_urgent=True, urgent_category="product_defect")
        report.action_submit()
        return report

    def _send(self):
        """Runs the robots' scheduled action; what the services received."""
        before = len(RobotServer.received)
        self._run_cron("visit_management.ir_cron_visit_robot_messages")
        return {request["path"]: request for request in RobotServer.received[before:]}

    def test_an_urgent_matter_reaches_the_groups_of_its_team(self):
        report = self._urgent_report()
        self.assertFalse(RobotServer.received, "queued: the rep's submit never waits")
        received = self._send()
        self.assertEqual(set(received), {"/wecom", "/dingtalk"})
        text = received["/wecom"]["body"]["text"]["content"]
        self.assertIn(report.name, text)
        self.assertIn(f"/odoo/visit.report/{report.id}", text)
        self.assertLessEqual(len(text), 1100)
        self.assertEqual(received["/wecom"]["query"], {"key": ["k1"]})
        # DingTalk: signed as documented (timestamp in ms, HMAC of it and the secret)
        query = received["/dingtalk"]["query"]
        timestamp = query["timestamp"][0]
        self.assertEqual(
            query["sign"][0],
            hmac_base64("SECdingtalk", f"{timestamp}\nSECdingtalk"),
        )
        self.assertEqual(received["/dingtalk"]["body"]["msgtype"], "text")
        sent = (self.wecom | self.dingtalk).message_ids
        self.assertEqual(sent.mapped("state"), ["sent", "sent"])
        self.assertFalse(self.feishu.message_ids)
        # sent once
        self.assertEqual(self._send(), {})

    def test_late_reports_reach_the_group_in_one_digest(self):
        self.wecom.with_user(self.visit_admin).subtype_ids = self.env.ref(
            "visit_management.mt_visit_report_late"
        )
        now = fields.Datetime.now()
        late = self.env["visit.report"]
        for user in (self.rep, self.rep2, self.rep):
            late |= self._create_report(
                user,
                start_datetime=now - timedelta(days=3, hours=1),
                end_datetime=now - timedelta(days=3),
            ).sudo()
        west = self._create_report(
            self.rep_b,
            start_datetime=now - timedelta(days=3, hours=1),
            end_datetime=now - timedelta(days=3),
        )
        self._run_cron("visit_management.ir_cron_visit_report_reminders")
        received = self._send()
        self.assertEqual(set(received), {"/wecom"}, "the east team's group only")
        text = received["/wecom"]["body"]["text"]["content"]
        self.assertTrue(text.startswith("【Reports Late】3\n"))
        for report in late:
            self.assertIn(report.name, text)
        self.assertNotIn(west.sudo().name, text)
        self.assertTrue(text.endswith("/odoo/visit.report"))
        self._run_cron("visit_management.ir_cron_visit_report_reminders")
        self.assertEqual(self._send(), {}, "told once")

    def test_feishu_signature(self):
        self.feishu.team_ids = self.team
        self._urgent_report()
        body = self._send()["/feishu"]["body"]
        self.assertEqual(body["msg_type"], "text")
        string_to_sign = f"{body['timestamp']}\nfeishu-secret"
        expected = base64.b64encode(
            hmac.new(string_to_sign.encode(), b"", hashlib.sha256).digest()
        ).decode()
        self.assertEqual(body["sign"], expected)

    def test_a_failing_robot_is_retried_then_given_up(self):
        RobotServer.replies["/wecom"] = (200, {"errcode": 93000, "errmsg": "bad key"})
        RobotServer.replies["/dingtalk"] = (500, {})
        self._urgent_report()
        self._send()
        message = self.wecom.message_ids
        self.assertEqual(message.state, "queued")
        self.assertEqual(message.attempts, 1)
        self.assertIn("93000", message.error)
        self.assertIn("500", self.dingtalk.message_ids.error)
        # not again before its time
        self.assertEqual(self._send(), {})
        for attempt in range(2, 5):
            with freeze_time(TESTS_NOW + timedelta(hours=attempt)):
                self._send()
            self.assertEqual(message.attempts, attempt)
            self.assertEqual(message.state, "queued")
        logger = "odoo.addons.visit_management.models.visit_robot_message"
        with (
            self.assertLogs(logger, "WARNING") as logs,
            freeze_time(TESTS_NOW + timedelta(days=1)),
        ):
            self._send()
        self.assertEqual(len(logs.output), 2)
        self.assertEqual(
            (message | self.dingtalk.message_ids).mapped("state"), ["failed"] * 2
        )
        with freeze_time(TESTS_NOW + timedelta(days=2)):
            self.assertEqual(self._send(), {}, "given up")

    def test_a_cut_run_is_taken_up(self):
        """The scheduler's time is up after one message: the next run sends the
        next one, and none is sent twice."""
        self._urgent_report()
        self._urgent_report()
        with self._cut_after_one_batch((visit_robot_message, "ROBOT_BATCH")):
            self._send()
            self.assertEqual(len(RobotServer.received), 1)
            for _run in range(3):
                self._send()
        self.assertEqual(len(RobotServer.received), 4)
        self.assertEqual(
            set((self.wecom | self.dingtalk).message_ids.mapped("state")), {"sent"}
        )

    def test_robots_are_the_administrators(self):
        with self.assertRaises(AccessError):
            self.env["visit.robot"].with_user(self.manager).search([])
        with self.assertRaises(AccessError):
            self.wecom.with_user(self.rep).read(["webhook_url"])
        with self.assertRaises(ValidationError):
            self.wecom.webhook_url = "javascript:alert(1)"
