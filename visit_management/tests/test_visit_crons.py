# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.visit_management.models import res_partner, visit_plan, visit_report

from .common import REP_GROUPS, VisitCommon


class CronCommon(VisitCommon):
    def _set_create_date(self, partners, day):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = ANY(%s)",
            (datetime.combine(day, datetime.min.time()), partners.ids),
        )
        partners.invalidate_recordset(["create_date"])


class TestDueDatesCron(CronCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.old_a = Partner.create(
            {
                "name": "Old A",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep.id,
            }
        )
        cls.old_c = Partner.create(
            {
                "name": "Old C",
                "is_company": True,
                "visit_tier": "c",
                "user_id": cls.rep2.id,
            }
        )
        cls.no_rep = Partner.create(
            {"name": "Nobody's", "is_company": True, "visit_tier": "b"}
        )
        cls.today = fields.Date.context_today(cls.env["res.partner"])

    def _age(self, partners, days):
        self._set_create_date(partners, self.today - timedelta(days=days))
        # what an import or a script writing SQL would leave: stale dates
        self.env.cr.execute(
            "UPDATE res_partner SET next_visit_date = NULL, last_visit_date = NULL"
            " WHERE id = ANY(%s)",
            (partners.ids,),
        )
        partners.invalidate_recordset()

    def _visit_today(self, partner, user, mode="onsite"):
        start = datetime.combine(self.today, datetime.min.time()) + timedelta(hours=1)
        report = self._create_report(
            user=user,
            partner_id=partner.id,
            contact_id=False,
            visit_mode=mode,
            start_datetime=start,
            end_datetime=start + timedelta(hours=1),
        )
        report.sudo().write({"state": "submitted"})
        return report

    def test_recomputes_stale_dates_like_the_orm(self):
        customers = self.old_a | self.old_c | self.customer
        self._visit_today(self.customer, self.rep)
        expected = {
            partner.id: (partner.last_visit_date, partner.next_visit_date)
            for partner in customers
        }
        self._age(customers, 10)
        self.assertFalse(self.customer.next_visit_date)
        self._run_cron("ir_cron_visit_due_dates")
        for partner in customers:
            with self.subTest(partner=partner.name):
                self.assertTrue(partner.next_visit_date)
                # the creation date moved: only never-visited customers change
                if partner == self.customer:
                    self.assertEqual(
                        (partner.last_visit_date, partner.next_visit_date),
                        expected[partner.id],
                    )
                else:
                    self.assertEqual(
                        partner.next_visit_date, self.today - timedelta(days=10)
                    )

    def test_one_activity_per_rep_listing_overdue_customers(self):
        second_a = self.old_a.copy({"name": "Second A"})
        self._age(self.old_a | second_a | self.old_c | self.no_rep, 40)
        self._run_cron("ir_cron_visit_due_dates")
        rep_todo = self._activities("mail_activity_visit_overdue", self.rep)
        self.assertEqual(len(rep_todo), 1, "one activity, not one per customer")
        self.assertFalse(rep_todo.res_model, "a to-do of the rep, not of a customer")
        self.assertIn("Old A", rep_todo.note)
        self.assertIn("Second A", rep_todo.note)
        self.assertNotIn("Old C", rep_todo.note)
        rep2_todo = self._activities("mail_activity_visit_overdue", self.rep2)
        self.assertIn("Old C", rep2_todo.note)
        self.assertNotIn("Old A", rep2_todo.note)
        self.assertFalse(self._activities("mail_activity_visit_overdue", self.manager))
        self.assertEqual(self.old_a.visit_overdue_notified_date, self.today)
        self.assertEqual(self.no_rep.visit_overdue_notified_date, self.today)

    def test_second_run_notifies_nobody_twice(self):
        self._age(self.old_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        todo = self._activities("mail_activity_visit_overdue", self.rep)
        note = todo.note
        self._run_cron("ir_cron_visit_due_dates")
        self.assertEqual(
            self._activities("mail_activity_visit_overdue", self.rep), todo
        )
        self.assertEqual(todo.note, note)

    def test_names_are_escaped_in_the_list(self):
        self.old_a.name = "Old A <b>& Sons</b>"
        self._age(self.old_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        todo = self._activities("mail_activity_visit_overdue", self.rep)
        self.assertIn("Old A &lt;b&gt;&amp; Sons&lt;/b&gt;", todo.note)
        self.assertNotIn("<b>", todo.note)

    def test_long_lists_say_how_many_more(self):
        second_a = self.old_a.copy({"name": "Second A"})
        self._age(self.old_a | second_a, 40)
        with patch(f"{res_partner.__name__}.OVERDUE_LISTED", 1):
            self._run_cron("ir_cron_visit_due_dates")
        todo = self._activities("mail_activity_visit_overdue", self.rep)
        self.assertEqual(todo.note.count("<li>"), 1)
        self.assertIn("1 more", todo.note)

    def test_newly_overdue_customers_join_the_open_activity(self):
        self._age(self.old_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        second_a = self.old_a.copy({"name": "Second A"})
        self._age(second_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        todo = self._activities("mail_activity_visit_overdue", self.rep)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.note.count("Old A"), 1)
        self.assertIn("Second A", todo.note)

    def test_visited_customer_is_cleared_and_told_again_next_time(self):
        self._age(self.old_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        self._activities("mail_activity_visit_overdue", self.rep).action_feedback()
        self._visit_today(self.old_a, self.rep)
        self._run_cron("ir_cron_visit_due_dates")
        self.assertFalse(self.old_a.visit_overdue, "visited today: due next month")
        self.assertFalse(self.old_a.visit_overdue_notified_date)
        self.assertFalse(self._activities("mail_activity_visit_overdue", self.rep))

    def test_company_rules_apply_to_their_company_only(self):
        other = self.env["res.company"].create({"name": "Visits North"})
        rep_north = new_test_user(
            self.env,
            "visit_rep_north",
            groups=REP_GROUPS,
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        north_a = self.env["res.partner"].create(
            {
                "name": "North A",
                "is_company": True,
                "visit_tier": "a",
                "user_id": rep_north.id,
                "company_id": other.id,
            }
        )
        # North visits its A customers every 3 months
        self.env["visit.frequency.rule"].create(
            {"tier": "a", "visit_mode": "onsite", "interval_months": 3}
        ).company_id = other
        self.env.ref(
            "visit_management.visit_frequency_rule_a_onsite"
        ).company_id = self.company
        self._age(north_a | self.old_a, 40)
        self._run_cron("ir_cron_visit_due_dates")
        self.assertTrue(self.old_a.visit_overdue)
        self.assertTrue(north_a.visit_overdue, "never visited: due since creation")
        north_todo = self._activities("mail_activity_visit_overdue", rep_north)
        self.assertIn("North A", north_todo.note)
        self.assertNotIn(
            "North A", self._activities("mail_activity_visit_overdue", self.rep).note
        )
        report = self._visit_today(north_a, rep_north)
        report.flush_recordset()
        self._run_cron("ir_cron_visit_due_dates")
        self.assertGreater(
            north_a.next_visit_date, self.today + timedelta(days=80), "3-month rule"
        )

    def test_interrupted_run_resumes_after_the_last_batch(self):
        self._age(self.old_a | self.old_c | self.no_rep, 10)
        tiered = self.env["res.partner"].search([("visit_tier", "!=", False)])
        with self._cut_after_one_batch((res_partner, "DUE_DATES_BATCH")):
            self._run_cron("ir_cron_visit_due_dates")
        refreshed = tiered.filtered("visit_dates_refresh_date")
        self.assertEqual(len(refreshed), 1, "one batch done before the time was up")
        self.assertEqual(refreshed.visit_dates_refresh_date, self.today)
        self.assertFalse(self._activities("mail_activity_visit_overdue"))
        self._run_cron("ir_cron_visit_due_dates")
        self.assertEqual(set(tiered.mapped("visit_dates_refresh_date")), {self.today})
        self.assertTrue(
            all((self.old_a | self.old_c | self.no_rep).mapped("next_visit_date"))
        )
        self.assertTrue(self._activities("mail_activity_visit_overdue"))

    def test_next_day_refreshes_every_customer_again(self):
        self._run_cron("ir_cron_visit_due_dates")
        self._age(self.old_a, 10)
        self._run_cron("ir_cron_visit_due_dates")
        self.assertFalse(self.old_a.next_visit_date, "refreshed today already")
        with freeze_time(self.today + timedelta(days=1, hours=4)):
            self._run_cron("ir_cron_visit_due_dates")
        self.assertTrue(self.old_a.next_visit_date)

    def test_batches_are_set_based(self):
        Partner = self.env["res.partner"]

        def batch_queries(count):
            partners = Partner.create(
                [
                    {
                        "name": f"Bulk {count} {i}",
                        "is_company": True,
                        "visit_tier": "abcd"[i % 4],
                        "user_id": (self.rep, self.rep2)[i % 2].id,
                    }
                    for i in range(count)
                ]
            )
            self._age(partners, 40)
            self.env.flush_all()
            self.env.invalidate_all()
            # cold method caches for every size: what earlier tests left cached
            # (the superuser, the defaults of activities) costs no query here
            self.env.registry.clear_all_caches()
            before = self.env.cr.sql_log_count
            Partner._store_visit_dates(partners, self.today)
            Partner._notify_overdue_today(self.today)
            self.env.flush_all()
            self.assertTrue(all(partners.mapped("visit_overdue")))
            return self.env.cr.sql_log_count - before

        batch_queries(2)  # warms the record caches of the reps and activity type
        self._activities("mail_activity_visit_overdue").unlink()
        small = batch_queries(4)
        self._activities("mail_activity_visit_overdue").unlink()
        large = batch_queries(40)
        # After the rest of the suite the larger batch reads the superuser's
        # record once more (one query, whatever the size); a query per customer
        # would add 36.
        self.assertLessEqual(
            large, small + 1, "queries do not depend on the batch size"
        )


class TestPlanReminderCron(CronCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.december = date(2026, 12, 1)
        # rep2 submitted; rep_b has a draft; rep has nothing
        submitted = cls._create_plan(user=cls.rep2, month=cls.december)
        submitted.with_user(cls.rep2).action_submit()
        cls.draft_b = (
            cls.env["visit.plan"]
            .with_user(cls.rep_b)
            .create({"user_id": cls.rep_b.id, "date_start": cls.december})
        )

    def _plan(self, user):
        return self.env["visit.plan"].search(
            [("user_id", "=", user.id), ("date_start", "=", self.december)]
        )

    def test_no_reminder_before_the_window(self):
        with freeze_time("2026-11-26 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")
        self.assertFalse(self._plan(self.rep))
        self.assertFalse(self._activities("mail_activity_visit_plan_reminder"))

    def test_reps_without_submitted_plan_are_reminded_once(self):
        with freeze_time("2026-11-27 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")
            self._run_cron("ir_cron_visit_plan_reminders")
        plan = self._plan(self.rep)
        self.assertEqual(plan.state, "draft", "a draft plan is ready for the rep")
        # the rep follows it; the reminder tells them, no email of its own
        self.assertIn(self.rep.partner_id, plan.message_partner_ids)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "visit.plan"), ("res_id", "=", plan.id)]
            )
        )
        self.assertFalse(plan.message_ids)
        reminder = self._activities("mail_activity_visit_plan_reminder", self.rep)
        self.assertEqual(len(reminder), 1)
        self.assertEqual((reminder.res_model, reminder.res_id), ("visit.plan", plan.id))
        self.assertIn("2026-12", reminder.summary)
        b_reminder = self._activities("mail_activity_visit_plan_reminder", self.rep_b)
        self.assertEqual(b_reminder.res_id, self.draft_b.id)
        self.assertFalse(
            self._activities("mail_activity_visit_plan_reminder", self.rep2),
            "rep2 submitted",
        )
        self.assertFalse(
            self._activities("mail_activity_visit_plan_reminder", self.manager),
            "managers hear of missing plans on the deadline only",
        )

    def test_plans_made_for_the_reps_are_inserted_whole(self):
        """Their name, period and figures go in the INSERT: the run updates
        them once, for the reminder's flag."""
        with freeze_time("2026-11-27 08:00:00"):
            updates = self._cron_updates("ir_cron_visit_plan_reminders", "visit_plan")
        self.assertEqual(len(updates), 1)
        self.assertIn('"rep_reminded"', updates[0])
        plan = self._plan(self.rep)
        self.assertEqual(
            (plan.name, plan.date_end, plan.submission_deadline),
            (f"2026-12 / {self.rep.name}", date(2026, 12, 31), date(2026, 11, 30)),
        )
        self.assertEqual((plan.line_count, plan.completion_rate), (0, 0.0))
        # given at the insert, the values the plan's computes give
        computed = [
            "name",
            "date_end",
            "submission_deadline",
            "team_id",
            "manager_id",
            "line_count",
            "done_line_count",
            "completion_rate",
        ]
        inserted = plan.read(computed)
        self.assertTrue(inserted[0]["manager_id"])
        for name in computed:
            self.env.add_to_compute(plan._fields[name], plan)
        plan.flush_recordset()
        plan.invalidate_recordset()
        self.assertEqual(plan.read(computed), inserted)

    def test_plan_queries_do_not_grow_with_the_reps(self):
        """Plans made for twice the reps cost no more queries: each rep follows
        their plan, subscribed with the others at once."""
        extras = [
            new_test_user(self.env, f"visit_rep_extra_{i}", groups=REP_GROUPS)
            for i in range(3)
        ]
        self.team.write({"member_ids": [Command.link(rep.id) for rep in extras]})
        with freeze_time("2026-11-27 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")  # warms the caches
        for rep in extras:
            self._create_plan(
                user=rep, month=date(2027, 1, 1)
            ).sudo().state = "submitted"
        with freeze_time("2026-12-28 08:00:00"):
            january = self._cron_queries("ir_cron_visit_plan_reminders")
        with freeze_time("2027-01-28 08:00:00"):
            february = self._cron_queries("ir_cron_visit_plan_reminders")
        made = self.env["visit.plan"].search(
            [
                ("date_start", "in", [date(2027, 1, 1), date(2027, 2, 1)]),
                ("state", "=", "draft"),
            ]
        )
        in_january = made.filtered(lambda plan: plan.date_start.month == 1)
        self.assertEqual(len(made - in_january), 2 * len(in_january))
        self.assertLessEqual(february, january)
        for plan in made:
            self.assertIn(plan.user_id.partner_id, plan.message_partner_ids)
            self.assertEqual(plan.activity_ids.user_id, plan.user_id, "reminded")

    def test_managers_get_the_missing_plans_on_the_deadline(self):
        with freeze_time("2026-11-30 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")
            self._run_cron("ir_cron_visit_plan_reminders")
        todo = self._activities("mail_activity_visit_plan_reminder", self.manager)
        self.assertEqual(len(todo), 1)
        self.assertFalse(todo.res_model)
        self.assertIn(self._plan(self.rep).name, todo.note)
        self.assertNotIn(self._plan(self.rep2).name, todo.note)
        todo_b = self._activities("mail_activity_visit_plan_reminder", self.manager_b)
        self.assertIn(self.draft_b.name, todo_b.note)
        self.assertNotIn(self._plan(self.rep).name, todo_b.note)

    def test_run_cut_short_goes_on_where_it_stopped(self):
        with freeze_time("2026-11-30 08:00:00"):
            with self._cut_after_one_batch((visit_plan, "REMINDER_BATCH")):
                self._run_cron("ir_cron_visit_plan_reminders")
            self.assertEqual(
                len(self._activities("mail_activity_visit_plan_reminder")),
                1,
                "one plan's rep reminded before the time was up",
            )
            self._run_cron("ir_cron_visit_plan_reminders")
        for rep in (self.rep, self.rep_b):
            reminders = self._activities("mail_activity_visit_plan_reminder", rep)
            self.assertEqual(len(reminders), 1, "each rep reminded once")
        todo = self._activities("mail_activity_visit_plan_reminder", self.manager)
        self.assertIn(self._plan(self.rep).name, todo.note)

    def test_reminder_days_follow_the_company(self):
        self.company.visit_plan_reminder_days = 1
        with freeze_time("2026-11-27 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")
        self.assertFalse(self._activities("mail_activity_visit_plan_reminder"))
        with freeze_time("2026-11-29 08:00:00"):
            self._run_cron("ir_cron_visit_plan_reminders")
        self.assertTrue(self._activities("mail_activity_visit_plan_reminder", self.rep))


class TestReportReminderCron(CronCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()

    def _report_ended(self, hours_ago, **values):
        end = self.now - timedelta(hours=hours_ago)
        return self._create_report(
            start_datetime=end - timedelta(hours=1), end_datetime=end, **values
        )

    def _approved_lines(self, *days_ago):
        """One approved planned visit per day given, on the plans of their months."""
        lines = self.env["visit.plan.line"]
        for day in (self.now - timedelta(days=days) for days in days_ago):
            month = day.date().replace(day=1)
            plan = self.env["visit.plan"].search(
                [("user_id", "=", self.rep.id), ("date_start", "=", month)]
            ) or self._create_plan(month=month, lines=0)
            plan.sudo().state = "draft"
            lines |= self.env["visit.plan.line"].create(
                {
                    "plan_id": plan.id,
                    "partner_id": self.customer.id,
                    "planned_datetime": day,
                    "purpose": "relationship",
                }
            )
            plan.sudo().state = "approved"
        return lines

    def test_late_draft_reports(self):
        late = self._report_ended(30)  # due 6 h ago
        very_late = self._report_ended(80)  # due 56 h ago: past the 48 h
        on_time = self._report_ended(2)
        submitted_late = self._report_ended(30)
        submitted_late.with_user(self.rep).action_submit()
        self._run_cron("ir_cron_visit_report_reminders")
        self._run_cron("ir_cron_visit_report_reminders")
        reminders = self._activities("mail_activity_visit_report_reminder", self.rep)
        self.assertEqual(
            sorted(reminders.mapped("res_id")), sorted((late | very_late).ids)
        )
        self.assertNotIn(on_time.id, reminders.mapped("res_id"))
        todo = self._activities("mail_activity_visit_report_reminder", self.manager)
        self.assertEqual(len(todo), 1)
        self.assertIn(very_late.name, todo.note)
        self.assertNotIn(late.name, todo.note)
        self.assertTrue(very_late.manager_reminded)

    def test_run_cut_short_goes_on_where_it_stopped(self):
        very_late = self._report_ended(80) | self._report_ended(80)
        (line,) = self._approved_lines(7)
        with self._cut_after_one_batch((visit_report, "REMINDER_BATCH")):
            self._run_cron("ir_cron_visit_report_reminders")
        reminders = self._activities("mail_activity_visit_report_reminder", self.rep)
        self.assertEqual(reminders.mapped("res_id"), very_late[:1].ids)
        self._run_cron("ir_cron_visit_report_reminders")
        reminders = self._activities("mail_activity_visit_report_reminder", self.rep)
        self.assertEqual(
            sorted(reminders.mapped("res_id")),
            sorted([*very_late.ids, line.plan_id.id]),
            "each late report and planned visit reminded once",
        )
        todo = self._activities("mail_activity_visit_report_reminder", self.manager)
        self.assertEqual(len(todo), 1, "one list for the manager")
        for report in very_late:
            self.assertIn(report.name, todo.note)
        self.assertIn(f"visit.plan.line/{line.id}", todo.note)

    def test_planned_visits_without_report(self):
        yesterday, last_week, reported = self._approved_lines(1, 7, 7)
        reported.with_user(self.rep).action_open_report()
        self._run_cron("ir_cron_visit_report_reminders")
        self._run_cron("ir_cron_visit_report_reminders")
        reminders = self._activities(
            "mail_activity_visit_report_reminder", self.rep, res_model="visit.plan"
        )
        self.assertEqual(
            sorted(reminders.mapped("res_id")),
            sorted([yesterday.plan_id.id, last_week.plan_id.id]),
            "one reminder per planned visit, on its plan",
        )
        todo = self._activities("mail_activity_visit_report_reminder", self.manager)
        self.assertIn(f"visit.plan.line/{last_week.id}", todo.note)
        self.assertNotIn(f"visit.plan.line/{reported.id}", todo.note)
        self.assertTrue(last_week.manager_reminded)
        self.assertFalse(reported.rep_reminded)

    def test_planned_visits_with_an_archived_report_are_reported(self):
        """As before has_report: a planned visit whose report was archived is
        not one without report."""
        archived, unreported = self._approved_lines(7, 7)
        archived.with_user(self.rep).action_open_report()
        archived.report_ids.sudo().action_archive()
        self.assertEqual((archived | unreported).mapped("has_report"), [True, False])
        self._run_cron("ir_cron_visit_report_reminders")
        self.assertEqual(
            (archived | unreported).mapped("manager_reminded"), [False, True]
        )

    def test_batches_are_found_by_their_own_indexes(self):
        """Each batch of the reminders (late reports, planned visits without
        report, late reviews) is found by a partial index of what may still be
        due: in id order by the primary key, the first batch stepped over every
        report or planned visit already told or done."""
        self._report_ended(80)
        self._report_ended(80).with_user(self.rep).action_submit()
        self._approved_lines(7)
        batches = [
            (code, params)
            for code, params in self._cron_executions("ir_cron_visit_report_reminders")
            if code.endswith("SKIP LOCKED")
        ]
        self.assertEqual(len(batches), 3, "one batch of each kind")
        # At scale, PostgreSQL takes a batch in id order from an index, the
        # partial one when the query implies its predicate. The few rows of a
        # test database would be read by any plan: only those reading an index
        # in id order are left to it.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            self.env.cr.execute(f"SET LOCAL {setting} = off")
        used = []
        for code, params in batches:
            self.env.cr.execute(f"EXPLAIN {code}", params)
            plan = "\n".join(line for (line,) in self.env.cr.fetchall())
            used.append(
                next(
                    (
                        index
                        for index in (
                            "visit_report_late_report_idx",
                            "visit_plan_line_unreported_idx",
                            "visit_report_late_review_idx",
                        )
                        if index in plan
                    ),
                    plan,
                )
            )
        self.assertEqual(
            used,
            [
                "visit_report_late_report_idx",
                "visit_plan_line_unreported_idx",
                "visit_report_late_review_idx",
            ],
        )

    def test_reminders_are_set_based(self):
        def reminder_queries(count):
            for _i in range(count):
                self._report_ended(80)
            return self._cron_queries("ir_cron_visit_report_reminders")

        reminder_queries(1)  # warms the caches (activity type, model ids)
        small = reminder_queries(2)
        large = reminder_queries(12)
        self.assertEqual(small, large, "queries do not depend on the number of reports")

    def test_reminders_queries_do_not_grow_with_the_people(self):
        """Odoo's activities subscribe each assignee with queries of their own;
        the reminders subscribe them all at once, as followers of their reports."""

        def reminder_queries(*reps):
            reports = self.env["visit.report"]
            for rep in reps:
                reports |= self._report_ended(80, user=rep)
            return reports, self._cron_queries("ir_cron_visit_report_reminders")

        # warms the caches (activity type, model ids) and opens both team
        # leaders' lists
        reminder_queries(self.rep, self.rep_b)
        _reports, one = reminder_queries(self.rep2)
        reports, three = reminder_queries(self.rep, self.rep2, self.rep_b)
        self.assertEqual(three, one)
        for report in reports:
            self.assertIn(report.user_id.partner_id, report.message_partner_ids)
            self.assertEqual(report.activity_ids.user_id, report.user_id, "reminded")


class TestDueDatesCronWorkers(TransactionCase):
    """Two cron workers on the same customers at the same time (Odoo runs crons
    with --workers and --max-cron-threads): each customer is told once."""

    def test_second_worker_skips_what_the_first_holds(self):
        today = fields.Date.today()
        with self.registry.cursor() as setup_cr:
            env = api.Environment(setup_cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {
                    "name": "Contended Customer",
                    "is_company": True,
                    "visit_tier": "a",
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            setup_cr.execute(
                "UPDATE res_partner SET create_date = %s WHERE id = %s",
                (today - timedelta(days=40), partner.id),
            )
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                first = api.Environment(cr1, SUPERUSER_ID, {})["res.partner"]
                second = api.Environment(cr2, SUPERUSER_ID, {})["res.partner"]
                # the first worker is in the middle of its batch
                first._store_visit_dates(
                    first.browse(partner.id).try_lock_for_update(), today
                )
                first._notify_overdue_today(today)
                cr2.execute("SET LOCAL lock_timeout = '5s'")
                second._cron_visit_due_dates()
                overdue_type = second.env.ref(
                    "visit_management.mail_activity_visit_overdue"
                )
                for env in (first.env, second.env):
                    env.flush_all()
                told = [
                    env["mail.activity"].search_count(
                        [
                            ("activity_type_id", "=", overdue_type.id),
                            ("note", "ilike", "Contended Customer"),
                        ]
                    )
                    for env in (first.env, second.env)
                ]
                self.assertEqual(told, [1, 0], "only the first worker tells the rep")
                self.assertEqual(
                    second.browse(partner.id).visit_overdue_notified_date,
                    False,
                    "the second worker left the customer the first holds",
                )
                cr1.rollback()
                cr2.rollback()
        finally:
            with self.registry.cursor() as cleanup_cr:
                cleanup_cr.execute(
                    "DELETE FROM res_partner WHERE id = %s", (partner.id,)
                )
