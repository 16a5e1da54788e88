# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time
from odoo.tools import mute_logger

from .common import VisitCommon

REVIEW = "visit_management.mail_activity_visit_new_customer_review"
# "Today" in the tests: noon in Shanghai, where the reps work.
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 4, 0)


class NewCustomerCommon(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.rep | cls.rep2 | cls.rep_b | cls.manager).write({"tz": "Asia/Shanghai"})
        # the business history checked goes back three years and more
        cls.company.visit_date_past_days = 4 * 366
        cls.Application = cls.env["visit.new.customer.application"]
        cls.prospect = cls.env["res.partner"].create(
            {"name": "Suzhou Ceramics", "is_company": True, "user_id": cls.rep.id}
        )
        cls.prospect_contact = cls.env["res.partner"].create(
            {"name": "Zhou Min", "parent_id": cls.prospect.id}
        )

    def _won_lead(self, day, partner=None, user=None, **values):
        """An opportunity won on that day (at noon in Shanghai)."""
        lead = self.env["crm.lead"].create(
            {
                "name": values.pop("name", f"Deal {day}"),
                "type": "opportunity",
                "partner_id": (partner or self.prospect).id,
                "user_id": (user or self.rep).id,
                "expected_revenue": 12000,
                **values,
            }
        )
        lead.action_set_won()
        lead.date_closed = datetime.combine(day, time(4, 0))
        return lead

    def _business_report(self, day, user=None, state="submitted", **values):
        """A visit report of that day marked as business, filed."""
        user = user or self.rep
        report = self._create_report(
            user=user,
            partner_id=self.prospect.id,
            contact_id=False,
            start_datetime=datetime.combine(day, time(2, 0)),
            end_datetime=datetime.combine(day, time(3, 0)),
            **{"is_business": True, **values},
        )
        if state != "draft":
            report.sudo().write({"state": state})
        return report

    def _application(self, user=None, first_deal_days_ago=10, partner=None, **values):
        user = user or self.rep
        if "first_deal_lead_id" not in values and first_deal_days_ago is not None:
            values["first_deal_lead_id"] = self._won_lead(
                TODAY - timedelta(days=first_deal_days_ago), partner=partner, user=user
            ).id
        return self.Application.with_user(user).create(
            {
                "partner_id": (partner or self.prospect).id,
                "discovery": "Met at the Canton Fair.",
                **values,
            }
        )

    def _confirm(self, application, user=None):
        return application.with_user(user or self.manager).action_confirm()

    def _refuse(self, application, reason, user=None):
        user = user or self.manager
        action = application.with_user(user).action_refuse()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()


