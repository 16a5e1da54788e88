# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time
from odoo.tools.safe_eval import safe_eval

from .common import VisitCommon

# 800 m of latitude, in degrees (on a sphere of the mean Earth radius)
DEGREES_800_M = 0.0071942
CHECK_IN_AT = datetime(2026, 12, 10, 2, 0)


class GeofenceCase(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "visit_inplace_radius": 500,
                "visit_checkin_max_accuracy": 200,
                "visit_min_dwell_minutes": 10,
            }
        )

    def _visit(self, north=0.0, accuracy=15.0, dwell=None, report=None):
        """Checks in `north` degrees north of the customer at CHECK_IN_AT, then
        checks out `dwell` later (a timedelta) when given, by the server's
        clock."""
        report = report or self._create_report()
        latitude = self.customer.partner_latitude + north
        longitude = self.customer.partner_longitude
        with freeze_time(CHECK_IN_AT):
            report.action_check_in(latitude, longitude, accuracy)
        if dwell is not None:
            with freeze_time(CHECK_IN_AT + dwell):
                report.action_check_out(latitude, longitude, accuracy)
        return report

    def _submitted(self, reason=None, **visit):
        report = self._visit(**visit)
        if reason:
            report.checkin_outside_reason = reason
        report.action_submit()
        return report


class TestGeofenceVerdict(GeofenceCase):
    def test_distance_computed_on_the_server(self):
        report = self._visit(north=DEGREES_800_M, dwell=timedelta(minutes=30))
        self.assertAlmostEqual(report.checkin_distance, 800, delta=1)
        self.assertFalse(report.in_place)
        self.assertEqual(report.in_place_reason, "outside")
        near = self._visit(north=DEGREES_800_M / 2, dwell=timedelta(minutes=30))
        self.assertAlmostEqual(near.checkin_distance, 400, delta=1)
        self.assertTrue(near.in_place)
        self.assertEqual(near.in_place_reason, "inside")

    def test_radius_is_the_company_setting(self):
        report = self._visit(north=DEGREES_800_M, dwell=timedelta(minutes=30))
        self.company.visit_inplace_radius = 801
        self.assertTrue(report.in_place)
        self.company.visit_inplace_radius = 799
        self.assertEqual(report.in_place_reason, "outside")

    def test_accuracy_edges(self):
        at_limit = self._visit(accuracy=200, dwell=timedelta(minutes=30))
        self.assertTrue(at_limit.in_place)
        worse = self._visit(accuracy=201, dwell=timedelta(minutes=30))
        self.assertFalse(worse.in_place)
        self.assertEqual(worse.in_place_reason, "uncertain")
        with self.assertRaises(UserError):
            self._visit(accuracy=-1)

    def test_dwell_edges(self):
        exactly = self._visit(dwell=timedelta(minutes=10))
        self.assertEqual(exactly.dwell_minutes, 10)
        self.assertTrue(exactly.in_place)
        short = self._visit(dwell=timedelta(minutes=9, seconds=59))
        self.assertFalse(short.in_place)
        self.assertEqual(short.in_place_reason, "too_short")
        not_out = self._visit()
        self.assertEqual(not_out.in_place_reason, "no_check_out")
        self.assertFalse(not_out.in_place)
        # 0 minutes: no check-out needed
        self.company.visit_min_dwell_minutes = 0
        self.assertTrue(not_out.in_place)

    def test_dwell_by_the_server_clock_not_the_phone(self):
        report = self._create_report()
        phone_time_ms = datetime(2026, 12, 10, 1, 0).timestamp() * 1000
        with freeze_time(CHECK_IN_AT):
            report.action_check_in(31.2304, 121.4737, 10, phone_time_ms)
        with freeze_time(CHECK_IN_AT + timedelta(minutes=2)):
            report.action_check_out(31.2304, 121.4737, 10, phone_time_ms + 3600e3)
        # the phone claims an hour on site; the server saw two minutes
        self.assertEqual(report.checkin_client_time, datetime(2026, 12, 10, 1, 0))
        self.assertEqual(report.checkout_client_time, datetime(2026, 12, 10, 2, 0))
        self.assertEqual(report.checkin_time, CHECK_IN_AT)
        self.assertEqual(report.dwell_minutes, 2)
        self.assertEqual(report.in_place_reason, "too_short")
        with self.assertRaises(UserError):
            report.action_check_out(31.2304, 121.4737, 10, "yesterday")

    def test_client_distance_is_not_taken(self):
        report = self._create_report()
        with self.assertRaisesRegex(UserError, "does not take"):
            report.action_check_in(31.2304 + DEGREES_800_M, 121.4737, 10, distance=0)
        with self.assertRaisesRegex(UserError, "does not take"):
            report.action_check_in(
                31.2304 + DEGREES_800_M, 121.4737, 10, None, {"in_place": True}
            )
        self.assertFalse(report.checkin_method)
        # nor can the page write a distance, a verdict or a position
        report.action_check_in(31.2304 + DEGREES_800_M, 121.4737, 10)
        for values in (
            {"checkin_distance": 0.0},
            {"in_place": True},
            {"in_place_reason": "inside"},
            {"checkin_latitude": 31.2304},
        ):
            with self.assertRaises(UserError):
                report.write(values)
        self.assertEqual(report.in_place_reason, "outside")
        self.assertAlmostEqual(report.checkin_distance, 800, delta=1)

    def test_check_out_needs_a_check_in(self):
        report = self._create_report()
        with self.assertRaisesRegex(UserError, "Check in before"):
            report.action_check_out(31.2304, 121.4737, 10)
        report.action_check_in_manual()
        report.action_check_out_manual()
        self.assertEqual(report.checkout_method, "manual")
        self.assertEqual(report.in_place_reason, "no_position")

    def test_qr_and_phone_visits(self):
        qr = self._create_report()
        qr._record_check_in("qr", 31.2305, 121.4738, 15)
        self.assertEqual(qr.in_place_reason, "qr")
        self.assertTrue(qr.in_place)
        unlocated = self._create_report()
        unlocated._record_check_in("qr")
        self.assertEqual(unlocated.in_place_reason, "qr_unlocated")
        self.assertFalse(unlocated.in_place)
        phone = self._create_report(visit_mode="phone")
        self.assertEqual(phone.in_place_reason, "phone")

    def test_map_links(self):
        self.company.visit_map_provider = "osm"
        report = self._visit(dwell=timedelta(minutes=10))
        self.assertEqual(
            report.checkin_map_url,
            "https://www.openstreetmap.org/?mlat=31.2304&mlon=121.4737"
            "#map=17/31.2304/121.4737",
        )
        self.assertEqual(report.checkout_map_url, report.checkin_map_url)
        self.assertEqual(report.partner_map_url, report.checkin_map_url)
        manual = self._create_report()
        manual.action_check_in_manual()
        self.assertFalse(manual.checkin_map_url)
        self.assertFalse(manual.checkout_map_url)


