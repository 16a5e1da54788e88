# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.visit_management.controllers.visit_qr_check_in import _position

from .test_today import TodayCommon


@tagged("post_install", "-at_install")
class TestVisitQrCheckIn(HttpCase, TodayCommon):
    """The QR label of a customer site checks the rep who scans it into their
    visit of today there (扫码签到)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._approved_plan_today(cls.rep, [(cls.customer, 10, 0, None)])
        cls.line = cls.plan.line_ids
        cls.label = (
            cls.env["visit.qr.token"].with_user(cls.manager)._for_partners(cls.customer)
        )

    def _scan(self, label=None, login="visit_rep", position=None, token=None):
        """Opens the label's link as the phone does, then posts the check-in
        with the phone's position: at the customer unless told otherwise,
        none if position is False."""
        self.authenticate(login, login)
        url = f"/visit/qr/{token or (label or self.label).token}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Check in without my position", page.text)
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
        if position is None:
            site = (label or self.label).partner_id
            position = (site.partner_latitude, site.partner_longitude)
        latitude, longitude = position or ("", "")
        return self.url_open(
            url,
            data={
                "csrf_token": csrf_token,
                "latitude": latitude,
                "longitude": longitude,
                "accuracy": 15 if position else "",
            },
        )

    def test_opening_the_link_records_nothing(self):
        self.authenticate("visit_rep", "visit_rep")
        page = self.url_open(f"/visit/qr/{self.label.token}")
        self.assertIn("navigator.geolocation", page.text)
        self.assertFalse(self._reports())
        self.assertEqual(self.label.scan_count, 0)

    def test_far_or_unlocated_scan_is_judged_by_the_manager(self):
        """A photographed label scanned 150 km away, or by a script giving no
        position, checks in but not in place: the manager judges it."""
        response = self._scan(position=(32.5, 120.3))
        self.assertEqual(response.status_code, 200)
        self.assertIn("far from the customer or gave no position", response.text)
        report = self.line.report_ids
        self.assertEqual(report.checkin_method, "qr")
        self.assertEqual(report.in_place_reason, "qr_far")
        self.assertFalse(report.in_place)
        self.assertGreater(report.checkin_distance, 100_000)
        report.sudo().write(
            {
                "checkin_outside_reason": "Scanned the photo the customer sent.",
                "end_datetime": report.start_datetime + timedelta(hours=1),
            }
        )
        report.with_user(self.rep).action_submit()
        report.with_user(self.manager).action_geofence_accept()
        self.assertTrue(report.in_place)

    def test_unlocated_scan(self):
        response = self._scan(position=False)
        self.assertIn("gave no position", response.text)
        report = self.line.report_ids
        self.assertEqual(
            (report.checkin_method, report.in_place_reason), ("qr", "qr_unlocated")
        )
        self.assertFalse(report.in_place)

    def test_scan_with_a_position_that_is_none_is_unlocated(self):
        """What a script posts in place of a position is no position: the scan
        is judged by the manager, nothing non-finite is stored."""
        response = self._scan(position=("NaN", "1e999"))
        self.assertEqual(response.status_code, 200)
        report = self.line.report_ids
        self.assertEqual(report.in_place_reason, "qr_unlocated")
        self.assertEqual(
            (report.checkin_latitude, report.checkin_longitude), (0.0, 0.0)
        )
        for latitude, longitude, accuracy in (
            ("95", "121.47", "10"),
            ("31.23", "121.47", "-5"),
            ("31.23", "121.47", "inf"),
            ("abc", "121.47", "10"),
        ):
            with self.subTest(latitude=latitude, accuracy=accuracy):
                self.assertEqual(
                    _position(self.env, latitude, longitude, accuracy), (0.0, 0.0, 0.0)
                )
        self.assertEqual(
            _position(self.env, "31.23", "121.47", "12"), (31.23, 121.47, 12.0)
        )

    def _reports(self, partner=None):
        return self.env["visit.report"].search(
            [("partner_id", "=", (partner or self.customer).id)]
        )

    def test_scan_checks_in_today_visit(self):
        self.assertFalse(self.line.report_ids)
        response = self._scan()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Checked in", response.text)
        self.assertIn(f"You are checked in at {self.customer.name}", response.text)
        report = self.line.report_ids
        self.assertEqual(len(report), 1, "the planned visit's report is started")
        self.assertIn(f"/odoo/visit-reports/{report.id}", response.text)
        self.assertEqual(report.user_id, self.rep)
        self.assertEqual(report.state, "draft")
        self.assertEqual(report.checkin_method, "qr")
        self.assertTrue(report.checkin_time)
        # the phone's position, at the customer: in place
        self.assertEqual(report.checkin_latitude, self.customer.partner_latitude)
        self.assertEqual(report.in_place_reason, "qr")
        self.assertTrue(report.in_place)
        self.assertEqual(report.checkin_ip, "127.0.0.1")
        self.assertTrue(report.checkin_user_agent)
        self.assertEqual(self.label.last_scan_user_id, self.rep)
        self.assertEqual(self.label.last_scan_date, report.checkin_time)
        self.assertEqual(self.label.scan_count, 1)
        visit = self.env["visit.today"].search([("plan_line_id", "=", self.line.id)])
        self.assertEqual(visit.status, "checked_in")

    def test_qr_replaces_a_far_gps_check_in_of_an_unplanned_visit(self):
        report = self._create_report(
            partner_id=self.workshop.id,
            contact_id=False,
            start_datetime=self._at(11),
            end_datetime=False,
        )
        report.with_user(self.rep).action_check_in(31.2304, 121.4737)
        self.assertFalse(report.in_place, "People's Square is far from Minhang")
        label = (
            self.env["visit.qr.token"]
            .with_user(self.manager)
            ._for_partners(self.workshop)
        )
        response = self._scan(label)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._reports(self.workshop), report, "nothing new created")
        self.assertEqual(report.checkin_method, "qr")
        self.assertTrue(report.in_place)
        self.assertEqual(report.checkin_distance, 0.0)

    def test_double_scan_within_minutes(self):
        self._scan()
        report = self.line.report_ids
        checked_in_at = report.checkin_time
        again = self._scan()
        self.assertEqual(again.status_code, 200)
        self.assertIn("Already checked in", again.text)
        self.assertIn("a few minutes ago", again.text)
        self.assertEqual(self._reports(), report)
        self.assertEqual(report.checkin_time, checked_in_at, "nothing rewritten")
        self.assertEqual(self.label.scan_count, 1)
        # past the delay, the only visit there stays checked in as it was
        report.sudo().checkin_time = checked_in_at - timedelta(minutes=11)
        later = self._scan()
        self.assertEqual(later.status_code, 200)
        self.assertIn("all checked in by QR code already", later.text)
        self.assertEqual(report.checkin_time, checked_in_at - timedelta(minutes=11))
        self.assertEqual(self._reports(), report)

    def test_second_visit_of_the_day_after_the_delay(self):
        plan = self._approved_plan_today(
            self.rep2, [(self.customer, 9, 0, None), (self.customer, 15, 0, None)]
        )
        morning, afternoon = plan.line_ids
        self._scan(login="visit_rep2")
        self.assertEqual(morning.report_ids.checkin_method, "qr")
        self.assertFalse(afternoon.report_ids, "a double scan is no second visit")
        self._scan(login="visit_rep2")
        self.assertFalse(afternoon.report_ids)
        morning.report_ids.sudo().checkin_time -= timedelta(minutes=11)
        self._scan(login="visit_rep2")
        self.assertEqual(afternoon.report_ids.checkin_method, "qr")
        self.assertEqual(self.label.scan_count, 2)

    def test_no_visit_today(self):
        # rep2 has a visit there on another day only, and a plan not approved
        self._approved_plan_today(
            self.rep2, [(self.customer, 10, 0, self._another_day())]
        )
        response = self._scan(login="visit_rep2")
        self.assertEqual(response.status_code, 409)
        self.assertIn("No visit today", response.text)
        self.assertFalse(self._reports().filtered(lambda r: r.user_id == self.rep2))
        self.assertEqual(self.label.scan_count, 0)

    def test_visit_already_reported(self):
        self._scan()
        report = self.line.report_ids
        report.with_user(self.rep).write(
            {"end_datetime": report.start_datetime + timedelta(hours=1)}
        )
        report.with_user(self.rep).action_submit()
        report.sudo().checkin_time -= timedelta(minutes=30)
        response = self._scan()
        self.assertEqual(response.status_code, 409)
        self.assertIn("reported already", response.text)
        self.assertEqual(self._reports(), report)

    def test_revoked_label_and_new_label(self):
        label = self.label.with_user(self.manager)
        action = label.action_new_label()
        self.assertFalse(self.label.active)
        self.assertEqual(self.label.revoked_by_id, self.manager)
        self.assertTrue(self.label.revoked_date)
        new_label = self.env["visit.qr.token"].browse(action["context"]["active_ids"])
        self.assertEqual(new_label.partner_id, self.customer)
        self.assertTrue(new_label.active)
        self.assertNotEqual(new_label.token, self.label.token)
        for action in (label.action_new_label, label.action_print_labels):
            with self.assertRaisesRegex(UserError, "is revoked: print its new label"):
                action()
        response = self._scan()
        self.assertEqual(response.status_code, 403)
        self.assertIn("This label is revoked", response.text)
        self.assertNotIn(self.customer.name, response.text)
        self.assertFalse(self._reports())
        self.assertEqual(self._scan(new_label).status_code, 200)
        self.assertEqual(self.line.report_ids.checkin_method, "qr")

    def test_label_of_another_company(self):
        other = self.env["res.company"].create({"name": "Northern Branch"})
        label = (
            self.env["visit.qr.token"]
            .sudo()
            .create({"partner_id": self.customer_b.id, "company_id": other.id})
        )
        response = self._scan(label)
        self.assertEqual(response.status_code, 403)
        self.assertIn("Not a label of your company", response.text)
        self.assertNotIn(self.customer_b.name, response.text)
        self.assertFalse(self._reports(self.customer_b))
        self.assertEqual(label.scan_count, 0)
        # a rep of both companies may scan it, to no visit of theirs there
        self.rep.company_ids |= other
        response = self._scan(label)
        self.assertEqual(response.status_code, 409)
        self.assertIn("No visit today", response.text)

    def test_employee_without_visits(self):
        new_test_user(self.env, "qr_employee", groups="base.group_user")
        response = self._scan(login="qr_employee")
        self.assertEqual(response.status_code, 403)
        self.assertIn("Only sales reps check in", response.text)
        self.assertFalse(self._reports())

    def test_check_in_the_report_refuses(self):
        """The planned contact has left the customer since: the report cannot
        be started, which the page says; nothing is kept."""
        contact = self.line.contact_id
        contact.parent_id = self.customer_b
        response = self._scan()
        self.assertEqual(response.status_code, 409)
        self.assertIn("Not checked in", response.text)
        self.assertIn(
            f"{contact.name} is not a contact of Huadong Trading Co.", response.text
        )
        self.assertFalse(self._reports())
        self.assertEqual(self.label.scan_count, 0)

    def test_unknown_label_and_login(self):
        self.authenticate("visit_rep", "visit_rep")
        for token in ("guess", self.label.token[:-1], self.label.token + "x"):
            with self.subTest(token=token):
                response = self._scan(token=token)
                self.assertEqual(response.status_code, 404)
                self.assertIn("Unknown QR label", response.text)
        self.assertFalse(self._reports())
        # scanned from a phone not logged in: the login page, then the scan
        self.authenticate(None, None)
        response = self.url_open(f"/visit/qr/{self.label.token}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self._reports())

    def test_print_labels_of_selected_customers(self):
        partners = self.customer | self.workshop
        Label = self.env["visit.qr.token"].with_user(self.manager)
        action = Label._action_print_for_partners(partners)
        self.assertEqual(
            action["report_name"], "visit_management.report_visit_qr_label"
        )
        labels = Label.browse(action["context"]["active_ids"])
        self.assertEqual(labels.partner_id, partners)
        self.assertIn(self.label, labels, "the customer's label is printed again")
        self.assertEqual(labels.company_id, self.company)
        self.assertEqual(len(labels[0].token), 43, "256 random bits")
        # printing again, from the customers' Action menu, makes no new label
        again = (
            self.env.ref("visit_management.res_partner_action_print_visit_qr_labels")
            .with_user(self.manager)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .run()
        )
        self.assertEqual(again["report_name"], action["report_name"])
        self.assertEqual(again["context"]["active_ids"], labels.ids)
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("visit_management.visit_qr_label_report", labels.ids)
        )
        html = html.decode()
        self.assertEqual(html.count("data:image/png;base64,"), 2)
        base_url = self.label.get_base_url()
        for label in labels:
            self.assertIn(f"{base_url}/visit/qr/{label.token}", html)
            self.assertIn(label.partner_id.name, html)
        self.assertIn("8 Jianchuan Road", html)
        self.assertIn("scan this code with your phone", html)

    def test_label_pages_hold_eight_labels(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Site {i}", "is_company": True} for i in range(9)]
        )
        labels = self.env["visit.qr.token"]._for_partners(partners)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("visit_management.visit_qr_label_report", labels.ids)[0]
            .decode()
        )
        self.assertEqual(html.count('class="page o_visit_report"'), 2)
        self.assertEqual(html.count("o_visit_qr_label"), 9)

    def test_one_valid_label_per_customer(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["visit.qr.token"].create({"partner_id": self.customer.id})
            self.env.flush_all()

    def test_reps_cannot_read_or_revoke_labels(self):
        Label = self.env["visit.qr.token"].with_user(self.rep)
        with self.assertRaises(AccessError):
            Label.search([])
        with self.assertRaises(AccessError):
            self.label.with_user(self.rep).action_revoke()
        with self.assertRaises(AccessError):
            Label._action_print_for_partners(self.customer)
        self.assertTrue(self.label.active)
        print_action = self.env.ref(
            "visit_management.res_partner_action_print_visit_qr_labels"
        )
        self.assertEqual(
            print_action.group_ids, self.env.ref("visit_management.group_visit_manager")
        )
        # the manager's other company labels stay out of sight
        other = self.env["res.company"].create({"name": "Northern Branch"})
        foreign = (
            self.env["visit.qr.token"]
            .sudo()
            .create({"partner_id": self.customer_b.id, "company_id": other.id})
        )
        visible = self.env["visit.qr.token"].with_user(self.manager).search([])
        self.assertNotIn(foreign, visible)
        self.assertIn(self.label, visible)

    def test_labels_rotated_in_bulk(self):
        """A photographed label keeps checking in until rotated: a manager
        rotates the labels of many customers at once, over RPC."""
        labels = self.label | self.env["visit.qr.token"]._for_partners(self.customer_b)
        action = call_kw(
            self.env["visit.qr.token"].with_user(self.manager),
            "action_new_label",
            [labels.ids],
            {},
        )
        self.assertFalse(any(labels.mapped("active")))
        new_labels = self.env["visit.qr.token"].browse(action["context"]["active_ids"])
        self.assertEqual(new_labels.partner_id, self.customer | self.customer_b)
        self.assertTrue(all(new_labels.mapped("active")))
        self.assertEqual(self._scan().status_code, 403)

    def test_label_views_and_menu(self):
        action = self.env.ref("visit_management.visit_qr_token_action")
        views = (
            self.env["visit.qr.token"]
            .with_user(self.manager)
            .get_views([(False, "list"), (False, "form"), (False, "search")])
        )
        self.assertIn('name="action_revoke"', views["views"]["form"]["arch"])
        self.assertIn('name="action_new_label"', views["views"]["form"]["arch"])
        # the list rotates the selected labels at once
        self.assertIn('name="action_new_label"', views["views"]["list"]["arch"])
        self.assertEqual(action.path, "visit-qr-labels")
        self.assertEqual(
            self.env.ref("visit_management.visit_qr_token_menu").group_ids,
            self.env.ref("visit_management.group_visit_manager"),
        )
