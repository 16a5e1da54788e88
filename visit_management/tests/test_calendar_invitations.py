# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.addons.mail.tests.common import MockEmail

from .reception_common import ReceptionCommon


class TestCalendarInvitations(MockEmail, ReceptionCommon):
    """The meetings of approved plans and confirmed receptions are in the
    calendars of the people of the company; the customer's contacts are not
    attendees and nobody is emailed an invitation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "office@huadong.example.com"
        cls.contact.write(
            {"email": "wang.wei@huadong.example.com", "phone": "021 5555"}
        )
        cls.contact2.email = "li.na@huadong.example.com"
        for user in cls.rep | cls.rep2 | cls.manager | cls.receptionist:
            user.email = f"{user.login}@company.example.com"
        cls.rep.notification_type = "email"
        cls.outsiders = cls.customer | cls.contact | cls.contact2

    def _sent_to(self, partners):
        """What was emailed to the partners while the mail gateway was mocked:
        the mail.mail records, and the emails once they are sent."""
        self._new_mails.filtered(lambda mail: mail.state == "outgoing").send()
        addresses = set(partners.mapped("email"))
        mails = self._new_mails.filtered(
            lambda mail: (
                mail.recipient_ids & partners
                or any(address in (mail.email_to or "") for address in addresses)
            )
        )
        emails = [
            email
            for email in self._mails
            if any(address in to for to in email["email_to"] for address in addresses)
        ]
        return mails, emails

    def _told_since(self, partners, after):
        """The messages since `after` that notified the partners (inbox or
        e-mail)."""
        return self.env["mail.message"].search(
            [
                ("id", ">", after.id),
                ("notification_ids.res_partner_id", "in", partners.ids),
            ]
        )

    def _last_message(self):
        return self.env["mail.message"].search([], order="id desc", limit=1)

    def test_approving_a_plan_emails_no_customer_and_does_not_invite_the_rep(self):
        plan = self._create_plan(lines=3)
        plan.action_submit()
        before = self._last_message()
        with self.mock_mail_gateway():
            plan.with_user(self.manager).action_approve()
            self.assertEqual(self._sent_to(self.outsiders), (self.env["mail.mail"], []))
            rep_mails, rep_emails = self._sent_to(self.rep.partner_id)
        events = plan.line_ids.calendar_event_id
        self.assertEqual(len(events), 3)
        self.assertEqual(events.partner_ids, self.rep.partner_id)
        self.assertIn("Wang Wei · 021 5555", str(events[0].description))
        self.assertFalse(self._told_since(self.outsiders, before))
        # the rep hears of the approval, once, not of each meeting
        told = self._told_since(self.rep.partner_id, before)
        self.assertEqual(told.mapped("model"), ["visit.plan"])
        self.assertEqual(rep_mails.mail_message_id, told)
        self.assertEqual(len(rep_emails), 1)
        self.assertNotIn("Invitation", rep_emails[0]["subject"])

    def test_moving_a_planned_visit_emails_nobody(self):
        plan = self._create_plan(lines=2)
        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        line = plan.line_ids[0].with_user(self.manager)
        before = self._last_message()
        with self.mock_mail_gateway():
            line.write(
                {
                    "planned_datetime": line.planned_datetime + timedelta(days=1),
                    "contact_id": self.contact2.id,
                }
            )
            self.assertEqual(self._sent_to(self.outsiders), (self.env["mail.mail"], []))
            self.assertFalse(self._sent_to(self.rep.partner_id)[1])
        self.assertEqual(line.calendar_event_id.start, line.planned_datetime)
        self.assertIn("Li Na", str(line.calendar_event_id.description))
        self.assertFalse(self._told_since(self.outsiders | self.rep.partner_id, before))

    def test_confirming_and_moving_a_reception_invites_nobody(self):
        reception = self._create_reception(
            user=self.receptionist, companion_ids=[(6, 0, self.rep2.ids)]
        )
        self.rep2.notification_type = "email"
        hosts = (self.rep | self.rep2).partner_id
        before = self._last_message()
        with self.mock_mail_gateway():
            reception.with_user(self.receptionist).action_confirm()
            reception.with_user(self.receptionist)._reschedule(
                self.start + timedelta(days=2), self.stop + timedelta(days=2), "Fog"
            )
            self.assertEqual(self._sent_to(self.outsiders), (self.env["mail.mail"], []))
            hosts_emails = self._sent_to(hosts)[1]
        event = reception.calendar_event_id
        self.assertEqual(event.partner_ids, hosts)
        self.assertEqual(event.start, self.start + timedelta(days=2))
        self.assertFalse(self._told_since(self.outsiders, before))
        # the hosts hear of it on the booking, never by a calendar invitation
        self.assertEqual(
            set(self._told_since(hosts, before).mapped("model")), {"visit.reception"}
        )
        self.assertTrue(hosts_emails)
        self.assertFalse(
            [email for email in hosts_emails if "Invitation" in email["subject"]]
        )
