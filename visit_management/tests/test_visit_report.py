# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common import VisitCommon

# Metres per degree of latitude on the mean Earth sphere.
METRES_PER_DEGREE = 111195


class VisitReportCase(VisitCommon):
    """Helpers shared by the visit report tests."""

    def _activities(self, report, xmlid):
        activity_type = self.env.ref(xmlid)
        return report.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def _return(self, report, reason="Say more about the competitor."):
        """Returns the report the way the manager does: button, then wizard."""
        action = report.with_user(self.manager).action_return()
        self.assertEqual(action["res_model"], "visit.reason.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        wizard.action_confirm()


class TestVisitReportFields(VisitReportCase):
    def test_unplanned_report_defaults(self):
        report = self._create_report()
        self.assertTrue(report.is_unplanned)
        self.assertTrue(report.name.startswith("VR/"))
        self.assertEqual(report.team_id, self.team)
        self.assertEqual(report.manager_id, self.manager)
        self.assertEqual(report.contact_function, "Buyer")
        self.assertEqual(report.duration, 1.5)
        self.assertEqual(report.visit_date, date(2026, 12, 10))
        report.contact_id = self.contact2
        self.assertEqual(report.contact_function, "CEO")
        report.contact_function = "Purchasing Director"
        report.contact_is_decision_maker = True
        self.assertEqual(report.contact_function, "Purchasing Director")
        self.assertTrue(report.contact_is_decision_maker)

    def test_planned_report_takes_the_plan_line(self):
        line = self._create_plan().line_ids
        line.write({"contact_id": self.contact2.id, "purpose": "market_research"})
        report = (
            self.env["visit.report"]
            .with_user(self.rep)
            .create({"plan_line_id": line.id, "end_datetime": "2026-12-10 05:00:00"})
        )
        self.assertFalse(report.is_unplanned)
        self.assertEqual(report.partner_id, self.customer)
        self.assertEqual(report.contact_id, self.contact2)
        self.assertEqual(report.purpose, "market_research")
        self.assertEqual(report.visit_mode, "onsite")

    def test_report_filed_later_starts_at_the_planned_time(self):
        """Filed days after the visit, from the planned visit or from the form,
        the report keeps the visit's day and so its deadline; a report without a
        planned visit starts when it is created."""
        plan = self._create_plan()
        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        line = plan.line_ids
        filed_at = datetime(2026, 12, 14, 9, 0)
        with freeze_time(filed_at):
            action = line.with_user(self.rep).action_open_report()
            report = self.env["visit.report"].browse(action["res_id"])
            self.assertEqual(report.start_datetime, line.planned_datetime)
            self.assertEqual(report.visit_date, date(2026, 12, 10))
            report.unlink()
            with Form(self.env["visit.report"].with_user(self.rep)) as form:
                self.assertEqual(form.start_datetime, filed_at)
                form.plan_line_id = line
                self.assertEqual(form.start_datetime, line.planned_datetime)
                form.end_datetime = datetime(2026, 12, 10, 3, 0)
            unplanned = (
                self.env["visit.report"]
                .with_user(self.rep)
                .create({"partner_id": self.customer.id})
            )
            self.assertEqual(unplanned.start_datetime, filed_at)

    def test_plan_line_of_someone_else(self):
        line = self._create_plan(user=self.rep2).line_ids
        with self.assertRaisesRegex(ValidationError, "visit_rep2"):
            self._create_report(plan_line_id=line.id)


class TestVisitReportCheckIn(VisitReportCase):
    def _check_in_at(self, report, metres_north):
        return report.action_check_in(
            self.customer.partner_latitude + metres_north / METRES_PER_DEGREE,
            self.customer.partner_longitude,
            15.0,
        )

    def test_gps_check_in_distance(self):
        report = self._create_report()
        result = self._check_in_at(report, 800)
        self.assertEqual(report.checkin_method, "gps")
        self.assertTrue(report.checkin_time)
        self.assertEqual(report.checkin_accuracy, 15.0)
        self.assertAlmostEqual(report.checkin_latitude, 31.2304 + 800 / 111195, 6)
        self.assertAlmostEqual(report.checkin_distance, 800, delta=3)
        self.assertEqual(
            result,
            {"in_place": False, "waiting": False, "message": report.checkin_message},
        )
        self.assertIn("800 m from the customer", result["message"])

    def test_in_place_within_company_radius(self):
        near, far = self._create_report(), self._create_report()
        self._check_in_at(near, 300)
        self._check_in_at(far, 800)
        self.assertTrue(near.in_place)
        self.assertFalse(far.in_place)
        self.company.visit_inplace_radius = 1000
        self.assertTrue(far.in_place)

    def test_qr_check_in_far_away_is_judged(self):
        """A label can be photographed: a scan 5 km away is not in place until
        the manager accepts it, like a GPS check-in outside the zone."""
        report = self._create_report()
        self._check_in_at(report, 5000)
        report.sudo().checkin_method = "qr"
        self.assertEqual(report.in_place_reason, "qr_far")
        self.assertFalse(report.in_place)
        near = self._create_report(contact_id=self.contact2.id)
        self._check_in_at(near, 100)
        near.sudo().checkin_method = "qr"
        self.assertEqual(near.in_place_reason, "qr")
        self.assertTrue(near.in_place)

    def test_manual_or_no_check_in_is_not_in_place(self):
        manual, missing = self._create_report(), self._create_report()
        manual.action_check_in_manual()
        self.assertEqual(manual.checkin_method, "manual")
        self.assertTrue(manual.checkin_time)
        self.assertFalse(manual.in_place)
        self.assertFalse(missing.in_place)

    def test_phone_visit_is_in_place(self):
        report = self._create_report(visit_mode="phone")
        self.assertTrue(report.in_place)

    def test_customer_without_coordinates(self):
        report = self._create_report(partner_id=self.customer_b.id, contact_id=False)
        report.action_check_in(31.2304, 121.4737)
        self.assertFalse(report.in_place)

    def test_out_of_range_coordinates(self):
        report = self._create_report()
        with self.assertRaisesRegex(ValidationError, "latitude"):
            report.action_check_in(91.0, 121.4737)
        with self.assertRaisesRegex(ValidationError, "longitude"):
            report.action_check_in(31.2304, -180.5)

    def test_only_own_rep_checks_in_before_submission(self):
        report = self._create_report()
        with self.assertRaisesRegex(UserError, "Only the rep"):
            report.with_user(self.manager).action_check_in(31.2304, 121.4737)
        report.action_submit()
        with self.assertRaisesRegex(UserError, "submitted"):
            self._check_in_at(report, 0)
        with self.assertRaisesRegex(UserError, "submitted"):
            report.action_check_in_manual()
        self._return(report)
        self._check_in_at(report, 0)
        self.assertTrue(report.in_place)


class TestVisitReportCommitments(VisitReportCase):
    def test_one_follow_up_per_commitment(self):
        report = self._create_report(
            commitment_ids=[
                (0, 0, {"name": "Send the price list", "deadline": "2026-12-15"}),
                (
                    0,
                    0,
                    {
                        "name": "Arrange a sample",
                        "deadline": "2026-12-20",
                        "user_id": self.rep2.id,
                    },
                ),
            ]
        )
        commitment_type = "visit_management.mail_activity_visit_commitment"
        self.assertFalse(self._activities(report, commitment_type))
        report.action_submit()
        activities = self._activities(report, commitment_type)
        self.assertEqual(
            sorted((a.summary, a.user_id, a.date_deadline) for a in activities),
            [
                ("Arrange a sample", self.rep2, date(2026, 12, 20)),
                ("Send the price list", self.rep, date(2026, 12, 15)),
            ],
        )
        self._return(report)
        report.action_submit()
        self.assertEqual(self._activities(report, commitment_type), activities)


class TestVisitReportUrgent(VisitReportCase):
    def test_urgent_needs_a_category(self):
        with self.assertRaisesRegex(ValidationError, "urgent matter"):
            self._create_report(is_urgent=True)
        report = self._create_report()
        with self.assertRaisesRegex(ValidationError, "urgent matter"):
            report.is_urgent = True

    def test_urgent_report_escalates_to_manager(self):
        report = self._create_report(
            is_urgent=True, urgent_category="competitor_product"
        )
        urgent_type = "visit_management.mail_activity_visit_urgent"
        self.assertFalse(self._activities(report, urgent_type))
        report.action_submit()
        activity = self._activities(report, urgent_type)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("Competitor New Product", activity.summary)
        notified = report.message_ids.filtered(
            lambda message: self.manager.partner_id in self._notified(message)
        )
        self.assertIn("Competitor New Product", notified.body)

    def test_ordinary_report_does_not_escalate(self):
        report = self._create_report()
        report.action_submit()
        urgent_type = "visit_management.mail_activity_visit_urgent"
        self.assertFalse(self._activities(report, urgent_type))


class TestVisitReportReview(VisitReportCase):
    def test_submit_return_resubmit_approve(self):
        report = self._create_report()
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        review_type = "visit_management.mail_activity_visit_report_review"
        self.assertEqual(self._activities(report, review_type).user_id, self.manager)
        with self.assertRaisesRegex(UserError, "already submitted"):
            report.action_submit()
        self._return(report, reason="Which competitor?")
        self.assertEqual(report.state, "returned")
        self.assertEqual(report.return_reason, "Which competitor?")
        report.market_info = "<p>Competitor X cut prices by 5%.</p>"
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertFalse(report.return_reason)
        report.with_user(self.manager).action_approve()
        self.assertEqual(report.state, "approved")
        self.assertFalse(self._activities(report, review_type))

    def test_status_changes_only_through_the_steps(self):
        report = self._create_report()
        report.action_submit()
        for values in (
            {"state": "approved"},
            {"submitted_late": True},
            {"return_reason": "Nothing"},
            {"checkin_method": "qr"},
        ):
            with self.assertRaisesRegex(UserError, "recorded by the server"):
                report.write(values)
            with self.assertRaisesRegex(UserError, "recorded by the server"):
                report.with_user(self.manager).write(values)
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            self._create_report(state="approved")
        self.assertEqual(report.state, "submitted")

    def test_created_from_the_form(self):
        """The form sends the draft status and the empty review fields along:
        no workflow step, the report is created."""
        with Form(self.env["visit.report"].with_user(self.rep)) as form:
            form.partner_id = self.customer
            # an unplanned visit says its purpose
            form.purpose = "relationship"
        self.assertEqual(form.record.state, "draft")
        self.assertEqual(form.record.user_id, self.rep)

    def test_return_needs_a_reason(self):
        report = self._create_report()
        report.action_submit()
        for reason in ("", " \n "):
            with self.assertRaisesRegex(ValidationError, "[Rr]eason"):
                self._return(report, reason=reason)
        self.assertEqual(report.state, "submitted")

    def test_submit_needs_an_end(self):
        report = self._create_report(end_datetime=False)
        with self.assertRaisesRegex(UserError, "ended"):
            report.action_submit()

    def test_only_team_leader_or_admin_reviews(self):
        report = self._create_report()
        report.action_submit()
        for user in (self.rep, self.rep2, self.manager_b):
            with self.assertRaises(UserError):
                report.with_user(user).action_approve()
            with self.assertRaises(UserError):
                report.with_user(user).action_return()
        self.assertEqual(report.state, "submitted")
        report.with_user(self.visit_admin).action_approve()
        self.assertEqual(report.state, "approved")


class TestVisitReportLock(VisitReportCase):
    def setUp(self):
        super().setUp()
        self.report = self._create_report()
        self.report.action_submit()
        self.report.with_user(self.manager).action_approve()

    def test_rep_cannot_change_an_approved_report(self):
        for values in (
            {"opinions": "<p>Rewritten</p>"},
            {"contact_id": self.contact2.id},
            {"end_datetime": "2026-12-10 06:00:00"},
            {"state": "draft"},
        ):
            with self.assertRaisesRegex(
                UserError, "is Approved: you cannot change|recorded by the server"
            ):
                self.report.write(values)
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            self.report.commitment_ids.create(
                {
                    "report_id": self.report.id,
                    "name": "Added afterwards",
                    "deadline": "2026-12-20",
                }
            )
        self.assertEqual(self.report.contact_id, self.contact)
        self.assertFalse(self.report.commitment_ids)

    def test_nobody_deletes_a_filed_report(self):
        for user in (self.rep, self.manager, self.visit_admin):
            with self.assertRaisesRegex(UserError, "draft"):
                self.report.with_user(user).unlink()
        self.assertTrue(self.report.exists())
        draft = self._create_report()
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_rep_may_archive(self):
        self.report.action_archive()
        self.assertFalse(self.report.active)

    def test_manager_records_the_verification_call(self):
        self.report.with_user(self.manager).write(
            {"verification_done": True, "verification_score": 80}
        )
        self.assertTrue(self.report.sudo().verification_done)
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            self.report.with_user(self.manager).opinions = "<p>Rewritten</p>"
