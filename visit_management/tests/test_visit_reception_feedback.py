# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import HttpCase, tagged

from .reception_common import ReceptionCommon


class ReceptionDoneCase(ReceptionCommon):
    def _done(self, **values):
        reception = self._create_reception(**values)
        reception.action_confirm()
        reception.action_check_in()
        reception.action_done()
        return reception


class TestReceptionAfterTheVisit(ReceptionDoneCase):
    def _next_step_activities(self, reception):
        activity_type = self.env.ref(
            "visit_management.mail_activity_visit_reception_next_step"
        )
        return reception.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def test_next_steps_become_activities_once_closed(self):
        reception = self._create_reception(
            next_step_ids=[
                (0, 0, {"name": "Send the quotation", "deadline": date(2026, 12, 15)}),
                (
                    0,
                    0,
                    {
                        "name": "Technical answer on voltage",
                        "deadline": date(2026, 12, 20),
                        "user_id": self.rep2.id,
                    },
                ),
            ]
        )
        reception.action_confirm()
        reception.action_check_in()
        self.assertFalse(self._next_step_activities(reception))
        reception.action_done()
        activities = self._next_step_activities(reception)
        self.assertEqual(
            {(a.summary, a.user_id, a.date_deadline) for a in activities},
            {
                ("Send the quotation", self.rep, date(2026, 12, 15)),
                ("Technical answer on voltage", self.rep2, date(2026, 12, 20)),
            },
        )
        self.assertEqual(reception.next_step_ids.activity_id, activities)
        # a step added afterwards is followed up at once, and none twice
        reception.write(
            {
                "next_step_ids": [
                    (0, 0, {"name": "Sample shipment", "deadline": date(2027, 1, 5)})
                ]
            }
        )
        reception.next_step_ids._schedule_follow_up()
        self.assertEqual(len(self._next_step_activities(reception)), 3)

    def test_outcome_and_agreement(self):
        reception = self._done()
        reception.write(
            {
                "outcome": "<p>Letter of intent for 200 units</p>",
                "agreement_signed": True,
                "agreement_file": "JVBERi0xLjQK",
                "agreement_filename": "intent.pdf",
            }
        )
        self.assertTrue(reception.agreement_signed)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "visit.reception"),
                ("res_id", "=", reception.id),
                ("res_field", "=", "agreement_file"),
            ]
        )
        self.assertEqual(len(attachment), 1)

    def test_token_is_unguessable_and_unique(self):
        first, second = self._done(), self._done(room_id=False)
        self.assertGreaterEqual(len(first.sudo().feedback_token), 40)
        self.assertNotEqual(first.sudo().feedback_token, second.sudo().feedback_token)
        self.assertIn(
            f"/visit/reception/{first.id}/feedback/{first.sudo().feedback_token}",
            first.sudo().feedback_url,
        )

    def test_host_records_the_feedback(self):
        reception = self._create_reception()
        with self.assertRaisesRegex(UserError, "you cannot change Satisfaction"):
            reception.satisfaction = "4"
        reception.action_confirm()
        reception.action_check_in()
        reception.action_done()
        reception.write({"satisfaction": "4", "feedback_comment": "Liked the demo"})
        self.assertEqual(reception.feedback_by, "host")
        self.assertTrue(reception.feedback_date)
        self.assertEqual(reception.satisfaction_score, 4)
        self.assertEqual(
            reception._feedback_refusal(reception.sudo().feedback_token), "answered"
        )

    def test_visitor_answer_is_kept_as_given(self):
        reception = self._done()
        self.assertFalse(
            reception._record_visitor_feedback(
                reception.sudo().feedback_token, 2, "Late"
            )
        )
        self.assertEqual(
            (reception.satisfaction, reception.feedback_by), ("2", "visitor")
        )
        with self.assertRaisesRegex(UserError, "already rated"):
            reception.satisfaction = "5"
        self.assertEqual(
            reception._record_visitor_feedback(
                reception.sudo().feedback_token, 5, "Again"
            ),
            "answered",
        )
        self.assertEqual(reception.satisfaction, "2")

    def test_send_the_link_to_the_visitors(self):
        """The link goes by e-mail to the visitors only: the chatter says it was
        sent, not what it is."""
        self.contact.email = "wang.wei@huadong.example.com"
        reception = self._done(
            visitor_ids=[
                (0, 0, {"partner_id": self.contact.id}),
                (0, 0, {"name": "No Mail"}),
            ]
        )
        reception.with_user(self.rep).action_send_feedback_link()
        mail = self.env["mail.mail"].search(
            [("model", "=", "visit.reception"), ("res_id", "=", reception.id)]
        )
        self.assertEqual(mail.recipient_ids, self.contact)
        self.assertIn(reception.sudo().feedback_url, mail.body_html)
        note = reception.message_ids[:1]
        self.assertIn("Wang Wei", note.body)
        for message in reception.message_ids:
            self.assertNotIn(reception.sudo().feedback_token, message.body or "")
        silent = self._done(visitor_ids=[(0, 0, {"name": "No Mail"})])
        with self.assertRaisesRegex(UserError, "e-mail"):
            silent.action_send_feedback_link()

    def test_nobody_of_the_company_reads_the_token(self):
        """The host, the front desk and the manager cannot read the visitor's
        key over RPC, so cannot rate the visit as the visitor."""
        reception = self._done()
        for user in (self.rep, self.receptionist, self.manager):
            for fname in ("feedback_token", "feedback_url"):
                with self.subTest(user=user.login, field=fname):
                    model = self.env["visit.reception"].with_user(user)
                    with self.assertRaises(AccessError):
                        call_kw(model, "read", [reception.ids, [fname]], {})
                    with self.assertRaises(AccessError):
                        call_kw(
                            model, "search_read", [[(fname, "!=", False)], ["id"]], {}
                        )

    def test_printed_sheet_carries_the_feedback_code(self):
        reception = self._done()

        def sheet():
            report = self.env.ref("visit_management.visit_reception_report_sheet")
            html, _type = (
                self.env["ir.actions.report"]
                .with_user(self.rep)
                ._render_qweb_html(report, reception.ids)
            )
            return html.decode()

        self.assertIn("o_visit_feedback_qr", sheet())
        self.assertIn("data:image/png;base64,", sheet())
        reception.sudo().write({"feedback_by": "visitor"})
        self.assertNotIn("o_visit_feedback_qr", sheet())