@freeze_time(NOW)
class TestNewCustomerEligibility(NewCustomerCommon):
    def test_new_customer_is_eligible(self):
        application = self._application()
        self.assertTrue(application.name.startswith("NC/2026/"))
        self.assertEqual(application.manager_id, self.manager)
        self.assertEqual(application.first_deal_date, date(2026, 6, 5))
        self.assertEqual(application.apply_deadline, date(2026, 7, 5))
        self.assertEqual(application.history_start, date(2023, 6, 6))
        self.assertEqual(application.history_end, date(2026, 6, 4))
        self.assertEqual(application.history_count, 0)
        self.assertTrue(application.is_new_customer)
        self.assertFalse(application.is_late)
        self.assertTrue(application.is_eligible)
        self.assertIn("New customer", application.eligibility_message)
        # the history shows what was checked: each kind (sale orders too when
        # the Sales bridge is installed), and "None" for each
        html = str(application.history_html)
        self.assertIn("Won opportunities", html)
        self.assertIn("Visit reports marked as business", html)
        self.assertEqual(html.count("o_visit_history_none"), html.count("<h5"))
        self.assertGreaterEqual(html.count("<h5"), 2)
        self.assertNotIn("o_visit_history_found", html)

    def test_first_deal_in_the_reps_day(self):
        # 17:00 UTC on the 4th is already the 5th in Shanghai
        lead = self._won_lead(date(2026, 6, 4))
        lead.date_closed = datetime(2026, 6, 4, 17, 0)
        application = self._application(first_deal_lead_id=lead.id)
        self.assertEqual(application.first_deal_date, date(2026, 6, 5))

    def test_business_exactly_three_years_before_does_not_count(self):
        first_deal = date(2026, 6, 5)
        self._won_lead(date(2023, 6, 5), name="Old order")
        self._business_report(date(2023, 6, 5))
        application = self._application()
        self.assertEqual(application.first_deal_date, first_deal)
        self.assertEqual(application.history_count, 0)
        self.assertTrue(application.is_eligible)

    def test_won_lead_a_day_inside_three_years(self):
        self._won_lead(date(2023, 6, 6), name="Old order", user=self.rep_b)
        application = self._application()
        self.assertEqual(application.history_count, 1)
        self.assertFalse(application.is_new_customer)
        self.assertFalse(application.is_eligible)
        self.assertIn("Not a new customer", application.eligibility_message)
        html = str(application.history_html)
        # the other rep's opportunity shows, though the rep cannot open it
        self.assertIn("Old order", html)
        self.assertIn(self.rep_b.name, html)
        self.assertEqual(html.count("o_visit_history_found"), 1)
        self.assertEqual(html.count("o_visit_history_none"), html.count("<h5") - 1)
        with self.assertRaisesRegex(UserError, "Not a new customer"):
            application.action_submit()
        self.assertEqual(application.state, "draft")

    def test_contacts_leads_count_for_the_company(self):
        self._won_lead(date(2025, 1, 10), partner=self.prospect_contact)
        application = self._application()
        self.assertEqual(application.history_count, 1)

    def test_business_report_inside_three_years(self):
        report = self._business_report(date(2023, 6, 6), user=self.rep2)
        application = self._application()
        self.assertEqual(application.history_count, 1)
        self.assertIn(report.name, str(application.history_html))
        with self.assertRaisesRegex(UserError, "Not a new customer"):
            application.action_submit()

    def test_what_is_not_business(self):
        # samples only, a draft report, a report without business, the day of
        # the first deal and after it, another customer's business
        self._business_report(date(2025, 3, 1), is_sample=True)
        self._business_report(date(2025, 3, 2), state="draft")
        self._business_report(date(2025, 3, 3), is_business=False)
        self._business_report(date(2026, 6, 5))
        self._business_report(date(2026, 6, 10))
        self._won_lead(date(2026, 6, 12), name="Second order")
        self._won_lead(date(2025, 3, 4), partner=self.customer)
        application = self._application()
        self.assertEqual(application.first_deal_date, date(2026, 6, 5))
        self.assertEqual(application.history_count, 0)
        self.assertTrue(application.is_eligible)

    def test_archived_business_report_counts(self):
        self._business_report(date(2025, 3, 1)).sudo().active = False
        self.assertEqual(self._application().history_count, 1)

    def test_years_are_a_setting(self):
        self._won_lead(date(2024, 6, 1), name="Old order")
        self.assertFalse(self._application().is_new_customer)
        self.company.visit_new_customer_years = 1
        application = self._application(user=self.rep2)
        self.assertEqual(application.history_start, date(2025, 6, 6))
        self.assertTrue(application.is_new_customer)

    def test_first_deal_29_days_ago_is_in_time(self):
        application = self._application(first_deal_days_ago=29)
        self.assertFalse(application.is_late)
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_first_deal_30_days_ago_is_the_last_day(self):
        application = self._application(first_deal_days_ago=30)
        self.assertEqual(application.apply_deadline, TODAY)
        self.assertFalse(application.is_late)
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_first_deal_31_days_ago_is_late(self):
        application = self._application(first_deal_days_ago=31)
        self.assertTrue(application.is_late)
        self.assertFalse(application.is_eligible)
        with self.assertRaises(UserError) as caught:
            application.action_submit()
        message = str(caught.exception)
        self.assertIn("Too late", message)
        self.assertIn("05/15/2026", message)  # the first deal
        self.assertIn("06/14/2026", message)  # the last day accepted
        self.assertIn("30 days", message)
        self.assertEqual(application.state, "draft")
        # a longer delay in the settings accepts it
        self.company.visit_new_customer_apply_days = 31
        application.invalidate_recordset()
        self.assertFalse(application.is_late)
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_lateness_is_measured_when_filed(self):
        application = self._application(first_deal_days_ago=25)
        application.action_submit()
        with freeze_time(NOW + timedelta(days=10)):
            application.invalidate_recordset()
            self.assertFalse(application.is_late)
            self._confirm(application)
        self.assertEqual(application.state, "confirmed")
        self.assertEqual(application.confirm_date, TODAY + timedelta(days=10))

    def test_form_shows_eligibility_before_saving(self):
        lead = self._won_lead(date(2026, 6, 1))
        with Form(self.Application.with_user(self.rep)) as form:
            form.partner_id = self.prospect
            self.assertFalse(form.is_eligible)
            self.assertIn("Record the first deal", form.eligibility_message)
            form.first_deal_lead_id = lead
            self.assertEqual(form.first_deal_date, date(2026, 6, 1))
            self.assertEqual(form.apply_deadline, date(2026, 7, 1))
            self.assertTrue(form.is_eligible)
            self.assertIn("o_visit_history_none", str(form.history_html))
        self.assertEqual(form.record.state, "draft")

    def test_first_deal_is_required(self):
        application = self._application(first_deal_days_ago=None)
        self.assertFalse(application.first_deal_date)
        self.assertFalse(application.is_eligible)
        self.assertIn("Record the first deal", application.eligibility_message)
        with self.assertRaisesRegex(UserError, "Record the first deal"):
            application.action_submit()