class TestGeofenceLock(GeofenceCase):
    def test_facts_locked_after_submit(self):
        report = self._submitted(dwell=timedelta(minutes=20))
        with self.assertRaises(UserError):
            report.action_check_in(31.3, 121.4737, 10)
        with self.assertRaises(UserError):
            report.action_check_out(31.3, 121.4737, 10)
        for values in ({"checkin_latitude": 31.3}, {"checkout_time": CHECK_IN_AT}):
            with self.assertRaises(UserError):
                report.write(values)
        self.assertAlmostEqual(report.checkin_latitude, 31.2304, places=6)

    def test_manager_correction_tracked(self):
        report = self._submitted(dwell=timedelta(minutes=5))
        self.assertEqual(report.in_place_reason, "too_short")
        with self.assertRaises(UserError):
            report.with_user(self.rep).action_correct_check_in()
        with self.assertRaises(AccessError):
            self.env["visit.check.in.correction"].with_user(self.rep).create(
                {"report_id": report.id, "reason": "mine"}
            )
        Wizard = self.env["visit.check.in.correction"].with_user(self.manager)
        action = report.with_user(self.manager).action_correct_check_in()
        # tracked as Odoo tracks, outside the tests' context without tracking
        tracking = {"tracking_disable": False, "mail_notrack": False}
        form = Form(Wizard.with_context(**action["context"], **tracking))
        self.assertEqual(form.checkin_time, CHECK_IN_AT)
        form.checkout_time = CHECK_IN_AT + timedelta(minutes=45)
        form.reason = "The rep checked out late: the customer confirmed 45 min."
        form.save().action_confirm()
        self.env.cr.flush()  # tracking is written by the precommit hooks
        self.assertEqual(report.dwell_minutes, 45)
        self.assertTrue(report.in_place)
        report.invalidate_recordset(["message_ids"])
        message = report.message_ids[0]
        self.assertIn("the customer confirmed 45 min", message.body)
        self.assertEqual(
            message.subtype_id,
            self.env.ref("visit_management.mt_visit_report_check_in_corrected"),
        )
        tracked = message.sudo().tracking_value_ids
        self.assertEqual(tracked.field_id.mapped("name"), ["checkout_time"])
        self.assertEqual(
            (tracked.old_value_datetime, tracked.new_value_datetime),
            (CHECK_IN_AT + timedelta(minutes=5), CHECK_IN_AT + timedelta(minutes=45)),
        )
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertIn(self.rep.partner_id, self._notified(message), "the rep is told")
        # the correction joins the history and counts; the rep's check-out stays
        history = report.with_user(self.manager).check_in_ids
        corrected = history.filtered("counts").filtered(
            lambda row: row.kind == "check_out"
        )
        self.assertEqual(corrected.time, CHECK_IN_AT + timedelta(minutes=45))
        self.assertEqual(corrected.corrected_by_id, self.manager)
        self.assertIn("customer confirmed 45 min", corrected.correction_reason)
        self.assertEqual(corrected.verdict, "inside")
        rep_check_out = history.filtered(
            lambda row: row.kind == "check_out" and not row.corrected_by_id
        )
        self.assertEqual(rep_check_out.time, CHECK_IN_AT + timedelta(minutes=5))
        self.assertFalse(rep_check_out.counts)
        self.assertEqual(report.check_in_count, 1)  # the rep's own check-ins
        with self.assertRaisesRegex(UserError, "Change at least one"):
            Form(
                Wizard.with_context(default_report_id=report.id, default_reason="x")
            ).save().action_confirm()

    def test_correction_only_of_submitted_reports(self):
        report = self._visit()
        with self.assertRaisesRegex(UserError, "checks in again"):
            report.with_user(self.manager).action_correct_check_in()