@tagged("post_install", "-at_install")
class TestReceptionFeedbackPage(HttpCase, ReceptionDoneCase):
    """The public page: no login, one answer, a token that must match."""

    def _url(self, reception, token=None):
        return (
            f"/visit/reception/{reception.id}/feedback/"
            f"{token or reception.sudo().feedback_token}"
        )

    def _post(self, reception, satisfaction, comment="", token=None):
        page = self.url_open(self._url(reception, token))
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "the form carries a CSRF token")
        return self.url_open(
            self._url(reception, token),
            data={
                "csrf_token": match.group(1),
                "satisfaction": satisfaction,
                "comment": comment,
            },
        )

    def test_visitor_rates_once(self):
        reception = self._done()
        page = self.url_open(self._url(reception))
        self.assertEqual(page.status_code, 200)
        self.assertIn("How was your visit?", page.text)
        self.assertIn(self.rep.name, page.text)
        # the choices are the field's (translatable) labels, without "Not Rated"
        self.assertIn("5 – Very Satisfied", page.text)
        self.assertNotIn("Not Rated", page.text)
        answer = self._post(reception, 4, "Very clear demo")
        self.assertEqual(answer.status_code, 200)
        self.assertIn("Thank you", answer.text)
        self.assertEqual(reception.satisfaction, "4")
        self.assertEqual(reception.feedback_comment, "Very clear demo")
        self.assertEqual(reception.feedback_by, "visitor")
        told = reception.message_ids.filtered(
            lambda message: "rated the visit 4/5" in (message.body or "")
        )
        self.assertEqual(self._notified(told), self.rep.partner_id, "the host is told")
        again = self.url_open(self._url(reception))
        self.assertEqual(again.status_code, 403)
        self.assertIn("already rated", again.text)
        self.assertNotIn("Very clear demo", again.text)

    def test_second_answer_in_a_race_is_refused(self):
        """Two forms opened before either was sent: only the first counts."""
        reception = self._done()
        page = self.url_open(self._url(reception))
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for satisfaction, status in ((5, 200), (1, 403)):
            response = self.url_open(
                self._url(reception),
                data={"csrf_token": csrf, "satisfaction": satisfaction},
            )
            self.assertEqual(response.status_code, status)
        self.assertEqual(reception.satisfaction, "5")

    def test_wrong_token_or_booking(self):
        reception = self._done()
        for url in (
            self._url(reception, token=reception.sudo().feedback_token[:-1] + "!"),
            self._url(reception, token="guess"),
            self._url(
                reception.browse(reception.id + 1000), reception.sudo().feedback_token
            ),
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertIn("This link is not valid", response.text)
        # another booking's token does not open this one
        other = self._done(room_id=False)
        response = self.url_open(
            self._url(reception, token=other.sudo().feedback_token)
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(reception.satisfaction, "0")

    def test_visit_not_over(self):
        reception = self._create_reception()
        reception.action_confirm()
        response = self.url_open(self._url(reception))
        self.assertEqual(response.status_code, 403)
        self.assertIn("not over yet", response.text)

    def test_expired_after_the_company_delay(self):
        reception = self._done()
        reception.sudo().done_datetime = fields.Datetime.now() - timedelta(days=31)
        response = self.url_open(self._url(reception))
        self.assertEqual(response.status_code, 403)
        self.assertIn("expired", response.text)
        self.company.visit_reception_feedback_days = 60
        self.assertEqual(self.url_open(self._url(reception)).status_code, 200)

    def test_score_is_required(self):
        reception = self._done()
        response = self._post(reception, 7, "Off the scale")
        self.assertEqual(response.status_code, 400)
        self.assertIn("from 1 to 5", response.text)
        self.assertIn("Off the scale", response.text)
        self.assertEqual(reception.satisfaction, "0")
        self.assertFalse(reception.feedback_by)

    def test_bad_input_is_refused_on_the_page(self):
        reception = self._done()
        for satisfaction, comment, message in (
            ("abc", "", "from 1 to 5"),
            ("nan", "", "from 1 to 5"),
            ("", "", "from 1 to 5"),
            (4, "x" * 2001, "please shorten them"),
        ):
            with self.subTest(satisfaction=satisfaction, length=len(comment)):
                response = self._post(reception, satisfaction, comment)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        self.assertEqual(reception.satisfaction, "0")
        self.assertIn('maxlength="2000"', response.text)
        html = "<script>alert(1)</script>"
        self.assertEqual(self._post(reception, 3, html).status_code, 200)
        self.assertEqual(reception.feedback_comment, html)
