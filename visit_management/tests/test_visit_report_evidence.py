# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import struct
import zlib

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import Form

from .common import VisitCommon

RECORD_REPORT = "visit_management.visit_report_action_record"


def _jpeg(width, height, color=(200, 30, 30)):
    """A JPEG of that size, base64-encoded as the web client sends it."""
    stream = io.BytesIO()
    Image.new("RGB", (width, height), color).save(stream, format="JPEG")
    return base64.b64encode(stream.getvalue())


def _png_header(width, height):
    """A PNG announcing that size, with one empty data chunk: decoders read the
    size before any pixel."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return base64.b64encode(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def _size(data):
    return Image.open(io.BytesIO(base64.b64decode(data))).size


class TestEvidenceImages(VisitCommon):
    """Photos and signatures are decoded by the server: anything but a JPEG or
    PNG of a sane size is refused with a clear message, over RPC as the rep."""

    def test_only_pictures_are_evidence(self):
        report = self._create_report()
        Photo = self.env["visit.report.photo"].with_user(self.rep)
        Report = self.env["visit.report"].with_user(self.rep)
        svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
        html = base64.b64encode(b"<html><script>alert(1)</script></html>")
        gif = io.BytesIO()
        Image.new("RGB", (4, 4)).save(gif, format="GIF")
        cases = [
            (svg, "must be a JPEG or PNG"),
            (html, "must be a JPEG or PNG"),
            (base64.b64encode(gif.getvalue()), "must be a JPEG or PNG"),
            (base64.b64encode(b"not a picture at all"), "must be a JPEG or PNG"),
            (b"%%% not base64 %%%", "takes a file"),
            (_png_header(20000, 20000), "too large a picture"),
            (_png_header(8000, 7000), "too large a picture"),
        ]
        for data, message in cases:
            with self.subTest(message=message, data=data[:20]):
                with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                    call_kw(
                        Photo,
                        "create",
                        [{"report_id": report.id, "image": data, "kind": "shelf"}],
                        {},
                    )
                with self.assertRaisesRegex(UserError, message), self.cr.savepoint():
                    call_kw(
                        Report, "write", [report.ids, {"customer_signature": data}], {}
                    )
        self.assertFalse(report.photo_ids)
        self.assertFalse(report.customer_signature)
        call_kw(
            Photo,
            "create",
            [{"report_id": report.id, "image": _jpeg(40, 30), "kind": "shelf"}],
            {},
        )
        self.assertEqual(len(report.photo_ids), 1)


class VisitEvidenceCase(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.photo = _jpeg(400, 300)

    def _add_photo(self, report, user=None, **values):
        return (
            self.env["visit.report.photo"]
            .with_user(user or report.user_id)
            .create(
                {"report_id": report.id, "image": self.photo, "kind": "shelf", **values}
            )
        )


class TestVisitReportPhotos(VisitEvidenceCase):
    def test_photo_scaled_down(self):
        report = self._create_report()
        photo = self._add_photo(report, image=_jpeg(4000, 3000))
        self.assertEqual(_size(photo.image), (1600, 1200))
        self.assertLessEqual(max(_size(photo.image_128)), 128)
        self.assertTrue(photo.capture_datetime)
        self.assertEqual(photo.company_id, report.company_id)
        # the write path scales too
        photo.image = _jpeg(1000, 5000)
        self.assertEqual(_size(photo.image), (320, 1600))
        # a small photo is kept as it is
        photo.image = _jpeg(800, 600)
        self.assertEqual(_size(photo.image), (800, 600))
        self.assertEqual(report.photo_ids, photo)

    def test_photo_added_in_the_report_form(self):
        report = self._create_report()
        with Form(report) as form:
            with form.photo_ids.new() as photo:
                photo.kind = "storefront"
                photo.image = _jpeg(2400, 1800)
                photo.note = "Shop front"
            form.signed_by = "Wang Wei"
        self.assertEqual(report.photo_ids.kind, "storefront")
        self.assertEqual(_size(report.photo_ids.image), (1600, 1200))

    def test_photos_locked_after_submit(self):
        report = self._create_report()
        photo = self._add_photo(report)
        report.action_submit()
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            self._add_photo(report)
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            photo.note = "Retouched"
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            photo.with_user(self.manager).unlink()
        self.assertTrue(photo.exists())
        # returned to the rep: the photos can be completed again
        report.with_user(self.manager)._action_refuse("Add a shelf photo.")
        self._add_photo(report, note="Second shelf")
        self.assertEqual(len(report.photo_ids), 2)

    def test_photo_stamped_by_the_server(self):
        """The time and position of a photo are the server's and the check-in's,
        stamped on the picture; the manager keeps the picture as sent."""
        report = self._create_report()
        report.sudo().write(
            {
                "checkin_method": "gps",
                "checkin_latitude": 31.2305,
                "checkin_longitude": 121.4738,
            }
        )
        white = _jpeg(800, 600, color=(255, 255, 255))
        photo = self._add_photo(report, image=white)
        self.assertEqual(photo.capture_datetime, fields.Datetime.now())
        self.assertEqual((photo.latitude, photo.longitude), (31.2305, 121.4738))
        with Image.open(io.BytesIO(base64.b64decode(photo.image))) as stamped:
            # the dark band of the watermark at the bottom, the top untouched
            self.assertLess(stamped.convert("L").getpixel((2, 598)), 150)
            self.assertGreater(stamped.convert("L").getpixel((400, 10)), 240)
        self.assertEqual(_size(photo.sudo().image_original), (800, 600))
        with Image.open(
            io.BytesIO(base64.b64decode(photo.sudo().image_original))
        ) as kept:
            self.assertGreater(kept.convert("L").getpixel((2, 598)), 240)
        Photo = self.env["visit.report.photo"].with_user(self.rep)
        for values in (
            {"capture_datetime": "2026-01-01 00:00:00"},
            {"latitude": 39.9},
            {"image_original": white},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                call_kw(Photo, "write", [photo.ids, values], {})
        with self.assertRaises(AccessError):
            call_kw(Photo, "read", [photo.ids, ["image_original"]], {})

    def test_photos_of_another_rep_hidden(self):
        report = self._create_report()
        photo = self._add_photo(report)
        Photo = self.env["visit.report.photo"]
        self.assertFalse(
            Photo.with_user(self.rep2).search([("report_id", "=", report.id)])
        )
        with self.assertRaises(AccessError):
            photo.with_user(self.rep2).read(["image"])
        with self.assertRaises(AccessError):
            photo.with_user(self.manager_b).read(["image"])
        as_manager = photo.with_user(self.manager)
        self.assertEqual(as_manager.read(["kind"])[0]["kind"], "shelf")
        report2 = self._create_report(user=self.rep2)
        with self.assertRaises(AccessError):
            self._add_photo(report, user=self.rep2)
        self.assertTrue(self._add_photo(report2))


class TestVisitPhotoRequirement(VisitEvidenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Requirement = cls.env["visit.photo.requirement"]
        Requirement.create({"purpose": "coverage", "minimum_count": 2})
        Requirement.create(
            {"purpose": "coverage", "kind": "storefront", "minimum_count": 1}
        )

    def test_missing_photos_block_submission(self):
        report = self._create_report(purpose="coverage")
        self._add_photo(report)
        with self.assertRaisesRegex(
            UserError, r"Product Coverage visits need at least 2 photos: add 1 more"
        ):
            report.action_submit()
        self._add_photo(report)
        with self.assertRaisesRegex(
            UserError, r"at least 1 photos of the kind Storefront: add 1 more"
        ):
            report.action_submit()
        self.assertEqual(report.state, "draft")
        self._add_photo(report, kind="storefront")
        report.action_submit()
        self.assertEqual(report.state, "submitted")

    def test_other_purpose_and_phone_visits_need_none(self):
        report = self._create_report(purpose="relationship")
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        phone = self._create_report(purpose="coverage", visit_mode="phone")
        phone.action_submit()
        self.assertEqual(phone.state, "submitted")

    def test_requirement_of_another_company_ignored(self):
        other = self.env["res.company"].create({"name": "Visit Company B"})
        self.env["visit.photo.requirement"].create(
            {"purpose": "service", "minimum_count": 3, "company_id": other.id}
        )
        report = self._create_report(purpose="service")
        report.action_submit()
        self.assertEqual(report.state, "submitted")

    def test_requirements_managed_by_admins_only(self):
        Requirement = self.env["visit.photo.requirement"]
        self.assertEqual(len(Requirement.with_user(self.rep).search([])), 2)
        with self.assertRaises(AccessError):
            Requirement.with_user(self.manager).create({"purpose": "service"})
        created = Requirement.with_user(self.visit_admin).create({"purpose": "service"})
        self.assertEqual(created.minimum_count, 1)


class TestVisitReportSignature(VisitEvidenceCase):
    def test_signature_required_by_tier(self):
        self.company.visit_signature_tier_a = True
        report = self._create_report()
        self.assertEqual(report.visit_tier, "a")
        with self.assertRaisesRegex(
            UserError, "tier A sign .* ask Huadong Trading Co. to sign"
        ):
            report.action_submit()
        self.assertFalse(report.signed_on)
        report.customer_signature = _jpeg(300, 90, color=(0, 0, 0))
        self.assertEqual(report.signed_by, "Wang Wei")
        self.assertTrue(report.signed_on)
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        signed_on = report.signed_on
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            report.customer_signature = False
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            report.with_user(self.manager).signed_by = "Someone else"
        self.assertEqual(report.signed_on, signed_on)
        report.with_user(self.manager)._action_refuse("Wrong signer.")
        report.signed_by = "Li Na"
        self.assertEqual(report.signed_by, "Li Na")

    def test_signer_named_by_the_rep(self):
        report = self._create_report()
        report.write({"customer_signature": self.photo, "signed_by": "Zhao Lei"})
        self.assertEqual(report.signed_by, "Zhao Lei")
        report.customer_signature = False
        self.assertFalse(report.signed_by)
        self.assertFalse(report.signed_on)

    def test_signature_not_required(self):
        # another tier's setting, and a phone visit at a tier that requires one
        self.company.visit_signature_tier_c = True
        report = self._create_report()
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.company.visit_signature_tier_a = True
        phone = self._create_report(visit_mode="phone")
        phone.action_submit()
        self.assertEqual(phone.state, "submitted")

    def test_signature_setting(self):
        settings = self.env["res.config.settings"].create(
            {"visit_signature_tier_b": True}
        )
        settings.execute()
        self.assertTrue(self.company.visit_signature_tier_b)
        self.assertFalse(self.company.visit_signature_tier_a)


class TestVisitRecordReport(VisitEvidenceCase):
    def _render(self, report, user):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(RECORD_REPORT, report.ids)
        )
        return html.decode()

    def test_record_prints_the_evidence(self):
        report = self._create_report(
            purpose="coverage",
            customer_needs="<p>Needs a second shelf</p>",
            customer_signature=_jpeg(300, 90, color=(0, 0, 0)),
        )
        report.action_check_in(31.2305, 121.4738, 12.0)
        photo = self._add_photo(report, kind="storefront")
        html = self._render(report, self.rep)
        self.assertIn("Visit Record", html)
        self.assertIn(report.name, html)
        self.assertIn("Huadong Trading Co.", html)
        self.assertIn("Needs a second shelf", html)
        self.assertIn(report.customer_signature.decode(), html)
        self.assertIn(photo.image_128.decode(), html)
        self.assertIn("Storefront", html)
        self.assertIn("Wang Wei", html)
        # the check-in facts
        self.assertTrue(report.in_place)
        self.assertIn("GPS", html)
        self.assertIn("31.2305000", html)
        self.assertIn("121.4738000", html)
        self.assertEqual(round(report.checkin_distance), 15)
        self.assertIn("<span>15</span> m", html)
        self.assertIn("(± <span>12</span> m)", html)
        self.assertRegex(html, r"In Place</th>\s*<td[^>]*>\s*<span>Yes</span>")

    def test_record_of_an_unsigned_report(self):
        report = self._create_report()
        html = self._render(report, self.rep)
        self.assertIn("Not signed.", html)
        self.assertIn("No check-in.", html)
        self.assertNotIn("data:image/jpeg", html)
