# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, freeze_time
from odoo.tools.convert import convert_file

# The demo is generated relative to the day of the install; the test installs
# it early in a month, when the reports of last month's last days are still in
# review (so not all last month's visits count yet).
DEMO_NOW = datetime(2026, 12, 4, 2, 0)


def load_demo(env, module):
    """Loads an addon's demo files as an install with demo data does (the
    test database has none), in the test's transaction."""
    manifest = env["ir.module.module"].get_module_info(module)
    for filename in manifest["demo"]:
        convert_file(env, module, filename, {}, mode="init", noupdate=True)


@freeze_time(DEMO_NOW)
class TestDemo(TransactionCase):
    """The demo company that `make run` installs has the promised shape."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.object(cls.cr, "now", datetime.now))
        load_demo(cls.env, "visit_management")
        cls.teams = cls.env["crm.team"].browse(
            [
                cls.env.ref(f"visit_management.crm_team_{city}_demo").id
                for city in ("shanghai", "hangzhou", "suzhou")
            ]
        )
        cls.reps = cls.teams.member_ids
        cls.today = fields.Date.context_today(cls.env["visit.report"])

    def test_teams_reps_and_customers(self):
        self.assertEqual(len(self.teams), 3)
        self.assertEqual(len(self.reps), 8)
        self.assertEqual(len(self.teams.user_id), 3)
        self.assertTrue(
            all(
                manager.has_group("visit_management.group_visit_manager")
                for manager in self.teams.user_id
            )
        )
        self.assertEqual(self.reps & self.env["res.users"]._visit_reps(), self.reps)
        customers = self.env["res.partner"].search(
            [("user_id", "in", self.reps.ids), ("is_company", "=", True)]
        )
        self.assertEqual(len(customers), 200)
        self.assertEqual(set(customers.mapped("city")), {"上海", "杭州", "苏州"})
        for tier in "abcd":
            tiered = customers.filtered(lambda c, t=tier: c.visit_tier == t)
            self.assertTrue(tiered, f"no customer of tier {tier}")
            self.assertTrue(
                all(c.partner_latitude and c.partner_longitude for c in tiered)
            )
        self.assertTrue(all(len(customer.child_ids) >= 2 for customer in customers))
        key = customers.filtered(lambda c: c.visit_tier in ("a", "b"))
        self.assertTrue(key.filtered("visit_key_contact_warning"))
        self.assertTrue(key - key.filtered("visit_key_contact_warning"))

    def test_plans(self):
        plans = self.env["visit.plan"].search([("user_id", "in", self.reps.ids)])
        this_month = self.today.replace(day=1)
        months = {this_month + relativedelta(months=n) for n in (-2, -1, 0, 1)}
        self.assertEqual(set(plans.mapped("date_start")), months)
        past = plans.filtered(lambda p: p.date_start <= this_month)
        self.assertEqual(set(past.mapped("state")), {"approved"})
        resubmitted = past.filtered(lambda p: p.submission_count == 2)
        self.assertGreaterEqual(len(resubmitted), 2)
        self.assertTrue(past.filtered("submitted_late"))
        coming = plans - past
        self.assertEqual(
            set(coming.mapped("state")), {"draft", "submitted", "rejected"}
        )
        self.assertTrue(coming.filtered(lambda p: p.state == "rejected").reject_reason)
        # approved plans put their visits in the reps' calendars; the meetings of
        # past visits are no longer to do
        self.assertTrue(all(line.calendar_event_id for line in past.line_ids))
        meetings = past.activity_ids.filtered(
            lambda a: a.activity_type_id.category == "meeting"
        )
        self.assertTrue(all(a.date_deadline >= self.today for a in meetings))

    def test_reports(self):
        reports = self.env["visit.report"].search([("user_id", "in", self.reps.ids)])
        self.assertGreater(len(reports), 300)
        self.assertTrue(reports.filtered("submitted_late"))
        self.assertTrue(reports.filtered("is_urgent"))
        self.assertEqual(len(reports.filtered("is_unplanned")), 12)
        onsite = reports.filtered(lambda r: r.visit_mode == "onsite")
        self.assertTrue(onsite.filtered(lambda r: not r.in_place))
        self.assertTrue(onsite.filtered(lambda r: r.checkin_method == "qr"))
        self.assertTrue(
            onsite.filtered(lambda r: r.checkin_method == "gps" and r.in_place)
        )
        invalid = reports.filtered(lambda r: not r.is_valid)
        self.assertTrue(invalid)
        self.assertTrue(invalid.filtered(lambda r: "two months" in r.invalid_reason))
        self.assertEqual(
            len(
                reports.filtered("verification_done").filtered(lambda r: not r.is_valid)
            ),
            2,
        )
        self.assertTrue(reports.filtered("return_reason"))
        self.assertTrue(
            {"draft", "submitted", "approved", "returned"}
            <= set(reports.mapped("state"))
        )
        # the reviews go through the workflow: the managers have reviews to do
        waiting = reports.filtered(lambda r: r.state == "submitted")
        self.assertTrue(waiting.activity_ids)
        self.assertTrue(
            reports.filtered("is_urgent").activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("visit_management.mail_activity_visit_urgent")
                )
            )
        )

    def test_assessment(self):
        last_month = self.today.replace(day=1) - relativedelta(months=1)
        assessments = self.env["visit.assessment"].search(
            [("month", "=", last_month), ("user_id", "in", self.reps.ids)]
        )
        self.assertEqual(assessments.user_id, self.reps)
        # the customers owe visits last month (they are not new), most were made
        for assessment in assessments:
            self.assertGreater(assessment.coverage_required, 20)
            self.assertGreater(assessment.coverage_done, 0)
        self.assertGreater(min(assessments.mapped("coverage_rate")), 50)
        # some reps missed a visit or two: their monthly report lists them
        missed = assessments.filtered(lambda a: a.coverage_rate < 100)
        self.assertTrue(missed)
        uncovered = assessments._uncovered_partners()
        self.assertTrue(all(uncovered[assessment] for assessment in missed))
        self.assertTrue(any(a.final_score for a in assessments))

    def test_company(self):
        """A Shanghai company, in yuan, with its logo."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_SH"))
        self.assertEqual((company.city, company.zip), ("上海", "201203"))
        self.assertEqual(company.name, "上海华瑞工业科技有限公司")
        self.assertEqual(company.partner_id.name, company.name)
        self.assertTrue(company.logo)

    def test_receptions(self):
        receptions = self.env["visit.reception"].search(
            [("team_id", "in", self.teams.ids)]
        )
        states = dict(receptions._fields["state"].selection)
        self.assertEqual(set(receptions.mapped("state")), set(states))
        self.assertTrue(all(receptions.mapped("room_id")))
        done = receptions.filtered(lambda r: r.state == "done")
        self.assertEqual(set(done.mapped("feedback_by")), {"host", "visitor"})
        self.assertTrue(done.incident_ids)
        self.assertTrue(receptions.filtered("special_request"))
        confirmed = receptions.filtered(lambda r: r.state == "confirmed")
        self.assertTrue(all(confirmed.mapped("calendar_event_id")))

    def test_generated_records_have_xml_ids(self):
        """Uninstalling the addon deletes the generated demo by its xml ids."""
        customers = self.env["res.partner"].search(
            [("user_id", "in", self.reps.ids), ("is_company", "=", True)]
        )
        generated = [customers, customers.child_ids]
        generated += [
            self.env[model].search([("user_id", "in", self.reps.ids)])
            for model in ("visit.plan", "visit.report", "visit.assessment")
        ]
        generated.append(
            self.env["visit.reception"].search([("team_id", "in", self.teams.ids)])
        )
        for records in generated:
            xmlids = records.get_external_id()
            self.assertTrue(
                all(xmlid.startswith("visit_management.") for xmlid in xmlids.values()),
                records._name,
            )
