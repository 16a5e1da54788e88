# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user
from odoo.tools import mute_logger

from odoo.addons.visit_management.models import visit_assessment

from .common import REP_GROUPS, VisitCommon

NOVEMBER = date(2026, 11, 1)
OCTOBER = date(2026, 10, 1)
REPORT_REF = "visit_management.visit_assessment_action_report"
CRON_REF = "visit_management.ir_cron_visit_monthly_assessment"


def _at(day, hour=2):
    """A moment on that day, 02:00 UTC: the same day in Shanghai and in UTC."""
    return datetime.combine(day, time(hour))


class AssessmentCommon(VisitCommon):
    """November 2026, built by hand for the rep of team East.

    Customers of the rep (all created on 1 June 2026, so every requirement they
    have is already due):
    - Huadong Trading (A): on-site monthly. Visited on site on 5 and 20 Nov.
    - Nanjing Foods (B, 3 key contacts): on-site monthly. Its only visit of the
      month is archived and a draft: not covered.
    - Hangzhou Tools (C): on site in September, so the quarterly on-site visit is
      due in December; the monthly call is due (October). Called on 12 Nov.
    - Suzhou Parts (C): never visited: on-site and call due. Visited on site on
      18 Nov, which also counts as the call.
    - Late Customer (A): created in December, not counted.
    Coverage: on-site 2 / 3, phone 2 / 2, total 4 / 5 = 80 %.

    The approved November plan holds 4 visits: Huadong 5 and 20 Nov, Suzhou 18 Nov
    (reported) and Nanjing 25 Nov (draft report only): 3 / 4 = 75 %. A draft
    weekly plan and the approved December plan do not count.

    Reports done in November: Huadong 5 Nov (GPS at the customer, on time),
    Huadong 20 Nov (manual check-in, late), Hangzhou 12 Nov (phone, urgent, on
    time), Suzhou 18 Nov (QR check-in, on time, failed verification call).
    Timeliness 3 / 4 = 75 %, valid 3 / 4 = 75 %, on-site in place 2 / 3 = 66.67 %.
    A/B customers with 3 key contacts: Nanjing only, 1 / 2 = 50 %. Urgent: 1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["visit.assessment"]
        cls.rep.name = "Li Lei"
        Partner = cls.env["res.partner"]
        cls.nanjing = Partner.create(
            {
                "name": "Nanjing Foods",
                "is_company": True,
                "visit_tier": "b",
                "user_id": cls.rep.id,
                "child_ids": [
                    Command.create({"name": name, "visit_key_contact": True})
                    for name in ("Sun Li", "Zhou Jie", "Wu Fang")
                ],
            }
        )
        cls.hangzhou = Partner.create(
            {
                "name": "Hangzhou Tools",
                "is_company": True,
                "visit_tier": "c",
                "user_id": cls.rep.id,
                "child_ids": [Command.create({"name": "Zhao Min"})],
            }
        )
        cls.suzhou = Partner.create(
            {
                "name": "Suzhou Parts",
                "is_company": True,
                "visit_tier": "c",
                "user_id": cls.rep.id,
                "child_ids": [Command.create({"name": "Qian Hong"})],
            }
        )
        cls.late_customer = Partner.create(
            {
                "name": "Late Customer",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep.id,
            }
        )
        cls._set_created(cls.customer | cls.nanjing | cls.hangzhou | cls.suzhou)
        cls._set_created(cls.late_customer, datetime(2026, 12, 5, 9, 0))

        # September: the on-site visit that puts Hangzhou's next one in December
        cls._done_report(cls.hangzhou, date(2026, 9, 10))

        plan = cls._approved_plan(
            NOVEMBER,
            [
                (cls.customer, date(2026, 11, 5)),
                (cls.customer, date(2026, 11, 20)),
                (cls.suzhou, date(2026, 11, 18)),
                (cls.nanjing, date(2026, 11, 25)),
            ],
        )
        huadong_5, suzhou_18, huadong_20, nanjing_25 = plan.line_ids.sorted(
            "planned_datetime"
        )
        cls._approved_plan(date(2026, 12, 1), [(cls.customer, date(2026, 12, 10))])
        cls.env["visit.plan"].with_user(cls.rep).create(
            {
                "user_id": cls.rep.id,
                "period_type": "week",
                "date_start": date(2026, 11, 9),
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": cls.hangzhou.id,
                            "planned_datetime": _at(date(2026, 11, 10)),
                        }
                    )
                ],
            }
        )

        cls.report_gps = cls._done_report(
            cls.customer, date(2026, 11, 5), line=huadong_5, check_in="gps"
        )
        cls.report_late = cls._done_report(
            cls.customer,
            date(2026, 11, 20),
            line=huadong_20,
            check_in="manual",
            late=True,
        )
        cls.report_urgent = cls._done_report(
            cls.hangzhou,
            date(2026, 11, 12),
            mode="phone",
            is_urgent=True,
            urgent_category="competitor_policy",
        )
        cls.report_invalid = cls._done_report(
            cls.suzhou, date(2026, 11, 18), line=suzhou_18, check_in="qr"
        )
        cls.report_invalid.with_user(cls.manager).write(
            {"verification_done": True, "verification_score": 40}
        )
        archived = cls._done_report(cls.nanjing, date(2026, 11, 22))
        archived.sudo().active = False
        cls.env["visit.report"].with_user(cls.rep).create(
            {"plan_line_id": nanjing_25.id, "end_datetime": _at(date(2026, 11, 25), 3)}
        )

    @classmethod
    def _set_created(cls, partners, moment=datetime(2026, 6, 1, 9, 0)):
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id IN %s",
            (moment, tuple(partners.ids)),
        )
        cls.env.invalidate_all()

    @classmethod
    def _approved_plan(cls, month, visits, user=None):
        user = user or cls.rep
        plan = (
            cls.env["visit.plan"]
            .with_user(user)
            .create(
                {
                    "user_id": user.id,
                    "date_start": month,
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": partner.id,
                                "contact_id": partner.child_ids[:1].id,
                                "planned_datetime": _at(day),
                                "visit_mode": "onsite",
                            }
                        )
                        for partner, day in visits
                    ],
                }
            )
        )
        plan.action_submit()
        plan.with_user(user.sale_team_id.user_id).action_approve()
        return plan

    @classmethod
    def _done_report(
        cls,
        partner,
        day,
        mode="onsite",
        line=None,
        check_in=None,
        late=False,
        user=None,
        **values,
    ):
        """A visit by the rep on that day, checked in as asked and submitted on
        time (an hour after the visit) or late (an hour after the deadline)."""
        user = user or cls.rep
        Report = cls.env["visit.report"].with_user(user)
        if line:
            values["plan_line_id"] = line.id
        else:
            values.update(
                partner_id=partner.id,
                contact_id=partner.child_ids[:1].id,
                visit_mode=mode,
                purpose="relationship",
            )
        report = Report.create(
            {
                "user_id": user.id,
                "start_datetime": _at(day),
                "end_datetime": _at(day, 3),
                **values,
            }
        )
        if check_in == "gps":
            report.action_check_in(partner.partner_latitude, partner.partner_longitude)
        elif check_in == "manual":
            report.action_check_in_manual()
        elif check_in == "qr":
            report.sudo().write(
                {
                    "checkin_method": "qr",
                    "checkin_time": _at(day),
                    # the phone at the customer (or in Shanghai, if not located)
                    "checkin_latitude": report.partner_id.partner_latitude or 31.23,
                    "checkin_longitude": report.partner_id.partner_longitude or 121.47,
                }
            )
        submitted_at = (
            report.report_deadline + timedelta(hours=1) if late else _at(day, 4)
        )
        with freeze_time(submitted_at):
            report.action_submit()
        return report

    def _assess(self, month=NOVEMBER, companies=None):
        assessments = self.Assessment._assess_month(month, companies)
        self.env.invalidate_all()
        return assessments

    def _of(self, user, month=NOVEMBER):
        return self.Assessment.search(
            [("user_id", "=", user.id), ("month", "=", month)]
        )


class TestAssessmentNumbers(AssessmentCommon):
    def test_hand_built_month(self):
        self.company.visit_assessment_coverage_baseline = 80
        self._assess()
        assessment = self._of(self.rep)
        self.assertEqual(len(assessment), 1)
        self.assertEqual(assessment.name, "2026-11 / Li Lei")
        self.assertEqual(assessment.team_id, self.team)
        self.assertEqual(assessment.manager_id, self.manager)
        self.assertEqual(assessment.company_id, self.company)
        expected = {
            "onsite_done": 2,
            "onsite_required": 3,
            "phone_done": 2,
            "phone_required": 2,
            "coverage_done": 4,
            "coverage_required": 5,
            "plan_line_done_count": 3,
            "plan_line_count": 4,
            "report_on_time_count": 3,
            "report_count": 4,
            "report_valid_count": 3,
            "onsite_in_place_count": 2,
            "onsite_report_count": 3,
            "key_contact_ok_count": 1,
            "key_customer_count": 2,
            "urgent_report_count": 1,
        }
        self.assertEqual({name: assessment[name] for name in expected}, expected)
        self.assertEqual(assessment.coverage_summary, "4 / 5")
        self.assertAlmostEqual(assessment.coverage_rate, 80.0)
        self.assertAlmostEqual(assessment.plan_completion_rate, 75.0)
        self.assertAlmostEqual(assessment.timeliness_rate, 75.0)
        self.assertAlmostEqual(assessment.validity_rate, 75.0)
        self.assertAlmostEqual(assessment.in_place_rate, 66.67, places=2)
        self.assertAlmostEqual(assessment.key_contact_rate, 50.0)
        # (30 * 80 + 20 * 75 + 15 * 75 + 15 * 75 + 10 * 66.667 + 10 * 50) / 100
        # = (2400 + 1500 + 1125 + 1125 + 666.67 + 500) / 100 = 73.17
        self.assertFalse(assessment.below_baseline)
        self.assertAlmostEqual(assessment.computed_score, 73.17)
        self.assertAlmostEqual(assessment.final_score, 73.17)
        self.assertEqual(assessment.band, "fair")

    def test_nothing_required_rates_100(self):
        self._assess()
        assessment = self._of(self.rep2)
        self.assertEqual(assessment.coverage_required, 0)
        self.assertEqual(assessment.report_count, 0)
        for rate in (
            "coverage_rate",
            "plan_completion_rate",
            "timeliness_rate",
            "validity_rate",
            "in_place_rate",
            "key_contact_rate",
        ):
            self.assertEqual(assessment[rate], 100.0, rate)
        self.assertEqual(assessment.final_score, 100.0)
        self.assertEqual(assessment.band, "excellent")

    def test_who_is_assessed(self):
        self._assess()
        assessed = self.Assessment.search([("month", "=", NOVEMBER)]).user_id
        self.assertEqual(
            assessed & (self.rep | self.rep2 | self.rep_b),
            self.rep | self.rep2 | self.rep_b,
        )
        # team leaders, users without a team and the leader of their own team
        for user in (
            self.manager,
            self.manager_b,
            self.visit_admin,
            self.env.ref("base.user_admin"),
        ):
            self.assertNotIn(user, assessed)
        self.assertEqual(self._of(self.rep_b).team_id, self.team_b)
        self.assertEqual(self._of(self.rep_b).manager_id, self.manager_b)

    def test_anyone_who_reported_is_assessed(self):
        """A team leader is no rep, but a visit they filed is assessed; they
        cannot review their own assessment."""
        report = (
            self.env["visit.report"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.customer_b.id,
                    "visit_mode": "phone",
                    "start_datetime": _at(date(2026, 11, 3)),
                    "end_datetime": _at(date(2026, 11, 3), 3),
                }
            )
        )
        report.sudo().write(
            {"state": "submitted", "submitted_date": _at(report.visit_date)}
        )
        self._assess()
        assessment = self._of(self.manager)
        self.assertEqual(assessment.report_count, 1)
        self.assertEqual(assessment.report_on_time_count, 1)
        self.assertFalse(assessment.team_id)
        self.assertFalse(assessment.with_user(self.manager).can_adjust)
        with self.assertRaisesRegex(UserError, "You cannot change Manager"):
            assessment.with_user(self.manager).write({"comment": "<p>Well done me</p>"})

    def test_weights_from_the_company(self):
        self.company.write(
            {
                "visit_assessment_coverage_baseline": 0,
                "visit_assessment_weight_coverage": 0,
                "visit_assessment_weight_plan": 0,
                "visit_assessment_weight_timeliness": 0,
                "visit_assessment_weight_validity": 0,
                "visit_assessment_weight_in_place": 1,
                "visit_assessment_weight_key_contact": 1,
            }
        )
        self._assess()
        # (66.667 + 50) / 2
        self.assertAlmostEqual(self._of(self.rep).computed_score, 58.33)
        self.assertEqual(self._of(self.rep).band, "below_standard")

    def test_coverage_below_baseline_scores_zero(self):
        # default baseline: 100 %; the rep covered 80 %
        self.assertEqual(self.company.visit_assessment_coverage_baseline, 100)
        self._assess()
        assessment = self._of(self.rep)
        self.assertTrue(assessment.below_baseline)
        self.assertEqual(assessment.coverage_baseline, 100)
        self.assertEqual(assessment.computed_score, 0)
        self.assertEqual(assessment.band, "below_standard")
        # the form says why
        arch = self.Assessment.get_view(view_type="form")["arch"]
        self.assertIn("below the baseline", arch)
        # the manager may still adjust the final score
        assessment.with_user(self.manager).write(
            {"adjustment": 20, "adjustment_reason": "Two customers moved away."}
        )
        self.assertEqual(assessment.final_score, 20)
        self.assertEqual(assessment.computed_score, 0)

    def test_band_edges(self):
        assessment = self.Assessment.create(
            {"user_id": self.rep.id, "company_id": self.company.id, "month": OCTOBER}
        )
        for score, band in (
            (59.99, "below_standard"),
            (60, "poor"),
            (69.99, "poor"),
            (70, "fair"),
            (79.99, "fair"),
            (80, "good"),
            (89.99, "good"),
            (90, "excellent"),
            (100, "excellent"),
        ):
            assessment.computed_score = score
            self.assertEqual(assessment.band, band, score)
        assessment.write(
            {"computed_score": 95, "adjustment": 10, "adjustment_reason": "x"}
        )
        self.assertEqual(assessment.final_score, 100)
        assessment.write({"computed_score": 5, "adjustment": -10})
        self.assertEqual(assessment.final_score, 0)
        self.assertEqual(assessment.band, "below_standard")
        # a manager's 3 points lift 87 to excellent
        assessment.write({"computed_score": 87, "adjustment": 3})
        self.assertEqual(assessment.band, "excellent")

    def test_uncovered_customers(self):
        self._assess()
        assessment = self._of(self.rep)
        action = assessment.with_user(self.rep).action_view_uncovered_partners()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.nanjing)


class TestAssessmentRecompute(AssessmentCommon):
    def test_rerun_updates_and_keeps_the_review(self):
        self.company.visit_assessment_coverage_baseline = 80
        first = self._assess()
        assessment = self._of(self.rep)
        assessment.with_user(self.manager).write(
            {
                "comment": "<p>Call Nanjing Foods first.</p>",
                "adjustment": 5,
                "adjustment_reason": "Covered a colleague's customers.",
            }
        )
        self.assertAlmostEqual(assessment.final_score, 78.17)
        # Nanjing Foods gets its visit after all
        self._done_report(self.nanjing, date(2026, 11, 26))
        second = self._assess()
        self.assertEqual(set(second.ids), set(first.ids))
        self.assertEqual(self._of(self.rep), assessment)
        self.assertEqual(assessment.onsite_done, 3)
        self.assertEqual(assessment.coverage_rate, 100)
        self.assertEqual(assessment.report_count, 5)
        self.assertIn("Call Nanjing Foods first.", assessment.comment)
        self.assertEqual(assessment.adjustment, 5)
        self.assertEqual(assessment.final_score, assessment.computed_score + 5)
        self.assertFalse(assessment._uncovered_partners()[assessment])

    def test_recompute_button(self):
        self._assess()
        assessment = self._of(self.rep)
        rep2_assessment = self._of(self.rep2)
        self._done_report(self.nanjing, date(2026, 11, 26))
        with self.assertRaises(AccessError):
            assessment.with_user(self.rep).action_recompute()
        with self.assertRaises(AccessError):
            assessment.with_user(self.manager_b).action_recompute()
        before = rep2_assessment.computed_date
        with freeze_time("2026-12-02 10:00:00"):
            assessment.with_user(self.manager).action_recompute()
        self.env.invalidate_all()
        self.assertEqual(assessment.onsite_done, 3)
        self.assertEqual(assessment.computed_date, datetime(2026, 12, 2, 10, 0))
        self.assertEqual(rep2_assessment.computed_date, before)

    def test_team_at_computation_time(self):
        self._assess()
        self.team.member_ids = self.rep2
        self.team_b.member_ids = self.rep_b | self.rep
        self.assertEqual(self.rep.sale_team_id, self.team_b)
        self._assess()
        assessment = self._of(self.rep)
        self.assertEqual(assessment.team_id, self.team_b)
        self.assertEqual(assessment.manager_id, self.manager_b)


class TestAssessmentAccess(AssessmentCommon):
    def test_rules_by_rep_and_team(self):
        self._assess()
        mine = self.Assessment.with_user(self.rep).search([("month", "=", NOVEMBER)])
        self.assertEqual(mine.user_id, self.rep)
        team = self.Assessment.with_user(self.manager).search(
            [("month", "=", NOVEMBER)]
        )
        self.assertEqual(team.user_id, self.rep | self.rep2)
        west = self.Assessment.with_user(self.manager_b).search(
            [("month", "=", NOVEMBER)]
        )
        self.assertEqual(west.user_id, self.rep_b)
        everyone = self.Assessment.with_user(self.visit_admin).search(
            [("month", "=", NOVEMBER)]
        )
        self.assertLessEqual(self.rep | self.rep2 | self.rep_b, everyone.user_id)
        with self.assertRaises(AccessError):
            self._of(self.rep2).with_user(self.rep).read(["final_score"])
        with self.assertRaises(AccessError):
            self._of(self.rep).with_user(self.manager_b).read(["final_score"])

    def test_only_the_team_leader_reviews(self):
        self._assess()
        assessment = self._of(self.rep)
        with self.assertRaisesRegex(UserError, "You cannot change Manager"):
            assessment.with_user(self.rep).write({"comment": "<p>All good</p>"})
        self.assertFalse(assessment.with_user(self.rep).can_adjust)
        self.assertTrue(assessment.with_user(self.manager).can_adjust)
        with self.assertRaisesRegex(ValidationError, "Say why"), self.cr.savepoint():
            assessment.with_user(self.manager).write({"adjustment": -5})
        assessment.with_user(self.manager).with_context(
            tracking_disable=False, mail_notrack=False
        ).write(
            {"adjustment": -5, "adjustment_reason": "Reports copied from last month."}
        )
        self.env.flush_all()
        self.cr.flush()  # the tracking values
        self.assertIn(self.rep.partner_id, assessment.message_partner_ids)
        tracked = assessment.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("adjustment", tracked)
        self.assertIn("adjustment_reason", tracked)
        assessment.with_user(self.visit_admin).write({"comment": "<p>Seen.</p>"})
        self.assertIn("Seen.", assessment.comment)

    def test_indicators_are_not_edited_by_hand(self):
        self._assess()
        assessment = self._of(self.rep)
        for values in (
            {"computed_score": 100},
            {"onsite_done": 3},
            {"user_id": self.rep2.id},
            {"month": OCTOBER},
        ):
            with self.assertRaisesRegex(UserError, "recorded by the server"):
                assessment.with_user(self.manager).write(values)
            with self.assertRaisesRegex(UserError, "recorded by the server"):
                assessment.with_user(self.visit_admin).write(values)
        with self.assertRaisesRegex(UserError, "recorded by the server"):
            self.Assessment.with_user(self.visit_admin).create(
                {
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                    "month": OCTOBER,
                }
            )

    def test_one_per_rep_month_and_company(self):
        self._assess()
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Assessment.create(
                {
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                    "month": NOVEMBER,
                }
            )
        with self.assertRaisesRegex(ValidationError, "starts on the 1st"):
            self.Assessment.create(
                {
                    "user_id": self.rep.id,
                    "company_id": self.company.id,
                    "month": date(2026, 10, 2),
                }
            )


class TestAssessmentSettings(VisitCommon):
    def test_defaults(self):
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertEqual(company.visit_assessment_day, 1)
        self.assertEqual(company.visit_assessment_coverage_baseline, 100)
        self.assertEqual(
            [
                company.visit_assessment_weight_coverage,
                company.visit_assessment_weight_plan,
                company.visit_assessment_weight_timeliness,
                company.visit_assessment_weight_validity,
                company.visit_assessment_weight_in_place,
                company.visit_assessment_weight_key_contact,
            ],
            [30, 20, 15, 15, 10, 10],
        )

    def test_checks(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.company.visit_assessment_weight_plan = -1
        with self.assertRaisesRegex(ValidationError, "At least one"):
            self.company.write(
                {
                    "visit_assessment_weight_coverage": 0,
                    "visit_assessment_weight_plan": 0,
                    "visit_assessment_weight_timeliness": 0,
                    "visit_assessment_weight_validity": 0,
                    "visit_assessment_weight_in_place": 0,
                    "visit_assessment_weight_key_contact": 0,
                }
            )
        for day in (0, 29):
            with self.assertRaisesRegex(ValidationError, "between 1 and 28"):
                self.company.visit_assessment_day = day
        with self.assertRaisesRegex(ValidationError, "baseline"):
            self.company.visit_assessment_coverage_baseline = 120

    def test_settings_view(self):
        settings = self.env["res.config.settings"].create(
            {"visit_assessment_day": 3, "visit_assessment_weight_coverage": 40}
        )
        settings.execute()
        self.assertEqual(self.company.visit_assessment_day, 3)
        self.assertEqual(self.company.visit_assessment_weight_coverage, 40)
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        for name in (
            "visit_assessment_day",
            "visit_assessment_coverage_baseline",
            "visit_assessment_weight_key_contact",
        ):
            self.assertIn(f'name="{name}"', arch)


class TestAssessmentCompanies(AssessmentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Visit West Co"})
        cls.rep_c2 = new_test_user(
            cls.env,
            "visit_rep_c2",
            groups=REP_GROUPS,
            company_id=cls.company2.id,
            company_ids=[Command.set(cls.company2.ids)],
        )
        cls.manager_c2 = new_test_user(
            cls.env,
            "visit_manager_c2",
            groups="base.group_user,visit_management.group_visit_manager",
            company_id=cls.company2.id,
            company_ids=[Command.set(cls.company2.ids)],
        )
        cls.team_c2 = cls.env["crm.team"].create(
            {
                "name": "Team North",
                "company_id": cls.company2.id,
                "user_id": cls.manager_c2.id,
                "member_ids": [Command.set(cls.rep_c2.ids)],
            }
        )
        cls.customer_c2 = cls.env["res.partner"].create(
            {
                "name": "Xian Steel",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep_c2.id,
                "company_id": cls.company2.id,
            }
        )
        cls._set_created(cls.customer_c2)
        cls._done_report(cls.customer_c2, date(2026, 11, 9), user=cls.rep_c2)
        cls.company2.visit_assessment_day = 3

    def test_cron_record(self):
        cron = self.env.ref(CRON_REF)
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.code.strip(), "model._cron_monthly_assessment()")

    def test_cron_acts_on_each_companys_day(self):
        def assessed():
            return self.Assessment.search([("month", "=", NOVEMBER)])

        with freeze_time("2026-11-30 08:00:00"):
            self._run_cron("ir_cron_visit_monthly_assessment")
        self.assertFalse(assessed())
        with freeze_time("2026-12-01 08:00:00"):
            self._run_cron("ir_cron_visit_monthly_assessment")
        self.assertEqual(assessed().company_id, self.company)
        self.assertIn(self.rep, assessed().user_id)
        self.assertNotIn(self.rep_c2, assessed().user_id)
        with freeze_time("2026-12-02 08:00:00"):
            self._run_cron("ir_cron_visit_monthly_assessment")
        self.assertEqual(assessed().company_id, self.company)
        first_run = assessed()
        with freeze_time("2026-12-03 08:00:00"):
            self._run_cron("ir_cron_visit_monthly_assessment")
        west = assessed() - first_run
        self.assertEqual(west.user_id, self.rep_c2)
        self.assertEqual(west.company_id, self.company2)
        self.assertEqual(west.team_id, self.team_c2)
        self.assertEqual((west.onsite_done, west.onsite_required), (1, 1))
        self.assertEqual(west.report_count, 1)
        # the first company's assessments were not touched again
        self.assertEqual(
            set(first_run.mapped("computed_date")),
            {datetime(2026, 12, 1, 8, 0)},
        )

    def test_run_cut_short_goes_on_where_it_stopped(self):
        def assessed():
            return self.Assessment.search([("month", "=", NOVEMBER)])

        with freeze_time("2026-12-01 08:00:00"):
            with self._cut_after_one_batch((visit_assessment, "ASSESSMENT_BATCH")):
                self._run_cron("ir_cron_visit_monthly_assessment")
            first_batch = assessed()
            self.assertEqual(len(first_batch.user_id), 1, "one rep's month")
        with freeze_time("2026-12-01 08:30:00"):
            self._run_cron("ir_cron_visit_monthly_assessment")
        self.assertIn(self.rep, assessed().user_id)
        self.assertGreater(len(assessed().user_id), 1, "the others' months too")
        self.assertEqual(
            first_batch.computed_date,
            datetime(2026, 12, 1, 8, 0),
            "not computed again the same day",
        )

    def test_companies_and_rules(self):
        self._assess(companies=self.company2)
        west = self.Assessment.search([("month", "=", NOVEMBER)])
        self.assertEqual(west.user_id, self.rep_c2)
        self._assess()
        self.assertEqual(
            self.Assessment.with_user(self.rep_c2).search([]).user_id, self.rep_c2
        )
        self.assertEqual(
            self.Assessment.with_user(self.manager_c2).search([]).user_id,
            self.rep_c2,
        )
        # the other company's assessments stay out of sight
        self.assertNotIn(
            self.rep_c2,
            self.Assessment.with_user(self.visit_admin).search([]).user_id,
        )
        # the rep's customers of the other company are not theirs to cover here
        self.assertEqual(self._of(self.rep).coverage_required, 5)


class TestAssessmentQueries(VisitCommon):
    """The month's computation costs the same number of queries for 1 rep with 2
    customers as for 3 reps with 10 customers."""

    def _company_with_reps(self, name, reps, customers_per_rep):
        company = self.env["res.company"].create({"name": name})
        users = self.env["res.users"]
        for index in range(reps):
            users |= new_test_user(
                self.env,
                f"{name}_rep{index}",
                groups=REP_GROUPS,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
        leader = new_test_user(
            self.env,
            f"{name}_leader",
            groups="base.group_user,visit_management.group_visit_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self.env["crm.team"].create(
            {
                "name": name,
                "company_id": company.id,
                "user_id": leader.id,
                "member_ids": [Command.set(users.ids)],
            }
        )
        # each rep's visit is not in place: a penalty each, over three months
        self.env["visit.penalty.rule"].create(
            {
                "name": "Not in place",
                "company_id": company.id,
                "condition": "not_in_place",
                "window_months": 3,
                "per_failure": True,
                "amount": 10,
            }
        )
        for user in users:
            partners = self.env["res.partner"].create(
                [
                    {
                        "name": f"{user.login} customer {index}",
                        "is_company": True,
                        "visit_tier": "abcd"[index % 4],
                        "user_id": user.id,
                        "company_id": company.id,
                    }
                    for index in range(customers_per_rep)
                ]
            )
            self.env["visit.report"].with_user(user).create(
                {
                    "user_id": user.id,
                    "partner_id": partners[0].id,
                    "visit_mode": "onsite",
                    "purpose": "relationship",
                    "start_datetime": _at(date(2026, 11, 10)),
                    "end_datetime": _at(date(2026, 11, 10), 3),
                }
            ).action_submit()
        return company

    def _queries(self, month, company):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        assessments = self.env["visit.assessment"]._assess_month(month, company)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, assessments

    def test_queries_do_not_grow_with_reps_and_customers(self):
        small = self._company_with_reps("small", reps=1, customers_per_rep=2)
        large = self._company_with_reps("large", reps=3, customers_per_rep=4)
        warm = self._company_with_reps("warm", reps=1, customers_per_rep=1)
        # warm the caches: a month without penalties, and one with
        self._queries(OCTOBER, large)
        self._queries(NOVEMBER, warm)
        small_count, small_assessments = self._queries(NOVEMBER, small)
        large_count, large_assessments = self._queries(NOVEMBER, large)
        self.assertEqual(len(small_assessments), 1)
        self.assertEqual(len(large_assessments), 3)
        self.assertEqual(sum(large_assessments.mapped("key_customer_count")), 6)
        self.assertEqual(large_assessments.mapped("penalty_amount"), [10.0] * 3)
        self.assertEqual(small_count, large_count)
        # and the same again when updating
        small_update, _small = self._queries(NOVEMBER, small)
        large_update, _large = self._queries(NOVEMBER, large)
        self.assertEqual(small_update, large_update)


class TestAssessmentViewsAndReport(AssessmentCommon):
    def test_views_render(self):
        for xmlid in ("visit_assessment_action", "visit_assessment_action_team"):
            action = self.env.ref(f"visit_management.{xmlid}")
            modes = action.view_mode.split(",")
            for user in (self.rep, self.manager, self.visit_admin):
                with self.subTest(action=xmlid, user=user.login):
                    views = (
                        self.env[action.res_model]
                        .with_user(user)
                        .get_views(
                            [(False, mode) for mode in modes] + [(False, "search")]
                        )
                    )
                    self.assertEqual(set(views["views"]), set(modes) | {"search"})
        team_action = self.env.ref("visit_management.visit_assessment_action_team")
        self.assertEqual(
            team_action.view_ids[:1].view_id,
            self.env.ref("visit_management.visit_assessment_view_pivot_team"),
        )
        self.assertEqual(
            self.env.ref("visit_management.visit_assessment_action").path,
            "visit-assessments",
        )

    def test_menu_visible_to_reps_and_managers(self):
        Menu = self.env["ir.ui.menu"]
        assessments = self.env.ref("visit_management.visit_assessment_menu").id
        by_team = self.env.ref("visit_management.visit_assessment_menu_team").id
        analysis = self.env.ref("visit_management.visit_report_menu_analysis").id
        rep_menus = Menu.with_user(self.rep)._visible_menu_ids()
        manager_menus = Menu.with_user(self.manager)._visible_menu_ids()
        self.assertIn(assessments, rep_menus)
        self.assertNotIn(analysis, rep_menus)
        self.assertNotIn(by_team, rep_menus)
        self.assertLessEqual({assessments, analysis, by_team}, manager_menus)

    def test_monthly_report_pdf(self):
        self.company.visit_assessment_coverage_baseline = 80
        self._assess()
        assessments = self._of(self.rep) | self._of(self.rep2) | self._of(self.rep_b)
        self._of(self.rep).with_user(
            self.manager
        ).comment = "<p>Nanjing Foods needs a visit.</p>"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT_REF, assessments.ids)[0]
            .decode()
        )
        # one page per team: East (rep, rep2) and West (rep_b)
        self.assertEqual(html.count('class="page o_visit_report"'), 2)
        self.assertIn("Team East", html)
        self.assertIn("Team West", html)
        self.assertIn("2026-11", html)
        self.assertIn("Li Lei", html)
        for number in (
            "2 / 3",  # on-site
            "4 / 5 (80 %)",  # coverage
            "3 / 4 (75 %)",  # plan, timeliness, validity
            "2 / 3 (67 %)",  # in place
            "1 / 2 (50 %)",  # key contacts
            "73.17",
            "Fair",
        ):
            self.assertIn(number, html)
        # the urgent report of the month and the customer not covered
        self.assertIn("Hangzhou Tools", html)
        self.assertIn("Competitor Sales Policy Change", html)
        self.assertIn("Nanjing Foods", html)
        self.assertIn("Nanjing Foods needs a visit.", html)
        east_page = html[: html.index("Team West")]
        self.assertIn("Li Lei", east_page)
        report = self.env.ref(REPORT_REF)
        self.assertEqual(report.name, "Monthly Visit Report")
        self.assertEqual(report.binding_model_id.model, "visit.assessment")
