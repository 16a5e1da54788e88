# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pathlib
import subprocess
import tempfile
from urllib.parse import parse_qs, unquote, urlsplit

from odoo.exceptions import UserError
from odoo.service.model import call_kw
from odoo.tests import HttpCase, tagged

from .test_visit_reception_feedback import ReceptionDoneCase


class TestFeedbackLinkByText(ReceptionDoneCase):
    """The front desk hands the feedback link over in a text message from its
    own phone; the link starts with the configured address of the server."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "web.base.url", "https://erp.example.com"
        )

    def _text_message(self, reception, user):
        model = self.env["visit.reception"].with_user(user)
        action = call_kw(model, "action_send_feedback_sms", [reception.ids], {})
        self.assertEqual(action["tag"], "visit_management.open_sms")
        url = urlsplit(action["params"]["url"])
        self.assertEqual(url.scheme, "sms")
        return url.path, parse_qs(url.query)["body"]

    def test_front_desk_opens_the_text_message(self):
        self.contact.phone = "+86 138-0013 8000"
        reception = self._done(
            user=self.receptionist,
            visitor_ids=[
                (0, 0, {"partner_id": self.contact.id}),
                (0, 0, {"name": "Li Na", "phone": "(021) 5555 0102"}),
                (0, 0, {"name": "No Phone"}),
            ],
        )
        messages = reception.message_ids
        mails = self.env["mail.mail"].search([])
        numbers, body = self._text_message(reception, self.receptionist)
        self.assertEqual(numbers, "+8613800138000,02155550102")
        url = reception.sudo().feedback_url
        self.assertTrue(url.startswith("https://erp.example.com/visit/reception/"))
        self.assertEqual(len(body), 1)
        self.assertIn(url, body[0])
        self.assertIn(self.env.company.name, body[0])
        # nothing is sent: the chatter says who the message was prepared for,
        # without the link
        self.assertEqual(self.env["mail.mail"].search([]), mails)
        note = reception.message_ids - messages
        self.assertEqual(len(note), 1)
        self.assertIn("Wang Wei and Li Na", note.body)
        self.assertFalse(note.notification_ids, "a note for the record, not a message")
        self.assertNotIn(reception.sudo().feedback_token, note.body)

    def test_the_body_is_url_encoded(self):
        self.env.company.name = "Acme & Sons? #1"
        reception = self._done(
            visitor_ids=[(0, 0, {"name": "Li Na", "phone": "13800138000"})]
        )
        model = self.env["visit.reception"].with_user(self.rep)
        sms = call_kw(model, "action_send_feedback_sms", [reception.ids], {})
        url = sms["params"]["url"]
        query = url.split("?body=", 1)[1]
        self.assertNotIn(" ", query)
        self.assertNotIn("&", query)
        self.assertNotIn("#", query)
        self.assertIn("Acme & Sons? #1", unquote(query))

    def test_refusals(self):
        silent = self._done(visitor_ids=[(0, 0, {"name": "No Phone"})])
        with self.assertRaisesRegex(UserError, "phone number"):
            silent.with_user(self.rep).action_send_feedback_sms()
        self.contact.phone = "13800138000"
        booked = self._create_reception()
        with self.assertRaisesRegex(UserError, "cannot be rated"):
            booked.with_user(self.rep).action_send_feedback_sms()
        done = self._done()
        # another rep neither hosts nor booked the visit
        with self.assertRaises(UserError):
            done.with_user(self.rep2).action_send_feedback_sms()
        done.sudo().write({"feedback_by": "visitor"})
        with self.assertRaisesRegex(UserError, "already rated"):
            done.with_user(self.rep).action_send_feedback_sms()

    def test_the_front_desk_is_warned_of_a_local_address(self):
        reception = self._done(user=self.receptionist)
        as_desk = reception.with_user(self.receptionist)
        self.assertEqual(as_desk.feedback_base_url, "https://erp.example.com")
        self.assertFalse(as_desk.feedback_base_url_local)
        for local in ("http://localhost:8069", "http://127.0.0.1:8069"):
            with self.subTest(base_url=local):
                self.env["ir.config_parameter"].sudo().set_param("web.base.url", local)
                as_desk.invalidate_recordset()
                self.assertEqual(as_desk.feedback_base_url, local)
                self.assertTrue(as_desk.feedback_base_url_local)
        view = as_desk.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("web.base.url.freeze", view)


@tagged("post_install", "-at_install")
class TestReceptionSheetPdf(HttpCase, ReceptionDoneCase):
    """The sheet printed for a confirmed visit is a real PDF with the QR code
    of the feedback link and the link itself."""

    def test_sheet_pdf_has_the_feedback_qr_code(self):
        parameters = self.env["ir.config_parameter"].sudo()
        parameters.set_param("web.base.url", "https://erp.example.com")
        # wkhtmltopdf loads the page's styles from this test server
        parameters.set_param("report.url", self.base_url())
        reception = self._create_reception(user=self.receptionist)
        reception.action_confirm()
        report = self.env.ref("visit_management.visit_reception_report_sheet")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.receptionist)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, reception.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder, "sheet.pdf")
            path.write_bytes(pdf)
            images = subprocess.run(
                ["pdfimages", "-list", path],
                capture_output=True,
                check=True,
                text=True,
            ).stdout.splitlines()[2:]
        # the QR code: a square image of 300 px (the company logo may be another)
        sizes = [tuple(line.split()[3:5]) for line in images]
        self.assertIn(("300", "300"), sizes, images)
        # wkhtmltopdf draws the sheet's web font as shapes (no text to extract):
        # the link printed under the code is checked on the page it renders
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.receptionist)
            ._render_qweb_html(report, reception.ids)
        )
        self.assertIn("Your Feedback", html.decode())
        self.assertIn(reception.sudo().feedback_url, html.decode())