class TestGeofenceJudgement(GeofenceCase):
    def test_outside_needs_a_reason_then_accepted(self):
        report = self._visit(north=DEGREES_800_M, dwell=timedelta(minutes=30))
        with self.assertRaisesRegex(UserError, "say why"):
            report.action_submit()
        report.checkin_outside_reason = "  "
        with self.assertRaisesRegex(UserError, "say why"):
            report.action_submit()
        report.checkin_outside_reason = "The customer met us at their warehouse."
        report.action_submit()
        with self.assertRaises(UserError):
            report.checkin_outside_reason = "Changed afterwards"
        to_judge = (
            self.env["visit.report"]
            .with_user(self.manager)
            .search(
                [
                    ("in_place_reason", "in", ("outside", "uncertain")),
                    ("geofence_decision", "=", False),
                    ("state", "in", ("submitted", "approved")),
                ]
            )
        )
        self.assertEqual(to_judge, report)
        # the rep cannot judge their own, nor a manager of another team
        for user in (self.rep, self.manager_b):
            with self.assertRaises(UserError):
                report.with_user(user).action_geofence_accept()
        with self.assertRaises(UserError):
            report.write({"geofence_decision": "accepted"})
        report.with_user(self.manager).action_geofence_accept()
        self.assertEqual(report.geofence_decision, "accepted")
        self.assertTrue(report.in_place)
        self.assertEqual(report.in_place_reason, "accepted")
        self.assertIn("accepted", report.message_ids[0].body)

    def test_needs_correction_recorded(self):
        report = self._submitted(
            reason="Bad signal", accuracy=500, dwell=timedelta(minutes=30)
        )
        self.assertEqual(report.in_place_reason, "uncertain")
        report.with_user(self.manager).action_geofence_needs_correction()
        self.assertEqual(report.geofence_decision, "needs_correction")
        self.assertFalse(report.in_place)
        self.assertEqual(report.in_place_reason, "uncertain")
        self.assertIn("needs correction", report.message_ids[0].body)
        # the manager may still accept it, once the rep explained
        report.with_user(self.manager).action_geofence_accept()
        self.assertTrue(report.in_place)
        self.assertIn("accepted", report.message_ids[0].body)

    def test_manager_list_of_check_ins_to_judge(self):
        outside = self._submitted(
            reason="Site office", north=DEGREES_800_M, dwell=timedelta(minutes=30)
        )
        self._submitted(dwell=timedelta(minutes=30))
        self._visit(north=DEGREES_800_M)  # still a draft
        action = self.env.ref("visit_management.visit_report_action_to_judge")
        self.assertIn("search_default_to_judge", action.context)
        arch = self.env["visit.report"].get_view(view_type="search")["arch"]
        domain = etree.fromstring(arch).xpath("//filter[@name='to_judge']")[0]
        Report = self.env["visit.report"].with_user(self.manager)
        found = Report.search(safe_eval(domain.get("domain"), {"uid": self.manager.id}))
        self.assertEqual(found, outside)
        outside.with_user(self.manager).action_geofence_accept()
        self.assertFalse(
            Report.search(safe_eval(domain.get("domain"), {"uid": self.manager.id}))
        )
        menu = self.env.ref("visit_management.visit_report_menu_to_judge")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, Menu.with_user(self.rep)._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())

    def test_judged_after_approval(self):
        report = self._submitted(
            reason="Customer moved", north=DEGREES_800_M, dwell=timedelta(minutes=30)
        )
        report.with_user(self.manager).action_approve()
        report.with_user(self.manager).action_geofence_accept()
        self.assertEqual(report.state, "approved")
        self.assertTrue(report.in_place)

    def test_new_check_in_starts_over(self):
        report = self._submitted(
            reason="Wrong gate", north=DEGREES_800_M, dwell=timedelta(minutes=30)
        )
        report.with_user(self.manager).action_geofence_accept()
        self.env["visit.reason.wizard"].with_user(self.manager).with_context(
            active_model="visit.report", active_ids=report.ids
        ).create({"reason": "Check in at the customer's office."}).action_confirm()
        self.assertEqual(report.state, "returned")
        self._visit(report=report)
        self.assertFalse(report.geofence_decision)
        self.assertFalse(report.checkout_time)
        self.assertEqual(report.in_place_reason, "no_check_out")

    def test_inside_check_in_has_nothing_to_judge(self):
        report = self._submitted(dwell=timedelta(minutes=30))
        with self.assertRaisesRegex(UserError, "nothing to judge"):
            report.with_user(self.manager).action_geofence_accept()

    def test_assessment_counts_decisions(self):
        accepted = self._submitted(
            reason="Warehouse", north=DEGREES_800_M, dwell=timedelta(minutes=30)
        )
        corrected = self._submitted(
            reason="Nowhere", north=DEGREES_800_M, dwell=timedelta(minutes=30)
        )
        inside = self._submitted(dwell=timedelta(minutes=30))
        accepted.with_user(self.manager).action_geofence_accept()
        corrected.with_user(self.manager).action_geofence_needs_correction()
        self.env["visit.assessment"]._assess_month(date(2026, 12, 1))
        assessment = self.env["visit.assessment"].search(
            [("user_id", "=", self.rep.id), ("month", "=", date(2026, 12, 1))]
        )
        self.assertEqual(assessment.onsite_report_count, 3)
        self.assertEqual(assessment.onsite_in_place_count, 2)
        self.assertEqual(assessment.checkin_correction_count, 1)
        self.assertTrue(inside.in_place)


