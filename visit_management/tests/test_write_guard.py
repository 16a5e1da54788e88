# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from datetime import date, datetime

from PIL import Image

from odoo.exceptions import UserError
from odoo.service.model import call_kw
from odoo.tests import new_test_user

from odoo.addons.visit_management.models.res_partner import POSITION_FIELDS

from .reception_common import ReceptionCommon
from .write_matrix import WriteMatrix


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class TestWriteGuard(WriteMatrix, ReceptionCommon):
    """Only the fields the models allow, per state and role, are written over
    RPC; every other stored field is the server's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the team leader reviews the rep's documents; the front desk never does
        cls.roles = {
            "rep": (cls.rep, False),
            "team leader": (cls.manager, True),
            "front desk": (cls.receptionist, False),
        }

    def _matrix(self, record, lines, states):
        cases = [(line, self.roles) for line in (record, *lines)]
        return self._check_matrix(
            cases, lambda state: record.sudo().write({"state": state}), states
        )

    def test_plan_and_its_visits(self):
        plan = self._create_plan()
        tried = self._matrix(
            plan, plan.line_ids, ("draft", "submitted", "approved", "rejected")
        )
        self.assertGreater(tried, 500)

    def test_report_its_commitments_and_photos(self):
        report = self._create_report()
        commitment = self.env["visit.report.commitment"].create(
            {
                "report_id": report.id,
                "name": "Send samples",
                "deadline": date(2026, 12, 20),
            }
        )
        photo = self.env["visit.report.photo"].create(
            {"report_id": report.id, "image": _png(), "kind": "shelf"}
        )
        tried = self._matrix(
            report, (commitment, photo), ("draft", "submitted", "approved", "returned")
        )
        self.assertGreater(tried, 1000)

    def test_new_customer_application(self):
        prospect = self.env["res.partner"].create(
            {"name": "Xinyuan Packaging", "is_company": True, "user_id": self.rep.id}
        )
        application = (
            self.env["visit.new.customer.application"]
            .with_user(self.rep)
            .create({"partner_id": prospect.id, "discovery": "Canton Fair"})
        )
        tried = self._matrix(
            application, (), ("draft", "submitted", "confirmed", "refused")
        )
        self.assertGreater(tried, 300)

    def test_after_sale_callback(self):
        callback = (
            self.env["visit.customer.callback"]
            .with_user(self.rep)
            .create({"partner_id": self.customer.id, "kind": "repair"})
        )
        tried = self._matrix(callback, (), ("due", "done", "cancelled"))
        self.assertGreater(tried, 150)

    def test_monthly_summary(self):
        summary = self.env["visit.monthly.summary"].create(
            {
                "team_id": self.team.id,
                "manager_id": self.manager.id,
                "company_id": self.company.id,
                "month": date(2026, 11, 1),
                "deadline": date(2026, 12, 3),
            }
        )
        tried = self._matrix(summary, (), ("draft", "submitted"))
        self.assertGreater(tried, 50)

    def test_reception_and_its_lines(self):
        reception = self._create_reception(
            material_ids=[(0, 0, {"name": "Catalogue", "quantity": 5})],
            next_step_ids=[(0, 0, {"name": "Quote", "deadline": date(2026, 12, 20)})],
            incident_ids=[(0, 0, {"incident_type": "other", "description": "Late"})],
        )
        lines = (
            reception.visitor_ids,
            reception.material_ids,
            reception.next_step_ids,
            reception.incident_ids,
        )
        tried = self._matrix(
            reception,
            lines,
            ("requested", "confirmed", "in_progress", "done", "cancelled"),
        )
        self.assertGreater(tried, 1000)

    def test_assessment_and_customer(self):
        assessment = (
            self.env["visit.assessment"]
            .sudo()
            .create(
                {
                    "user_id": self.rep.id,
                    "team_id": self.team.id,
                    "company_id": self.company.id,
                    "month": date(2026, 11, 1),
                }
            )
        )
        cases = [(assessment, self.roles), (self.customer, self.roles)]
        tried = self._check_matrix(
            cases, lambda state: None, ("open",), POSITION_FIELDS
        )
        self.assertGreater(tried, 150)

    def test_rep_changes_no_other_reps_customer(self):
        """A rep keeps to the visit fields of their own customers' contacts; the
        tier and the position are the managers' (reps propose a position by
        checking in)."""
        self.contact.write({"visit_key_contact": False})
        as_rep = self.contact.with_user(self.rep)
        as_rep.visit_key_contact = True
        self.assertTrue(self.contact.visit_key_contact)
        other = self.contact.with_user(self.rep_b)
        with self.assertRaisesRegex(UserError, "you cannot change|Key Contact"):
            other.visit_key_contact = False
        for values in (
            {"visit_tier": "d"},
            {"partner_latitude": 30.0, "partner_longitude": 120.0},
        ):
            with self.assertRaisesRegex(UserError, "cannot change"):
                self.customer.with_user(self.rep).write(values)
        self.customer.with_user(self.manager).visit_tier = "b"
        self.assertEqual(self.customer.visit_tier, "b")

    def test_server_fields_are_refused_with_their_reason(self):
        """The guard lists what may be written, not what may not: a field no
        list names is the server's, and the message says so."""
        report = self._create_report()
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            report.with_user(self.rep).write({"submitted_late": False})
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            report.with_user(self.manager).write({"manager_id": self.rep.id})

    def test_reproductions_over_rpc(self):
        """The forgeries of issue 15, as the rep's RPC client would try them."""
        Report = self.env["visit.report"].with_user(self.rep)
        report = self._create_report()
        for values in (
            {"report_deadline": "2099-01-01 00:00:00"},
            {"visit_date": "2026-12-01"},
            {"is_unplanned": False},
            {"duration": 9.0},
            {"name": "VR/FORGED"},
            {"is_valid": True, "invalid_reason": False},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "recorded by the server"),
            ):
                call_kw(Report, "write", [report.ids, values], {})
        report.action_submit()
        for values in (
            {"manager_id": self.rep.id},
            {"opinions": "<p>Rewritten after review</p>"},
            {"start_datetime": "2026-12-01 02:00:00"},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "cannot change|recorded"),
            ):
                call_kw(Report, "write", [report.ids, values], {})
        self.assertEqual(report.manager_id, self.manager)
        Plan = self.env["visit.plan"].with_user(self.rep)
        plan = self._create_plan()
        for fname in ("submission_deadline", "completion_rate", "done_line_count"):
            with (
                self.subTest(field=fname),
                self.assertRaisesRegex(UserError, "recorded by the server"),
            ):
                call_kw(Plan, "write", [plan.ids, {fname: 0}], {})

    def test_changes_after_submission_are_in_the_chatter(self):
        plan = self._create_plan()
        plan.with_user(self.rep).action_submit()
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            plan.line_ids.with_user(self.rep).topics = "Changed by the rep"
        plan.line_ids.with_user(self.manager).topics = "Prices for 2027"
        note = plan.message_ids.filtered(lambda m: "after submission" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("visit_manager", note.body)
        self.assertIn("Topics", note.body)
        report = self._create_report()
        report.with_user(self.rep).action_submit()
        report.with_user(self.manager).write(
            {"verification_done": True, "verification_score": 80}
        )
        self.assertTrue(
            report.message_ids.filtered(lambda m: "after submission" in (m.body or ""))
        )

    def test_approved_verdict_is_frozen(self):
        """Moving the customer 150 km (a manager's Confirm Position, the geocoder)
        or widening the radius re-judges the reports under review, never an
        approved one."""
        self.company.visit_min_dwell_minutes = 0
        facts = {
            "checkin_method": "gps",
            "checkin_latitude": 31.2306,
            "checkin_longitude": 121.4739,
            "checkin_accuracy": 20.0,
            "checkin_time": datetime(2026, 12, 10, 2, 5),
        }
        approved, submitted = (
            self._create_report(),
            self._create_report(contact_id=self.contact2.id),
        )
        for report in approved | submitted:
            report.sudo().write(facts)
            report.with_user(self.rep).action_submit()
        approved.with_user(self.manager).action_approve()
        self.assertTrue(approved.in_place and submitted.in_place)
        self.customer.with_user(self.manager).write(
            {"partner_latitude": 32.0, "partner_longitude": 120.5}
        )
        self.assertEqual(approved.in_place_reason, "inside")
        self.assertLess(approved.checkin_distance, 100)
        self.assertEqual(submitted.in_place_reason, "outside")
        self.company.visit_inplace_radius = 200_000
        self.assertEqual(submitted.in_place_reason, "inside")
        self.company.visit_checkin_max_accuracy = 10
        self.assertEqual(approved.in_place_reason, "inside")
        self.assertEqual(submitted.in_place_reason, "uncertain")

    def test_contact_managers_without_visit_rights_on_customers(self):
        """Contact rights (Contact Creation) are no visit decision: such a user
        changes neither the tier nor the position, nor a rep's customer's visit
        fields, over RPC."""
        clerk = new_test_user(
            self.env,
            "contact_clerk",
            groups="base.group_user,base.group_partner_manager,"
            "visit_management.group_visit_user",
        )
        Partner = self.env["res.partner"].with_user(clerk)
        call_kw(Partner, "write", [self.customer.ids, {"phone": "021 5555 0000"}], {})
        self.assertEqual(self.customer.phone, "021 5555 0000")
        for values in (
            {"visit_tier": "d"},
            {"partner_latitude": 39.9, "partner_longitude": 116.4},
            {"visit_key_contact": True},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "cannot change"),
            ):
                call_kw(Partner, "write", [self.customer.ids, values], {})
        self.assertEqual(self.customer.visit_tier, "a")
        with self.assertRaisesRegex(UserError, "cannot set"):
            call_kw(
                Partner,
                "create",
                [{"name": "New Co", "is_company": True, "visit_tier": "a"}],
                {},
            )

    def test_verified_absence_counts_as_in_place(self):
        """客户不在、关机 [003]: the rep records it; only the team leader's
        verification makes the visit count as in place."""
        report = self._create_report()
        as_rep = report.with_user(self.rep)
        call_kw(
            self.env["visit.report"].with_user(self.rep),
            "write",
            [report.ids, {"absence": "customer_absent"}],
            {},
        )
        as_rep.action_submit()
        self.assertFalse(report.in_place)
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            as_rep.write({"absence_verified": True})
        with self.assertRaisesRegex(UserError, "Only the manager"):
            as_rep.action_verify_absence()
        other = self._create_report(contact_id=self.contact2.id)
        other.with_user(self.rep).action_submit()
        with self.assertRaisesRegex(UserError, "no absence"):
            other.with_user(self.manager).action_verify_absence()
        report.with_user(self.manager).action_verify_absence()
        self.assertEqual(report.in_place_reason, "absence_verified")
        self.assertTrue(report.in_place)
