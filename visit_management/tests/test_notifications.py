# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from .common import VisitCommon


class TestNotifications(VisitCommon):
    """Who hears of what: the followers of a document, by the subtypes each
    keeps. The rep follows their plans and reports and hears of the decisions;
    a manager hears of urgent matters by their role; anyone may choose more or
    fewer subtypes in the chatter's Follow menu."""

    def _subtype(self, name):
        return self.env.ref(f"visit_management.{name}")

    def _submitted_plan(self):
        plan = self._create_plan()
        plan.with_user(self.rep).action_submit()
        return plan

    def test_rep_hears_of_the_decision_unless_they_opted_out(self):
        approved = self._submitted_plan()
        approved.with_user(self.manager).action_approve()
        told = self._messages_to(approved, self.rep.partner_id)
        self.assertEqual(told.subtype_id, self._subtype("mt_visit_plan_approved"))
        self.assertIn("approved", told.body)
        self.assertFalse(
            self._messages_to(approved, self.manager.partner_id), "the author"
        )

        quiet = self._create_plan(month=date(2027, 1, 1))
        quiet.message_subscribe(
            self.rep.partner_id.ids, [self._subtype("mt_visit_plan_rejected").id]
        )
        quiet.with_user(self.rep).action_submit()
        quiet.with_user(self.manager).action_approve()
        self.assertFalse(
            self._messages_to(quiet, self.rep.partner_id),
            "the rep chose to hear of rejections only",
        )
        self.assertTrue(
            quiet.message_ids.filtered(
                lambda message: (
                    message.subtype_id == self._subtype("mt_visit_plan_approved")
                )
            ),
            "the decision is in the chatter all the same",
        )

    def test_another_follower_opts_in_to_submissions(self):
        plan = self._create_plan()
        # saved in an earlier transaction: the one creating a record tracks none
        # of its changes
        self.env.cr.flush()
        plan.message_subscribe(
            self.visit_admin.partner_id.ids,
            [self._subtype("mt_visit_plan_submitted").id],
        )
        # submissions are tracked, as outside the tests' context without tracking
        plan.with_user(self.rep).with_context(
            tracking_disable=False, mail_notrack=False
        ).action_submit()
        self.env.cr.flush()  # tracking is written by the precommit hooks
        told = self._messages_to(plan, self.visit_admin.partner_id)
        self.assertEqual(told.subtype_id, self._subtype("mt_visit_plan_submitted"))
        self.assertFalse(
            self._messages_to(plan, self.manager.partner_id),
            "the manager has the review activity, not a message",
        )

    def test_manager_hears_of_urgent_matters_whatever_they_follow(self):
        report = self._create_report(
            is_urgent=True, urgent_category="competitor_product"
        )
        # the manager follows the report for its returns only
        report.message_subscribe(
            self.manager.partner_id.ids, [self._subtype("mt_visit_report_returned").id]
        )
        report.with_user(self.rep).action_submit()
        told = self._messages_to(report, self.manager.partner_id)
        self.assertEqual(told.subtype_id, self._subtype("mt_visit_report_urgent"))
        self.assertFalse(
            self._messages_to(report, self.rep2.partner_id), "nobody else is told"
        )
