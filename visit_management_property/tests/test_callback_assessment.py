# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from odoo.addons.visit_management_property.models import property_callback_assessment

from .common import PropertyCommon


class TestCallbackAssessment(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.property_callback_max_attempts = 1
        with freeze_time("2026-11-10 04:00:00"):
            on_time = cls._create_callback(due_date=date(2026, 11, 15))
            on_time.write({"satisfaction": "5"})
            on_time.action_done()
            repair = cls._create_callback(
                callback_type="repair", due_date=date(2026, 11, 12)
            )
            repair.write({"satisfaction": "4"})
            repair.action_done()
            unreachable = cls._create_callback(due_date=date(2026, 11, 18))
            unreachable.action_no_answer()
            cls._create_callback(due_date=date(2026, 11, 25))  # never done
            cls._create_callback(due_date=date(2026, 11, 26)).action_cancel()
            cls._create_callback(due_date=date(2026, 12, 1))  # next month
            cls.late = cls._create_callback(due_date=date(2026, 11, 20))
        with freeze_time("2026-12-02 04:00:00"):
            cls.late.write({"satisfaction": "3"})
            cls.late.action_done()

    def _assessment(self, estate=None):
        return self.env["property.callback.assessment"].search(
            [
                ("estate_id", "=", (estate or self.estate).id),
                ("month", "=", date(2026, 11, 1)),
            ]
        )

    def _run(self):
        with freeze_time("2026-12-05 04:00:00"):
            self._run_cron("ir_cron_property_callback_assessments")

    def test_run_cut_short_goes_on_where_it_stopped(self):
        with self._cut_after_one_batch(
            (property_callback_assessment, "ASSESSMENT_BATCH")
        ):
            self._run()
        self.assertTrue(self._assessment())
        self.assertFalse(self._assessment(self.estate_b), "left to the next run")
        self._run()
        self.assertEqual(len(self._assessment()), 1)
        self.assertTrue(self._assessment(self.estate_b))

    def test_monthly_figures_score_and_grade(self):
        self._run()
        assessment = self._assessment()
        self.assertEqual(assessment.state, "draft")
        manager_line = assessment.line_ids.filtered(
            lambda line: line.user_id == self.office_manager
        )
        self.assertEqual(
            (
                manager_line.due_count,
                manager_line.done_count,
                manager_line.on_time_count,
                manager_line.unreachable_count,
            ),
            (4, 2, 1, 1),
        )
        self.assertAlmostEqual(manager_line.callback_rate, 50.0)
        self.assertAlmostEqual(manager_line.timeliness, 25.0)
        self.assertAlmostEqual(manager_line.satisfaction, 4.0)
        # 50% x 50 + 25% x 30 + 80% (4 of 5) x 20
        self.assertAlmostEqual(manager_line.score, 48.5)
        self.assertEqual(manager_line.grade, "below")
        supervisor_line = assessment.line_ids - manager_line
        self.assertEqual(supervisor_line.user_id, self.supervisor)
        self.assertAlmostEqual(supervisor_line.score, 96.0)
        self.assertEqual(supervisor_line.grade, "excellent")
        self.assertEqual((assessment.due_count, assessment.done_count), (5, 3))
        self.assertAlmostEqual(assessment.callback_rate, 60.0)
        self.assertAlmostEqual(assessment.score, 58.0)
        self.assertEqual(assessment.grade, "below")
        quiet = self._assessment(self.estate_b)
        self.assertFalse(quiet.line_ids)
        self.assertEqual(quiet.grade, "excellent", "nothing was due, nothing missed")

    def test_assessments_are_inserted_with_their_figures(self):
        """The new assessments and their lines are inserted with their
        figures, never updated after."""
        with freeze_time("2026-12-05 04:00:00"):
            updates = self._cron_updates(
                "ir_cron_property_callback_assessments",
                "property_callback_assessment",
                "property_callback_assessment_line",
            )
        self.assertEqual(updates, [])
        assessment = self._assessment()
        self.assertEqual(assessment.due_count, 5)
        self.assertAlmostEqual(assessment.score, 58.0)
        self.assertEqual(
            sorted(assessment.line_ids.mapped("grade")), ["below", "excellent"]
        )
        # the figures given at the insert are the ones the compute gives
        figures = ["callback_rate", "timeliness", "satisfaction", "score", "grade"]
        for records in (assessment, assessment.line_ids):
            inserted = records.read(figures)
            records._compute_score()
            self.assertEqual(records.read(figures), inserted)

    def test_weights_follow_the_company(self):
        self.company.write(
            {
                "property_assessment_weight_rate": 1,
                "property_assessment_weight_timeliness": 0,
                "property_assessment_weight_satisfaction": 0,
            }
        )
        self._run()
        self.assertAlmostEqual(self._assessment().score, 60.0)

    def test_rerun_recomputes_drafts_and_keeps_confirmed(self):
        self._run()
        assessment = self._assessment()
        with freeze_time("2026-11-10 04:00:00"):
            self._create_callback(due_date=date(2026, 11, 28))
        self._run()
        self.assertEqual(self._assessment(), assessment, "one per estate and month")
        self.assertEqual(assessment.due_count, 6)
        self.assertLess(assessment.score, 58.0, "one more due, not done")
        score = assessment.score
        assessment._compute_score()
        self.assertEqual(assessment.score, score, "the recomputed figures given")
        with self.assertRaises(UserError):
            assessment.with_user(self.office_manager).action_confirm()
        assessment.with_user(self.manager).action_confirm()
        with freeze_time("2026-11-10 04:00:00"):
            self._create_callback(due_date=date(2026, 11, 29))
        self._run()
        self.assertEqual(assessment.due_count, 6, "confirmed: kept as it was")
        with self.assertRaises(UserError):
            assessment.with_user(self.manager).action_recompute()
        assessment.with_user(self.manager).action_reset()
        assessment.with_user(self.manager).action_recompute()
        self.assertEqual(assessment.due_count, 7)

    def test_office_users_see_their_estates_assessments(self):
        self._run()
        Assessment = self.env["property.callback.assessment"]
        self.assertEqual(
            Assessment.with_user(self.office_user).search([]), self._assessment()
        )
        self.assertEqual(
            Assessment.with_user(self.office_manager_b).search([]),
            self._assessment(self.estate_b),
        )
        with self.assertRaises(AccessError):
            self._assessment().with_user(self.office_manager_b).read(["score"])
        with self.assertRaises(AccessError):
            self._assessment().with_user(self.office_user).action_recompute()
