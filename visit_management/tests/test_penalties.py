# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .test_visit_assessment import REPORT_REF, AssessmentCommon

OCTOBER = date(2026, 10, 1)


class TestPenaltyTable(AssessmentCommon):
    """The penalty table (考核兑现) applied by the monthly assessment, on the
    hand-built November of the assessment tests: one planned visit without a
    report, one on-site visit not in place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.visit_assessment_coverage_baseline = 80
        cls.missing = cls.env.ref("visit_management.visit_penalty_rule_missing_report")
        cls.not_in_place = cls.env.ref(
            "visit_management.visit_penalty_rule_five_not_in_place"
        )

    def _penalties(self):
        return self._of(self.rep).penalty_ids

    def test_the_regulations_table(self):
        """50 per planned visit not made; five visits not in place, not yet."""
        self._assess()
        assessment = self._of(self.rep)
        penalty = assessment.penalty_ids
        self.assertEqual(penalty.rule_id, self.missing)
        self.assertEqual((penalty.failures, penalty.amount), (1, 50))
        self.assertEqual(assessment.penalty_amount, 50)
        self.assertEqual(assessment.consequence, "none")
        # money, not points: the score stays
        self.assertAlmostEqual(assessment.final_score, 73.17)
        # computed again: the same penalty, not a second one
        self._assess()
        self.assertEqual(len(self._penalties()), 1)

    def test_failures_counted_over_the_months(self):
        """One visit not in place in October, one in November: over two months
        they reach a threshold of two, and the points come off the score."""
        self.not_in_place.write({"threshold": 2, "window_months": 2, "points": 5})
        self.Assessment.create(
            {
                "user_id": self.rep.id,
                "company_id": self.company.id,
                "month": OCTOBER,
                "onsite_report_count": 4,
                "onsite_in_place_count": 3,
            }
        )
        self._assess()
        assessment = self._of(self.rep)
        penalty = assessment.penalty_ids.filtered(
            lambda line: line.rule_id == self.not_in_place
        )
        self.assertEqual((penalty.failures, penalty.points), (2, 5))
        self.assertEqual(assessment.consequence, "post_review")
        self.assertAlmostEqual(assessment.final_score, 68.17)
        self.assertEqual(assessment.band, "poor")
        # counted over November only, one is not enough
        self.not_in_place.window_months = 1
        self._assess()
        self.assertEqual(self._penalties().rule_id, self.missing)
        self.assertAlmostEqual(self._of(self.rep).final_score, 73.17)

    def test_on_the_assessment_and_in_the_monthly_report(self):
        self.missing.write({"points": 2, "consequence": "warning"})
        self._assess()
        assessment = self._of(self.rep)
        penalties = assessment.with_user(self.rep).penalty_ids
        self.assertEqual(penalties.consequence, "warning")
        with self.assertRaises(AccessError):
            self._of(self.rep_b).with_user(self.rep).penalty_ids.read(["amount"])
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT_REF, assessment.ids)[0]
            .decode()
        )
        self.assertIn("o_visit_penalties", html)
        self.assertIn("Planned visit not made", html)
        self.assertIn("penalties <span>-2.00</span>", html)
        self.assertIn("71.17", html)

    def test_the_table_is_the_administrators(self):
        with self.assertRaises(AccessError):
            self.missing.with_user(self.manager).amount = 0
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.missing.window_months = 13
            self.env.flush_all()
        self.missing.with_user(self.visit_admin).amount = 80
        self.assertEqual(self.missing.amount, 80)
