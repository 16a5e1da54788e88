# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user
from odoo.tools import mute_logger

from .common import REP_GROUPS, VisitCommon

PLAN_APPROVAL = "visit_management.mail_activity_visit_plan_approval"


class TestVisitPlan(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["visit.plan"]
        cls.approval_type = cls.env.ref(PLAN_APPROVAL)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _submitted_plan(self, **values):
        plan = self._create_plan(**values)
        plan.action_submit()
        return plan

    def _approved_plan(self, **values):
        plan = self._submitted_plan(**values)
        plan.with_user(self.manager).action_approve()
        return plan

    def _reject(self, plan, reason, user=None):
        """Rejects the way the form does: the button's wizard, then Confirm."""
        user = user or self.manager
        action = plan.with_user(user).action_reject()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()

    def _approval_activities(self, plan):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "visit.plan"),
                    ("res_id", "=", plan.id),
                    ("activity_type_id", "=", self.approval_type.id),
                ]
            )
        )

    def _messages_to_rep(self, plan):
        return self._messages_to(plan, self.rep.partner_id)

    def _line_values(self, day, **values):
        """A planned visit to the customer on a day of December 2026, or on a date."""
        if isinstance(day, int):
            day = date(2026, 12, day)
        return {
            "partner_id": self.customer.id,
            "planned_datetime": datetime.combine(day, time(2, 0)),
            **values,
        }

    # ------------------------------------------------------------------
    # Period, name, uniqueness
    # ------------------------------------------------------------------
    def test_monthly_plan_period_name_and_deadline(self):
        plan = self._create_plan()
        self.assertEqual(plan.period_type, "month")
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.name, f"2026-12 / {self.rep.name}")
        self.assertEqual(plan.date_end, date(2026, 12, 31))
        self.assertEqual(plan.submission_deadline, date(2026, 11, 30))
        self.assertEqual(plan.manager_id, self.manager)
        self.assertEqual(plan.team_id, self.team)

    @freeze_time("2026-03-15")
    def test_default_period_is_next_month(self):
        plan = self.Plan.with_user(self.rep).create({})
        self.assertEqual(plan.user_id, self.rep)
        self.assertEqual(plan.date_start, date(2026, 4, 1))
        self.assertEqual(plan.date_end, date(2026, 4, 30))

    def test_created_from_the_form(self):
        with Form(self.Plan.with_user(self.rep)) as form:
            form.date_start = date(2027, 1, 1)
        self.assertEqual(form.record.state, "draft")
        self.assertEqual(form.record.user_id, self.rep)

    def test_weekly_plan_starts_monday(self):
        plan = self._create_plan(month=date(2026, 11, 30), period_type="week", lines=0)
        self.assertEqual(plan.name, f"2026-W49 / {self.rep.name}")
        self.assertEqual(plan.date_end, date(2026, 12, 6))
        self.assertEqual(plan.submission_deadline, date(2026, 11, 30))
        with self.assertRaisesRegex(ValidationError, "Monday"):
            self._create_plan(
                month=date(2026, 12, 1), lines=0, period_type="week", user=self.rep2
            )

    def test_period_type_change_moves_start(self):
        plan = self.Plan.with_user(self.rep).new(
            {"date_start": date(2026, 12, 1), "period_type": "week"}
        )
        plan._onchange_period_type()
        self.assertEqual(plan.date_start, date(2026, 12, 7))
        plan.period_type = "month"
        plan._onchange_period_type()
        self.assertEqual(plan.date_start, date(2026, 12, 1))

    def test_monthly_plan_starts_on_first(self):
        with self.assertRaisesRegex(ValidationError, "1st"):
            self._create_plan(month=date(2026, 12, 2), lines=0)

    def test_one_plan_per_rep_and_period(self):
        self._create_plan()
        # another month and another rep are fine
        self._create_plan(month=date(2027, 1, 1))
        self._create_plan(user=self.rep2)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            self._create_plan(lines=0)
        self.assertIn(
            "one plan per period",
            self.Plan._sql_error_to_message(caught.exception),
        )

    def _new_plan_action(self, user):
        """What New on the plans' kanban runs (its on_create server action)."""
        return (
            self.env.ref("visit_management.visit_plan_action_new").with_user(user).run()
        )

    def test_new_opens_the_plan_of_the_month_to_plan(self):
        action = self._new_plan_action(self.rep)
        self.assertEqual(action["res_model"], "visit.plan")
        self.assertFalse(action["res_id"], "no plan yet: a new one")
        # the reminder made December's draft ready: New opens it
        december = self._create_plan(lines=0)
        action = self._new_plan_action(self.rep)
        self.assertEqual(action["res_id"], december.id)
        self.assertEqual(action["name"], december.name)
        # not another rep's, nor the manager's own
        self.assertFalse(self._new_plan_action(self.rep2)["res_id"])
        self.assertFalse(self._new_plan_action(self.manager)["res_id"])
        # once December is submitted, New plans January
        december.write({"line_ids": [(0, 0, self._line_values(10))]})
        december.action_submit()
        action = self._new_plan_action(self.rep)
        self.assertFalse(action["res_id"])
        with Form(self.Plan.with_user(self.rep)) as form:
            self.assertEqual(form.date_start, date(2027, 1, 1))
        january = form.record
        self.assertEqual(self._new_plan_action(self.rep)["res_id"], january.id)
        # a rejected plan is to be planned again
        self._reject(december, "Plan Huadong twice.")
        self.assertEqual(self._new_plan_action(self.rep)["res_id"], december.id)

    def test_new_plan_starts_on_a_month_without_plan(self):
        self._create_plan(lines=0)
        self._create_plan(month=date(2027, 1, 1), lines=0)
        with Form(self.Plan.with_user(self.rep)) as form:
            self.assertEqual(form.date_start, date(2027, 2, 1))
            self.assertEqual(form.name, f"2027-02 / {self.rep.name}")
        with Form(self.Plan.with_user(self.rep2)) as form:
            self.assertEqual(form.date_start, date(2026, 12, 1))

    def test_period_with_a_plan_warns_at_once(self):
        december = self._create_plan(lines=0)
        form = Form(self.Plan.with_user(self.rep))
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.date_start = date(2026, 12, 1)
        self.assertIn(f"{december.name} already exists", logs.output[0])
        with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
            form.date_start = date(2027, 3, 1)
            form.save()
        # the plan itself is no other plan of its period
        with (
            self.assertNoLogs("odoo.tests.form.onchange", "WARNING"),
            Form(december) as edited,
        ):
            edited.period_type = "month"
            edited.date_start = date(2026, 12, 1)

    def test_rep_keeps_own_team(self):
        with self.assertRaisesRegex(ValidationError, "not a member"):
            self._create_plan(team_id=self.team_b.id)

    # ------------------------------------------------------------------
    # Lines
    # ------------------------------------------------------------------
    def test_line_outside_period_is_refused(self):
        plan = self._create_plan(lines=0)
        with self.assertRaisesRegex(ValidationError, "outside the plan's period"):
            plan.line_ids.create(
                {
                    "plan_id": plan.id,
                    "partner_id": self.customer.id,
                    "planned_datetime": datetime(2027, 1, 3, 2, 0),
                }
            )
        # nor may the period move away from its planned visits
        plan = self._create_plan(user=self.rep2)
        with self.assertRaisesRegex(ValidationError, "outside the plan's period"):
            plan.date_start = date(2027, 1, 1)

    def test_line_contact_belongs_to_customer(self):
        stranger = self.env["res.partner"].create(
            {"name": "Zhao Lei", "parent_id": self.customer_b.id}
        )
        plan = self._create_plan()
        with self.assertRaisesRegex(ValidationError, "not a contact of"):
            plan.line_ids.contact_id = stranger
        plan.line_ids.contact_id = self.contact2
        self.assertEqual(plan.line_ids.contact_id, self.contact2)

    def test_line_place_defaults_to_customer_address(self):
        self.customer.write({"street": "88 Nanjing Road", "city": "Shanghai"})
        plan = self._create_plan(lines=0)
        onsite, phone = plan.line_ids.create(
            [
                {"plan_id": plan.id, **self._line_values(3)},
                {"plan_id": plan.id, **self._line_values(4, visit_mode="phone")},
            ]
        )
        self.assertIn("88 Nanjing Road", onsite.place)
        self.assertIn("Shanghai", onsite.place)
        self.assertFalse(phone.place)
        onsite.place = "Hongqiao office"
        self.assertEqual(onsite.place, "Hongqiao office")

    def test_line_planning_details_and_budget(self):
        plan = self._create_plan(lines=0)
        plan.write(
            {
                "line_ids": [
                    (
                        0,
                        0,
                        self._line_values(
                            3,
                            contact_id=self.contact.id,
                            purpose="new_product",
                            topics="Spring catalogue",
                            materials="Samples",
                            budget_amount=300.0,
                            budget_note="Tea set",
                        ),
                    ),
                    (0, 0, self._line_values(4, budget_amount=200.0)),
                ]
            }
        )
        line = plan.line_ids[0]
        self.assertEqual(line.contact_phone, self.contact.phone)
        self.assertEqual(line.currency_id, self.company.currency_id)
        self.assertEqual(plan.budget_total, 500.0)
        # the rep's client is refused before the database would be
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            line.budget_amount = -1.0
        self.assertEqual(line.budget_amount, 300.0)
        # and the database refuses it from the server's own code too
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as caught,
            self.env.cr.savepoint(),
        ):
            line.sudo().budget_amount = -1.0
            line.flush_recordset()
        self.assertIn(
            "cannot be negative",
            line._sql_error_to_message(caught.exception),
        )

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------
    def test_submit_needs_lines(self):
        plan = self._create_plan(lines=0)
        with self.assertRaisesRegex(UserError, "at least one planned visit"):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")

    def test_submit_needs_team_leader(self):
        loner = new_test_user(self.env, "visit_loner", groups=REP_GROUPS)
        plan = self._create_plan(user=loner)
        with self.assertRaisesRegex(UserError, "no sales team leader"):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")

    def test_submit_schedules_approval_for_manager(self):
        with freeze_time("2026-11-20 08:00:00"):
            plan = self._submitted_plan()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.submission_count, 1)
        self.assertEqual(plan.submitted_date, datetime(2026, 11, 20, 8, 0))
        self.assertFalse(plan.submitted_late)
        activity = self._approval_activities(plan)
        self.assertEqual(activity.user_id, self.manager)
        self.assertTrue(activity.active)
        self.assertEqual(activity.date_deadline, plan.submission_deadline)

    def test_submit_after_deadline_is_late(self):
        with freeze_time("2026-12-01 08:00:00"):
            plan = self._submitted_plan()
        self.assertTrue(plan.submitted_late)

    def test_submit_only_once(self):
        plan = self._submitted_plan()
        with self.assertRaisesRegex(UserError, "Only a draft plan"):
            plan.action_submit()

    # ------------------------------------------------------------------
    # Review: who may approve or reject
    # ------------------------------------------------------------------
    def test_manager_approves(self):
        plan = self._approved_plan()
        self.assertEqual(plan.state, "approved")
        activity = self._approval_activities(plan)
        self.assertFalse(activity.active, "the approval activity is done")
        self.assertIn("approved", activity.feedback)
        self.assertIn("approved", self._messages_to_rep(plan).body)

    def test_admin_approves(self):
        plan = self._submitted_plan()
        plan.with_user(self.visit_admin).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_rep_cannot_approve_own_plan(self):
        plan = self._submitted_plan()
        with self.assertRaisesRegex(UserError, "Only the manager"):
            plan.action_approve()
        with self.assertRaisesRegex(UserError, "Only the manager"):
            plan.action_reject()
        with self.assertRaisesRegex(UserError, "buttons"):
            plan.write({"state": "approved"})
        self.assertEqual(plan.state, "submitted")

    def test_other_reviewers_cannot_approve(self):
        plan = self._submitted_plan()
        for user in (self.manager_b, self.rep2):
            with self.assertRaises(AccessError):
                plan.with_user(user).action_approve()
        self.assertEqual(plan.state, "submitted")

    def test_nobody_approves_own_plan(self):
        self.team.member_ids |= self.manager | self.visit_admin
        own_plan = self._submitted_plan(user=self.manager)
        self.assertEqual(own_plan.manager_id, self.manager)
        with self.assertRaisesRegex(UserError, "Only the manager"):
            own_plan.action_approve()
        admin_plan = self._submitted_plan(user=self.visit_admin)
        with self.assertRaisesRegex(UserError, "Only the manager"):
            admin_plan.action_approve()
        own_plan.with_user(self.visit_admin).action_approve()
        admin_plan.with_user(self.manager).action_approve()
        self.assertEqual((own_plan | admin_plan).mapped("state"), ["approved"] * 2)

    def test_reject_with_reason(self):
        plan = self._submitted_plan()
        action = plan.with_user(self.manager).action_reject()
        self.assertEqual(action["res_model"], "visit.reason.wizard")
        self.assertEqual(action["context"]["active_ids"], plan.ids)
        self._reject(plan, "Add the key accounts.")
        self.assertEqual(plan.state, "rejected")
        self.assertEqual(plan.reject_reason, "Add the key accounts.")
        self.assertFalse(self._approval_activities(plan).active)
        self.assertIn("Add the key accounts.", self._messages_to_rep(plan).body)

    def test_reject_needs_reason(self):
        plan = self._submitted_plan()
        with self.assertRaisesRegex(UserError, "reason"):
            self._reject(plan, "   ")
        self.assertEqual(plan.state, "submitted")

    def test_other_manager_cannot_reject(self):
        plan = self._submitted_plan()
        with self.assertRaises(AccessError):
            self._reject(plan, "Not mine", user=self.manager_b)
        self.assertEqual(plan.state, "submitted")

    def test_wizard_refuses_unrelated_model(self):
        plan = self._submitted_plan()
        wizard = (
            self.env["visit.reason.wizard"]
            .with_user(self.manager)
            .with_context(active_model="res.partner", active_ids=plan.ids)
            .create({"reason": "Wrong door"})
        )
        with self.assertRaisesRegex(UserError, "visit plan or report"):
            wizard.action_confirm()
        self.assertEqual(plan.state, "submitted")

    def test_revise_and_resubmit(self):
        plan = self._submitted_plan()
        self._reject(plan, "Too few visits.")
        plan.action_reset_to_draft()
        self.assertEqual(plan.state, "draft")
        plan.write({"line_ids": [(0, 0, self._line_values(20))]})
        self.env.cr.flush()  # end the revision as a saved form would
        plan.with_context(tracking_disable=False, mail_notrack=False).action_submit()
        self.env.cr.flush()  # runs the pre-commit hooks that write tracking values
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.submission_count, 2)
        tracked = plan.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "submission_count"
        )
        self.assertEqual(tracked.mapped("new_value_integer"), [2])
        self.assertEqual(len(self._approval_activities(plan).filtered("active")), 1)

    def test_approved_plan_cannot_go_back_to_draft(self):
        plan = self._approved_plan()
        with self.assertRaisesRegex(UserError, "back to draft"):
            plan.action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "draft plans can be deleted"):
            plan.unlink()

    # ------------------------------------------------------------------
    # Approved plans
    # ------------------------------------------------------------------
    def test_approved_plan_read_only_for_rep(self):
        plan = self._approved_plan()
        line = plan.line_ids
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            plan.date_start = date(2026, 12, 1)
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            line.topics = "Something else"
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            line.create({"plan_id": plan.id, **self._line_values(12)})
        with self.assertRaisesRegex(UserError, "is Approved: you cannot change"):
            line.unlink()
        line.with_user(self.manager).topics = "Agreed with the manager"
        self.assertEqual(line.topics, "Agreed with the manager")

    def test_approval_fills_rep_calendar(self):
        self.customer.write({"street": "88 Nanjing Road", "city": "Shanghai"})
        plan = self._create_plan(lines=2)
        self.assertFalse(plan.line_ids.calendar_event_id, "no event before approval")
        plan.action_submit()
        plan.with_user(self.manager).action_approve()
        for line in plan.line_ids:
            event = line.calendar_event_id
            self.assertEqual(event.user_id, self.rep)
            self.assertEqual(event.start, line.planned_datetime)
            self.assertEqual(event.location, line.place)
            self.assertIn(self.rep.partner_id, event.partner_ids)
            self.assertIn(self.customer.name, event.name)

    def test_manager_moves_and_deletes_planned_visits(self):
        plan = self._approved_plan()
        line = plan.line_ids.with_user(self.manager)
        event = line.calendar_event_id
        line.planned_datetime = datetime(2026, 12, 18, 6, 0)
        self.assertEqual(event.start, datetime(2026, 12, 18, 6, 0))
        line.place = "Hongqiao office"
        self.assertEqual(event.location, "Hongqiao office")
        line.visit_mode = "phone"
        self.assertFalse(event.location, "a call has no place")
        added = line.create({"plan_id": plan.id, **self._line_values(22)})
        self.assertEqual(added.calendar_event_id.start, datetime(2026, 12, 22, 2, 0))
        line.unlink()
        self.assertFalse(event.exists())

    def test_reported_visit_cannot_be_deleted(self):
        plan = self._approved_plan()
        self._create_report(plan_line_id=plan.line_ids.id)
        with self.assertRaisesRegex(UserError, "has a visit report"):
            plan.line_ids.with_user(self.manager).unlink()
        self.assertTrue(plan.line_ids.exists())

    # ------------------------------------------------------------------
    # Completion and coverage
    # ------------------------------------------------------------------
    def test_completion_rate(self):
        plan = self._approved_plan(lines=2)
        self.assertEqual(plan.completion_rate, 0.0)
        report = self._create_report(plan_line_id=plan.line_ids[0].id)
        self.assertFalse(plan.line_ids[0].is_done, "a draft report is no visit")
        report.action_submit()
        self.assertTrue(plan.line_ids[0].is_done)
        self.assertEqual(plan.done_line_count, 1)
        self.assertEqual(plan.completion_rate, 50.0)

    def _next_week_plan(self):
        """Due dates count from today (the creation of a never visited customer),
        so coverage is checked on an empty plan for next week."""
        today = date.today()
        monday = today + timedelta(days=7 - today.weekday())
        return self._create_plan(month=monday, period_type="week", lines=0)

    def test_uncovered_customers(self):
        Partner = self.env["res.partner"]
        customers = Partner.create(
            [
                {"name": name, "is_company": True, "visit_tier": tier}
                for name, tier in [
                    ("Forgotten Ltd.", "b"),
                    ("Phoned Ltd.", "d"),
                    ("Called On Ltd.", "c"),
                    ("Visited Ltd.", "a"),
                ]
            ]
        )
        customers.user_id = self.rep
        forgotten, phoned, called_on, visited = customers
        plan = self._next_week_plan()
        monday = plan.date_start
        self.customer_b.user_id = self.rep2  # another rep's customer
        # visited on-site 10 days before the week: due again a month later
        self._create_report(
            partner_id=visited.id,
            contact_id=False,
            start_datetime=datetime.combine(monday - timedelta(days=10), time(2, 0)),
            end_datetime=datetime.combine(monday - timedelta(days=10), time(3, 0)),
        ).action_submit()
        self.assertGreater(visited.next_visit_date, monday + timedelta(days=6))
        plan.write(
            {
                "line_ids": [
                    (0, 0, self._line_values(monday)),
                    (0, 0, self._line_values(monday, partner_id=called_on.id)),
                    (
                        0,
                        0,
                        self._line_values(
                            monday, partner_id=phoned.id, visit_mode="phone"
                        ),
                    ),
                ]
            }
        )
        # tier C and D need an on-site visit every 3 months too: a call is not enough
        self.assertEqual(plan.uncovered_partner_ids, forgotten | phoned)
        phoned_line = plan.line_ids.filtered(lambda line: line.partner_id == phoned)
        phoned_line.visit_mode = "onsite"
        self.assertEqual(plan.uncovered_partner_ids, forgotten)

    def test_coverage_is_per_company(self):
        north = self.env["res.company"].create({"name": "Visits North"})
        self.rep.company_ids |= north
        northern = self.env["res.partner"].create(
            {
                "name": "Northern Ltd.",
                "is_company": True,
                "visit_tier": "a",
                "user_id": self.rep.id,
                "company_id": north.id,
            }
        )
        rep_customers = (
            self.env["res.partner"]
            .with_user(self.rep)
            .search([("user_id", "=", self.rep.id)])
        )
        self.assertIn(northern, rep_customers, "the rep sees both companies")
        plan = self._next_week_plan()
        self.assertEqual(plan.uncovered_partner_ids, self.customer)