class TestGeofencePartnerPosition(GeofenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unlocated = cls.env["res.partner"].create(
            {
                "name": "Pudong Unlocated Ltd.",
                "is_company": True,
                "visit_tier": "b",
                "city": "Nowhere-On-Earth-Town",
            }
        )

    def _check_in_unlocated(self, accuracy=20):
        report = self._create_report(partner_id=self.unlocated.id, contact_id=False)
        report.action_check_in(31.24, 121.5, accuracy)
        return report

    def test_first_precise_check_in_proposes_then_manager_confirms(self):
        imprecise = self._check_in_unlocated(accuracy=500)
        self.assertEqual(imprecise.in_place_reason, "no_customer_position")
        self.assertFalse(self.unlocated.visit_proposed_report_id)
        first = self._check_in_unlocated()
        self._check_in_unlocated()
        self.assertEqual(self.unlocated.visit_proposed_report_id, first)
        self.assertEqual(self.unlocated.visit_proposed_latitude, 31.24)
        self.assertFalse(self.unlocated.partner_latitude)
        with self.assertRaisesRegex(UserError, "Only a manager"):
            self.unlocated.with_user(self.rep).action_visit_confirm_position()
        self.unlocated.with_user(self.manager).action_visit_confirm_position()
        self.assertEqual(self.unlocated.partner_latitude, 31.24)
        self.assertEqual(self.unlocated.partner_longitude, 121.5)
        self.assertFalse(self.unlocated.visit_proposed_report_id)
        self.assertEqual(first.checkin_distance, 0)
        self.assertEqual(first.in_place_reason, "no_check_out")