@freeze_time(NOW)
class TestNewCustomerWorkflow(NewCustomerCommon):
    def _review_activities(self, application):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", application._name),
                ("res_id", "=", application.id),
                ("activity_type_id", "=", self.env.ref(REVIEW).id),
            ]
        )

    def test_submit_confirm_marks_the_partner(self):
        application = self._application()
        application.action_submit()
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.submitted_date, NOW)
        activity = self._review_activities(application)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("Suzhou Ceramics", activity.summary)
        # the manager reads the history before confirming
        manager_view = application.with_user(self.manager)
        self.assertIn("Won opportunities", str(manager_view.history_html))
        manager_view.action_confirm()
        self.assertEqual(application.state, "confirmed")
        self.assertEqual(application.confirm_date, TODAY)
        self.assertIn("Visit reports marked as business", application.checked_history)
        self.assertFalse(self._review_activities(application))
        self.assertEqual(self.prospect.visit_developed_by_id, self.rep)
        self.assertEqual(self.prospect.visit_developed_date, TODAY)
        told = application.message_ids.filtered(
            lambda message: self.rep.partner_id in self._notified(message)
        )
        self.assertIn("was confirmed", told[:1].body)

    def test_confirmed_history_is_kept(self):
        application = self._application()
        application.action_submit()
        self._confirm(application)
        kept = application.checked_history
        self._won_lead(date(2025, 1, 1), name="Found later")
        application.invalidate_recordset()
        self.assertNotIn("Found later", kept)
        self.assertEqual(application.checked_history, kept)

    def test_only_the_team_leader_or_an_admin_confirms(self):
        application = self._application()
        application.action_submit()
        with self.assertRaisesRegex(UserError, "Only the manager"):
            application.action_confirm()
        # the other team's leader does not even see it
        with self.assertRaises(AccessError):
            self._confirm(application, self.manager_b)
        self._confirm(application, self.visit_admin)
        self.assertEqual(application.state, "confirmed")

    def test_refuse_with_reason_then_revise(self):
        application = self._application()
        application.action_submit()
        self._refuse(application, "The customer bought from us through a dealer.")
        self.assertEqual(application.state, "refused")
        self.assertEqual(
            application.refuse_reason, "The customer bought from us through a dealer."
        )
        self.assertFalse(self._review_activities(application))
        self.assertFalse(self.prospect.visit_developed_by_id)
        application.action_reset_to_draft()
        application.support_needed = "A visit by the sales director."
        application.action_submit()
        self.assertEqual(application.state, "submitted")
        self.assertFalse(application.refuse_reason)

    def test_filed_applications_are_locked(self):
        application = self._application()
        application.action_submit()
        with self.assertRaisesRegex(UserError, "is Submitted: you cannot change"):
            application.discovery = "Changed afterwards"
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            application.write({"state": "confirmed"})
        with self.assertRaisesRegex(UserError, "Only draft applications"):
            application.unlink()
        self._confirm(application)
        with self.assertRaisesRegex(UserError, "Only a submitted or refused"):
            application.action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "Only a draft application"):
            application.action_submit()

    def test_draft_is_deleted(self):
        application = self._application()
        application.unlink()
        self.assertFalse(application.exists())

    def test_second_claim_names_the_holder(self):
        first = self._application()
        first.action_submit()
        self._confirm(first)
        second = self._application(user=self.rep2)
        self.assertEqual(second.claimed_by_id, first)
        self.assertFalse(second.is_eligible)
        self.assertIn(self.rep.name, second.eligibility_message)
        with self.assertRaises(UserError) as caught:
            second.action_submit()
        message = str(caught.exception)
        self.assertIn("already developed by", message)
        self.assertIn(self.rep.name, message)
        self.assertIn(first.name, message)
        self.assertEqual(second.state, "draft")

    def test_second_claim_refused_at_confirmation(self):
        first = self._application()
        second = self._application(user=self.rep2)
        first.action_submit()
        second.with_user(self.rep2).action_submit()
        self._confirm(first)
        with self.assertRaises(UserError) as caught:
            self._confirm(second)
        self.assertIn(f"already developed by {self.rep.name}", str(caught.exception))
        self.assertEqual(second.state, "submitted")
        self.assertEqual(self.prospect.visit_developed_by_id, self.rep)

    def test_one_confirmed_application_per_partner_in_the_database(self):
        first = self._application()
        first.action_submit()
        self._confirm(first)
        second = self._application(user=self.rep2)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            second.sudo().write({"state": "confirmed"})
            second.flush_recordset()
        self.assertIn(
            "already has a confirmed",
            self.Application._sql_error_to_message(caught.exception),
        )

    def test_rules_by_rep_and_team(self):
        mine = self._application()
        theirs = self._application(user=self.rep_b, partner=self.customer_b)
        self.assertEqual(self.Application.with_user(self.rep).search([]), mine)
        self.assertEqual(self.Application.with_user(self.manager).search([]), mine)
        self.assertEqual(self.Application.with_user(self.manager_b).search([]), theirs)
        self.assertEqual(
            self.Application.with_user(self.visit_admin).search([]), mine | theirs
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.rep2).read(["discovery"])
        with self.assertRaises(AccessError):
            self.Application.with_user(self.portal_user).search([])

    def test_settings_are_checked(self):
        for field, value in (
            ("visit_new_customer_years", 0),
            ("visit_new_customer_apply_days", -1),
        ):
            with (
                self.subTest(field=field),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                self.company[field] = value
                self.company.flush_recordset()
        self.assertEqual(self.env["res.company"].new({}).visit_new_customer_years, 3)


class TestNewCustomerAssessment(NewCustomerCommon):
    def _confirmed(self, user, name, when, confirm=True):
        """An application of the rep for a new customer, confirmed at that time."""
        partner = self.env["res.partner"].create({"name": name, "is_company": True})
        with freeze_time(when):
            lead = self._won_lead(
                when.date() - timedelta(days=5), partner=partner, user=user
            )
            application = self._application(
                user=user, partner=partner, first_deal_lead_id=lead.id
            )
            application.action_submit()
            if confirm:
                self._confirm(application)
        return application

    def test_assessment_counts_new_customers_developed(self):
        may = datetime(2026, 5, 20, 4, 0)
        self._confirmed(self.rep, "Wuxi Glass", may)
        self._confirmed(self.rep, "Ningbo Port Services", may + timedelta(days=3))
        self._confirmed(self.rep2, "Hefei Motors", may)
        self._confirmed(self.rep2, "Jinan Paper", may, confirm=False)
        refused = self._confirmed(self.rep_b, "Xian Textiles", may, confirm=False)
        self._refuse(refused, "Bought through a dealer.", user=self.manager_b)
        self._confirmed(self.rep, "Fuzhou Tea", datetime(2026, 6, 2, 4, 0))
        Assessment = self.env["visit.assessment"]
        Assessment._assess_month(date(2026, 5, 1))
        Assessment._assess_month(date(2026, 6, 1))
        self.env.invalidate_all()

        def count(user, month):
            return Assessment.search(
                [("user_id", "=", user.id), ("month", "=", month)]
            ).new_customer_count

        self.assertEqual(count(self.rep, date(2026, 5, 1)), 2)
        self.assertEqual(count(self.rep2, date(2026, 5, 1)), 1)
        self.assertEqual(count(self.rep_b, date(2026, 5, 1)), 0)
        self.assertEqual(count(self.rep, date(2026, 6, 1)), 1)
        # not part of the score: rep2 and rep_b had nothing else to do
        may_scores = Assessment.search(
            [
                ("user_id", "in", (self.rep2 | self.rep_b).ids),
                ("month", "=", date(2026, 5, 1)),
            ]
        ).mapped("computed_score")
        self.assertEqual(may_scores, [100.0, 100.0])
        # the monthly report shows the number
        assessment = Assessment.search(
            [("user_id", "=", self.rep.id), ("month", "=", date(2026, 5, 1))]
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "visit_management.visit_assessment_action_report", assessment.ids
            )[0]
            .decode()
        )
        self.assertIn("New Customers", html)
        self.assertRegex(html, r'o_visit_new_customer_count">\s*<span>2</span>')
