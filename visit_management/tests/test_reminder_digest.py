# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import os
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from unittest.mock import patch

from odoo.tests import freeze_time

from odoo.addons.mail.tools.jwt import generate_vapid_keys
from odoo.addons.visit_management.models import mail_activity

from .common import VisitCommon
from .loopback import serve_on_loopback

NOW = datetime(2026, 12, 14, 2, 0)
DIGEST_CRON = "ir_cron_visit_reminder_digest"
REMINDER_CRON = "ir_cron_visit_report_reminders"


class PushService(BaseHTTPRequestHandler):
    """A web push service on loopback: it keeps what the devices receive."""

    received = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.received.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args):
        pass


@freeze_time(NOW)
class TestReminderDigest(VisitCommon):
    """The reminders of the scheduled actions reach their people: one message
    per person listing their new reminders, by e-mail or in Odoo with a push
    to their devices, in their language; nobody who turned it off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "visit_management")]
        )._update_translations(["zh_CN"], overwrite=True)
        cls.rep.write({"notification_type": "email", "email": "rep@example.com"})
        cls.rep2.write({"notification_type": "inbox", "lang": "zh_CN"})
        cls.rep_b.with_user(cls.rep_b).write({"visit_reminder_digest": False})
        push_url = serve_on_loopback(cls, PushService)
        # the keys Odoo makes the first time a browser subscribes
        cls.env["mail.push.device"].get_web_push_vapid_public_key()
        device_key, _public = generate_vapid_keys()
        cls.env["mail.push.device"].sudo().create(
            {
                "partner_id": cls.rep2.partner_id.id,
                "endpoint": f"{push_url}/push/rep2",
                "keys": json.dumps(
                    {
                        "p256dh": cls._public_key(device_key),
                        "auth": base64.urlsafe_b64encode(os.urandom(16)).decode(),
                    }
                ),
            }
        )

    @staticmethod
    def _public_key(private_key):
        """The browser's public key (p256dh) of a private key made by Odoo."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        padded = private_key + "=" * (-len(private_key) % 4)
        key = ec.derive_private_key(
            int.from_bytes(base64.urlsafe_b64decode(padded), "big"), ec.SECP256R1()
        )
        point = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return base64.urlsafe_b64encode(point).decode().strip("=")

    def setUp(self):
        super().setUp()
        PushService.received.clear()

    def _late_report(self, user, hours_late=6):
        """A draft report of `user` due `hours_late` ago (24 h after its end)."""
        end = NOW - timedelta(hours=24 + hours_late)
        return self._create_report(
            user, start_datetime=end - timedelta(hours=1), end_datetime=end
        )

    def _digests_to(self, user):
        """The digest messages that notified the user, newest first."""
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("notification_ids.res_partner_id", "=", user.partner_id.id),
                    ("author_id", "=", self.env.ref("base.partner_root").id),
                    ("model", "=", False),
                ]
            )
        )

    def _remind_and_digest(self):
        self._run_cron(REMINDER_CRON)
        self._run_cron(DIGEST_CRON)

    def test_one_email_lists_the_reps_new_reminders(self):
        reports = self._late_report(self.rep) | self._late_report(self.rep, 20)
        self._remind_and_digest()
        digest = self._digests_to(self.rep)
        self.assertEqual(len(digest), 1, "one message for two reminders")
        self.assertEqual(digest.notification_ids.notification_type, "email")
        self.assertEqual(digest.subject, "Visit reminders: 2 new")
        for report in reports:
            self.assertIn(f"/odoo/visit.report/{report.id}", digest.body)
            self.assertIn(report.name, digest.body)
        mail = digest.notification_ids.mail_mail_id
        self.assertEqual(mail.recipient_ids, self.rep.partner_id)
        self.assertIn(
            f"/odoo/visit.report/{reports[0].id}", mail._prepare_outgoing_body()
        )
        self.assertFalse(PushService.received, "the rep reads e-mail, no push")

        self._run_cron(DIGEST_CRON)
        self.assertEqual(self._digests_to(self.rep), digest, "never told twice")

    def test_the_manager_gets_one_message_for_their_list(self):
        # past the company's 48 hours: escalated to the manager
        late = (
            self._late_report(self.rep, 50) | self._late_report(self.rep2, 50)
        ).sudo()
        self._remind_and_digest()
        digest = self._digests_to(self.manager)
        self.assertEqual(len(digest), 1)
        self.assertIn("Visit reports late past the escalation delay", digest.body)
        for report in late:
            self.assertIn(report.name, digest.body)
        # a report late later joins the manager's list: told of the list again
        later = self._late_report(self.rep, 50)
        self._remind_and_digest()
        digests = self._digests_to(self.manager)
        self.assertEqual(len(digests), 2)
        self.assertIn(later.name, digests[0].body)

    def test_a_run_queues_the_digest_once(self):
        """The reps' reminders and the manager's list of one run queue the
        digest once, a minute later: the other scheduled actions due then have
        run, and their reminders are told in the same digest. A trigger due
        later does not wake the scheduler after the commit (Odoo opens a
        connection to do so)."""
        self._late_report(self.rep)
        self._late_report(self.rep2, 50)
        digest = self.env.ref("visit_management.ir_cron_visit_reminder_digest")
        Trigger = self.env["ir.cron.trigger"].sudo()
        Trigger.search([("cron_id", "=", digest.id)]).unlink()
        self._run_cron(REMINDER_CRON)
        self.assertEqual(
            len(self._activities("mail_activity_visit_report_reminder", self.rep)), 1
        )
        self.assertTrue(
            self._activities(
                "mail_activity_visit_report_reminder", self.manager, res_model=False
            )
        )
        queued = Trigger.search([("cron_id", "=", digest.id)])
        self.assertEqual(queued.call_at, NOW + mail_activity.DIGEST_DELAY)
        self.assertGreater(mail_activity.DIGEST_DELAY, timedelta(0))

    def test_the_managers_list_grows_and_is_told_again(self):
        first = self._late_report(self.rep, 50).sudo()
        self._remind_and_digest()
        later = self._late_report(self.rep2, 50).sudo()
        later.name = "Late <b>& Co</b>"
        self._run_cron(REMINDER_CRON)
        (listed,) = self._activities(
            "mail_activity_visit_report_reminder", self.manager, res_model=False
        )
        self.assertIn(f"/odoo/visit.report/{first.id}", listed.note)
        self.assertIn(f"/odoo/visit.report/{later.id}", listed.note)
        self.assertIn("Late &lt;b&gt;&amp; Co&lt;/b&gt;", listed.note)
        self.assertTrue(listed.visit_digest_pending, "told in the next digest")

    def test_in_odoo_in_chinese_with_a_push_to_the_phone(self):
        report = self._late_report(self.rep2)
        self._remind_and_digest()
        digest = self._digests_to(self.rep2)
        self.assertEqual(digest.notification_ids.notification_type, "inbox")
        self.assertEqual(digest.subject, "拜访提醒：新增 1 条")
        self.assertIn("您的新拜访提醒", digest.body)
        self.assertIn(f"/odoo/visit.report/{report.id}", digest.body)
        ((path, headers, payload),) = PushService.received
        self.assertEqual(path, "/push/rep2")
        self.assertEqual(headers["Content-Encoding"], "aes128gcm")
        self.assertTrue(headers["Authorization"].startswith("vapid t="))
        self.assertTrue(payload, "the encrypted notification")

    def test_a_long_day_is_listed_up_to_a_point_then_counted(self):
        # DIGEST_LISTED is 50: the day of a festival brings hundreds
        reports = [self._late_report(self.rep2, hours) for hours in (3, 2, 1)]
        with patch.object(mail_activity, "DIGEST_LISTED", 2):
            self._remind_and_digest()
        digest = self._digests_to(self.rep2)
        self.assertEqual(digest.subject, "拜访提醒：新增 3 条")
        listed = [report for report in reports if report.name in digest.body]
        self.assertEqual(len(listed), 2)
        self.assertIn("……另有 1 条，见您的活动", digest.body)

    def test_nobody_who_turned_it_off(self):
        report = self._late_report(self.rep_b)
        self._remind_and_digest()
        reminder = self._activities("mail_activity_visit_report_reminder", self.rep_b)
        self.assertEqual(reminder.res_id, report.id, "the reminder is there")
        self.assertFalse(reminder.visit_digest_pending)
        self.assertFalse(self._digests_to(self.rep_b))
        self.assertFalse(self.rep_b.with_user(self.rep_b).visit_reminder_digest)

    def test_only_the_new_reminders_in_the_next_digest(self):
        first = self._late_report(self.rep)
        self._remind_and_digest()
        second = self._late_report(self.rep)
        self._remind_and_digest()
        latest = self._digests_to(self.rep)[0]
        self.assertIn(second.name, latest.body)
        self.assertNotIn(first.name, latest.body)

    def test_a_reminder_is_the_activity_odoo_makes(self):
        """The reminders are written in one statement, not through Odoo's
        `create`: each is what Odoo's `activity_schedule` makes, its person
        follows the report as Odoo subscribes them, and the activity counter of
        their open Odoo is told."""
        Report = self.env["visit.report"]
        ours = Report.browse(self._late_report(self.rep2).id)
        tomorrow = NOW + timedelta(days=1)
        odoos = Report.browse(
            self._create_report(
                self.rep2,
                start_datetime=tomorrow,
                end_datetime=tomorrow + timedelta(hours=1),
            ).id
        )
        (ours | odoos).message_unsubscribe(self.rep2.partner_id.ids)
        self.env.cr.precommit.run()
        self.env["bus.bus"].search([]).unlink()
        self._run_cron(REMINDER_CRON)
        self.env.cr.precommit.run()
        reminder = self._activities("mail_activity_visit_report_reminder", self.rep2)
        self.assertEqual(reminder.res_id, ours.id)
        self.assertEqual(reminder.res_name, ours.display_name)
        self.assertTrue(reminder.summary.startswith(f"拜访报告 {ours.name} 应于"))
        odoos.activity_schedule(
            "visit_management.mail_activity_visit_report_reminder",
            date_deadline=reminder.date_deadline,
            user_id=self.rep2.id,
        )
        made_by_odoo = odoos.activity_ids
        self.assertEqual(made_by_odoo.res_name, odoos.display_name)
        compared = [
            "res_model_id",
            "res_model",
            "activity_type_id",
            "user_id",
            "user_tz",
            "date_deadline",
            "date_done",
            "automated",
            "active",
            "create_uid",
        ]
        self.assertEqual(
            reminder.read(compared)[0] | {"id": 0},
            made_by_odoo.read(compared)[0] | {"id": 0},
        )
        self.assertTrue(reminder.visit_digest_pending)

        def subtypes_of_rep2(report):
            follower = report.message_follower_ids.filtered(
                lambda follower: follower.partner_id == self.rep2.partner_id
            )
            self.assertTrue(follower)
            return follower.subtype_ids

        self.assertEqual(subtypes_of_rep2(ours), subtypes_of_rep2(odoos))
        told = [
            json.loads(bus.message)["payload"]
            for bus in self.env["bus.bus"].search([])
            if json.loads(bus.channel)[1:] == ["res.partner", self.rep2.partner_id.id]
            and json.loads(bus.message)["type"] == "mail.activity/updated"
        ]
        self.assertEqual(told[0], {"activity_created": True, "count_diff": 1})

    def test_queries_do_not_grow_with_the_reminders(self):
        def digest_queries(count):
            for _i in range(count):
                self._late_report(self.rep)
                self._late_report(self.rep_b)
            self._run_cron(REMINDER_CRON)
            return self._cron_queries(DIGEST_CRON)

        digest_queries(1)  # warms the caches (templates, translations)
        self.assertEqual(digest_queries(2), digest_queries(8))
