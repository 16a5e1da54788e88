# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import freeze_time, new_test_user

from .common import VisitCommon

MEASURES = [
    "__count",
    "nbr:sum",
    "duration:sum",
    "checkin_distance:avg",
    "planned_delay_days:avg",
    "submission_delay_hours:avg",
]


class VisitAnalysisCommon(VisitCommon):
    """A hand-built set of visits (all times UTC; the reps work in Shanghai, UTC+8):

    - planned: rep, at the tier A customer, planned for 11 December (Shanghai; still
      10 December in UTC), visited on the 13th, checked in 11 m away, submitted 6 h
      after its deadline, approved;
    - unplanned: rep, by phone at the tier C customer on 20 November, submitted 2 h
      before its deadline;
    - draft: rep, at the tier A customer on 20 December, urgent, not submitted;
    - rep2: at the tier A customer on 14 December, manual check-in, draft;
    - west_nov and west_dec: rep_b (the other team), at the tier C customer without
      a contact in November and December, submitted: December repeats the same
      contact, so it is invalid;
    - archived: rep, draft, archived: not in the analysis.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.rep | cls.rep2 | cls.rep_b).write({"tz": "Asia/Shanghai"})
        cls.Analysis = cls.env["visit.report.analysis"]
        cls.plan = (
            cls.env["visit.plan"]
            .with_user(cls.rep)
            .create(
                {
                    "user_id": cls.rep.id,
                    "date_start": date(2026, 12, 1),
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": cls.customer.id,
                                "contact_id": cls.contact.id,
                                # 04:00 on 11 December in Shanghai
                                "planned_datetime": datetime(2026, 12, 10, 20, 0),
                                "purpose": "payment_collection",
                                "visit_mode": "onsite",
                            },
                        )
                    ],
                }
            )
        )
        cls.plan.action_submit()
        cls.plan.with_user(cls.manager).action_approve()
        cls.line = cls.plan.line_ids

        cls.planned = cls._create_report(
            plan_line_id=cls.line.id,
            purpose="payment_collection",
            start_datetime=datetime(2026, 12, 13, 2, 0),
            end_datetime=datetime(2026, 12, 13, 3, 30),
        )
        cls.planned.with_user(cls.rep).action_check_in(31.2305, 121.4737, 5.0)
        with freeze_time(cls.planned.report_deadline + timedelta(hours=6)):
            cls.planned.with_user(cls.rep).action_submit()
        cls.planned.with_user(cls.manager).action_approve()

        cls.unplanned = cls._create_report(
            partner_id=cls.customer_b.id,
            contact_id=False,
            visit_mode="phone",
            purpose="market_research",
            start_datetime=datetime(2026, 11, 20, 2, 0),
            end_datetime=datetime(2026, 11, 20, 2, 30),
        )
        with freeze_time(cls.unplanned.report_deadline - timedelta(hours=2)):
            cls.unplanned.with_user(cls.rep).action_submit()

        cls.draft = cls._create_report(
            contact_id=cls.contact2.id,
            start_datetime=datetime(2026, 12, 20, 2, 0),
            end_datetime=datetime(2026, 12, 20, 3, 0),
            is_urgent=True,
            urgent_category="competitor_product",
        )
        cls.rep2_report = cls._create_report(
            user=cls.rep2,
            start_datetime=datetime(2026, 12, 14, 2, 0),
            end_datetime=datetime(2026, 12, 14, 3, 0),
        )
        cls.rep2_report.with_user(cls.rep2).action_check_in_manual()
        west = {
            "partner_id": cls.customer_b.id,
            "contact_id": False,
            "purpose": "service",
        }
        cls.west_nov = cls._create_report(
            user=cls.rep_b,
            start_datetime=datetime(2026, 11, 5, 2, 0),
            end_datetime=datetime(2026, 11, 5, 3, 0),
            **west,
        )
        cls.west_dec = cls._create_report(user=cls.rep_b, **west)
        (cls.west_nov | cls.west_dec).with_user(cls.rep_b).action_submit()
        cls.archived = cls._create_report()
        cls.archived.action_archive()
        cls.active_reports = (
            cls.planned
            | cls.unplanned
            | cls.draft
            | cls.rep2_report
            | cls.west_nov
            | cls.west_dec
        )


class TestVisitReportAnalysis(VisitAnalysisCommon):
    def _row(self, report):
        return self.Analysis.search([("report_id", "=", report.id)])

    def test_one_row_per_active_report(self):
        rows = self.Analysis.search([])
        self.assertEqual(rows.report_id, self.active_reports)
        self.assertEqual(len(rows), len(self.active_reports))
        self.assertEqual(rows.mapped("id"), rows.report_id.ids)
        self.assertFalse(self._row(self.archived))
        self.assertEqual(set(rows.mapped("nbr")), {1})

    def test_planned_visit_values(self):
        row = self._row(self.planned)
        self.assertRecordValues(
            row,
            [
                {
                    "name": self.planned.name,
                    "state": "approved",
                    "user_id": self.rep.id,
                    "team_id": self.team.id,
                    "manager_id": self.manager.id,
                    "company_id": self.company.id,
                    "partner_id": self.customer.id,
                    "visit_tier": "a",
                    "visit_mode": "onsite",
                    "purpose": "payment_collection",
                    "in_place": True,
                    "is_valid": True,
                    "submitted_late": True,
                    "is_urgent": False,
                    "is_unplanned": False,
                    "visit_date": date(2026, 12, 13),
                    "plan_line_id": self.line.id,
                    "plan_id": self.plan.id,
                    "plan_period": date(2026, 12, 1),
                    # the rep's day in Shanghai, not the UTC one (the 10th)
                    "planned_date": date(2026, 12, 11),
                    "duration": 1.5,
                    "planned_delay_days": 2.0,
                    "submission_delay_hours": 6.0,
                }
            ],
        )
        self.assertAlmostEqual(row.checkin_distance, self.planned.checkin_distance)
        self.assertAlmostEqual(row.checkin_distance, 11.1, delta=0.2)

    def test_unplanned_and_draft_values(self):
        rows = self.Analysis.browse(
            (self.unplanned | self.draft | self.west_dec).ids
        )  # a row has its report's id
        self.assertRecordValues(
            rows,
            [
                {
                    "state": "submitted",
                    "visit_tier": "c",
                    "visit_mode": "phone",
                    "in_place": True,
                    "is_valid": True,
                    "submitted_late": False,
                    "is_unplanned": True,
                    "plan_id": False,
                    "planned_date": False,
                    "visit_date": date(2026, 11, 20),
                },
                {
                    "state": "draft",
                    "visit_tier": "a",
                    "visit_mode": "onsite",
                    "in_place": False,
                    "is_valid": True,
                    "submitted_late": False,
                    "is_unplanned": True,
                    "plan_id": False,
                    "planned_date": False,
                    "visit_date": date(2026, 12, 20),
                },
                {
                    "state": "submitted",
                    "visit_tier": "c",
                    "visit_mode": "onsite",
                    "in_place": False,
                    "is_valid": False,
                    "submitted_late": False,
                    "is_unplanned": True,
                    "plan_id": False,
                    "planned_date": False,
                    "visit_date": date(2026, 12, 10),
                },
            ],
        )
        self.assertTrue(self._row(self.draft).is_urgent)
        self.assertFalse(self._row(self.draft).submission_delay_hours)
        self.assertEqual(self._row(self.unplanned).submission_delay_hours, -2.0)
        self.assertEqual(self._row(self.west_dec).team_id, self.team_b)

    def test_customer_place_follows_the_partner(self):
        shanghai = self.env.ref("base.state_cn_SH")
        self.customer.write(
            {
                "country_id": shanghai.country_id.id,
                "state_id": shanghai.id,
                "city": "Shanghai",
            }
        )
        row = self._row(self.planned)
        self.assertEqual(row.partner_state_id, shanghai)
        self.assertEqual(row.partner_country_id, shanghai.country_id)
        self.assertEqual(row.partner_city, "Shanghai")

    def test_changes_are_seen_without_flushing(self):
        """The view's dependencies are flushed before it is read."""
        self.draft.with_user(self.rep).action_submit()
        self.assertEqual(self._row(self.draft).state, "submitted")
        self.west_dec.with_user(self.manager_b).action_archive()
        self.assertFalse(self._row(self.west_dec))

    def test_group_by_rep_and_month(self):
        groups = self.Analysis._read_group(
            [], ["user_id", "visit_date:month"], ["__count", "nbr:sum"]
        )
        counts = {(user, month): (count, nbr) for user, month, count, nbr in groups}
        self.assertEqual(
            counts,
            {
                (self.rep, date(2026, 11, 1)): (1, 1),
                (self.rep, date(2026, 12, 1)): (2, 2),
                (self.rep2, date(2026, 12, 1)): (1, 1),
                (self.rep_b, date(2026, 11, 1)): (1, 1),
                (self.rep_b, date(2026, 12, 1)): (1, 1),
            },
        )
        done = self.Analysis._read_group(
            [("state", "in", ("submitted", "approved"))], ["team_id"], ["__count"]
        )
        self.assertEqual(dict(done), {self.team: 2, self.team_b: 2})

    @contextmanager
    def _queries(self):
        """The SQL code of the queries run within."""
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            yield queries

    def test_groups_by_rep_are_counted_by_id_in_the_reps_order(self):
        """The pivots and graphs by rep and month count the reports by rep id,
        without joining the reps' names to every report, and give the groups in
        the reps' order, as Odoo's own ordering does. The pivot view's totals
        are added up from its cells, not grouped again by PostgreSQL."""
        # names in the opposite order of the reps' ids
        self.rep.name, self.rep2.name, self.rep_b.name = "Zhou", "Li", "Chen"
        sets = [
            ("user_id", "visit_date:month"),
            ("user_id",),
            ("visit_date:month",),
            (),
        ]
        aggregates = ["__count", "duration:sum", "duration:max"]
        for model in (self.Analysis, self.env["visit.report"]):
            Model = model.with_user(self.visit_admin)
            with self._queries() as queries:
                groups = Model.formatted_read_group([], sets[0], aggregates)
                grouping_sets = Model.formatted_read_grouping_sets([], sets, aggregates)
            grouped = [
                query
                for query in queries
                if "GROUP BY" in query and f'"{Model._table}"' in query
            ]
            self.assertEqual(len(grouped), 2)
            # Odoo's join of the reps, for their names
            self.assertFalse([query for query in grouped if '__user_id"' in query])
            self.assertFalse([query for query in grouped if "GROUPING SETS" in query])
            self.assertEqual(
                [group["user_id"][0] for group in groups],
                [self.rep_b.id] * 2 + [self.rep2.id] + [self.rep.id] * 2,
            )
            # Odoo's ordering, asked for explicitly, and its grouping sets
            order = "user_id ASC, visit_date:month ASC"
            self.assertEqual(
                groups,
                Model.formatted_read_group([], sets[0], aggregates, order=order),
            )
            self.assertEqual(
                grouping_sets,
                Model.formatted_read_grouping_sets([], sets, aggregates, order=order),
            )
            # an average is not added up: PostgreSQL's grouping sets
            with self._queries() as queries:
                averages = Model.formatted_read_grouping_sets(
                    [], sets, ["duration:avg"]
                )
            self.assertTrue([query for query in queries if "GROUPING SETS" in query])
            self.assertEqual(
                averages,
                Model.formatted_read_grouping_sets(
                    [], sets, ["duration:avg"], order=order
                ),
            )

    def test_averages_leave_out_what_does_not_apply(self):
        """Only GPS check-ins count in the distance, only planned visits in the
        delay from the plan, only submitted reports in the submission delay."""
        [(distance, plan_delay, submission_delay)] = self.Analysis._read_group(
            [("user_id", "=", self.rep.id)],
            [],
            [
                "checkin_distance:avg",
                "planned_delay_days:avg",
                "submission_delay_hours:avg",
            ],
        )
        self.assertAlmostEqual(distance, self.planned.checkin_distance)
        self.assertEqual(plan_delay, 2.0)
        self.assertEqual(submission_delay, 2.0)  # (6 - 2) / 2

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_rules_are_those_of_the_reports(self):
        expected = {
            self.rep: self.planned | self.unplanned | self.draft,
            self.rep2: self.rep2_report,
            self.rep_b: self.west_nov | self.west_dec,
            self.manager: self.active_reports - self.west_nov - self.west_dec,
            self.manager_b: self.west_nov | self.west_dec,
            self.visit_admin: self.active_reports,
        }
        for user, reports in expected.items():
            with self.subTest(user=user.login):
                rows = self.Analysis.with_user(user).search([])
                self.assertEqual(rows.report_id, reports)
                self.assertEqual(
                    rows.report_id, self.env["visit.report"].with_user(user).search([])
                )
                groups = self.Analysis.with_user(user).formatted_read_group(
                    [], ["user_id"], ["__count"]
                )
                self.assertEqual(sum(g["__count"] for g in groups), len(reports))

    def test_read_only_for_everyone(self):
        for user in (self.rep, self.manager, self.visit_admin):
            Analysis = self.Analysis.with_user(user)
            self.assertTrue(Analysis.has_access("read"))
            for operation in ("write", "create", "unlink"):
                self.assertFalse(Analysis.has_access(operation))
        self.assertFalse(self.Analysis.with_user(self.portal_user).has_access("read"))

    def test_other_company_rows_are_hidden(self):
        company2 = self.env["res.company"].create({"name": "Visit West Co"})
        rep_c2 = new_test_user(
            self.env,
            "visit_rep_c2",
            groups="base.group_user,visit_management.group_visit_user",
            company_id=company2.id,
            company_ids=[(6, 0, company2.ids)],
        )
        report = self._create_report(user=rep_c2, company_id=company2.id)
        admin_both = new_test_user(
            self.env,
            "visit_admin_both",
            groups="base.group_user,visit_management.group_visit_admin",
            company_ids=[(6, 0, (self.company | company2).ids)],
        )
        self.assertEqual(self._row(report).company_id, company2)
        self.assertEqual(
            self.Analysis.with_user(self.visit_admin).search([]).report_id,
            self.active_reports,
        )
        both = self.Analysis.with_user(admin_both).with_context(
            allowed_company_ids=(self.company | company2).ids
        )
        self.assertEqual(both.search([]).report_id, self.active_reports | report)
        first_only = both.with_context(allowed_company_ids=self.company.ids)
        self.assertEqual(first_only.search([]).report_id, self.active_reports)
        self.assertEqual(self.Analysis.with_user(rep_c2).search([]).report_id, report)

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------
    def _pivot_query_count(self, user):
        """Queries of the pivot's read (rep x month, every measure) as a user."""
        Analysis = self.Analysis.with_user(user)
        Analysis.formatted_read_group([], ["user_id", "visit_date:month"], MEASURES)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        groups = Analysis.formatted_read_group(
            [("state", "in", ("submitted", "approved"))],
            ["user_id", "visit_date:month"],
            MEASURES,
        )
        return self.env.cr.sql_log_count - before, groups

    def test_pivot_queries_do_not_grow_with_reports(self):
        # start over with two reports
        self.env["visit.report"].search([]).action_archive()
        self._create_report().action_submit()
        self._create_report(user=self.rep2).action_submit()
        count_two, groups_two = self._pivot_query_count(self.manager)
        self.assertEqual(sum(g["__count"] for g in groups_two), 2)

        for i in range(18):
            rep = self.rep if i % 2 else self.rep2
            start = datetime(2026, 9 + i % 4, 1 + i, 2, 0)
            self._create_report(
                user=rep,
                start_datetime=start,
                end_datetime=start + timedelta(hours=1),
                contact_id=(self.contact if i % 3 else self.contact2).id,
            ).action_submit()
        count_twenty, groups_twenty = self._pivot_query_count(self.manager)
        self.assertEqual(sum(g["__count"] for g in groups_twenty), 20)
        self.assertGreater(len(groups_twenty), len(groups_two))
        self.assertEqual(count_twenty, count_two)


class TestVisitReportAnalysisViews(VisitCommon):
    def test_report_and_plan_line_pivot_and_graph_load(self):
        for model in ("visit.report", "visit.plan.line"):
            with self.subTest(model=model):
                views = (
                    self.env[model]
                    .with_user(self.rep)
                    .get_views([(False, "pivot"), (False, "graph")])
                )
                self.assertEqual(set(views["views"]), {"pivot", "graph"})
                self.assertIn('interval="month"', views["views"]["pivot"]["arch"])
        for xmlid in ("visit_report_action", "visit_plan_line_action"):
            modes = self.env.ref(f"visit_management.{xmlid}").view_mode.split(",")
            self.assertIn("pivot", modes)
            self.assertIn("graph", modes)

    def test_analysis_views_load_for_a_rep(self):
        action = self.env.ref("visit_management.visit_report_analysis_action")
        self.assertEqual(action.path, "visit-analysis")
        self.assertEqual(action.view_mode, "graph,pivot,list")
        self.assertIn("search_default_done", action.context)
        views = (
            self.env["visit.report.analysis"]
            .with_user(self.rep)
            .get_views(
                [(False, "graph"), (False, "pivot"), (False, "list"), (False, "search")]
            )
        )
        self.assertIn('name="nbr"', views["views"]["pivot"]["arch"])
        self.assertIn('interval="month"', views["views"]["graph"]["arch"])
        search = views["views"]["search"]["arch"]
        for name in ("done", "in_place", "invalid", "late", "urgent", "unplanned"):
            self.assertIn(f'name="{name}"', search)

    def test_reps_and_managers_reach_the_analysis_menu(self):
        Menu = self.env["ir.ui.menu"]
        analysis = self.env.ref("visit_management.visit_report_analysis_menu")
        planned = self.env.ref("visit_management.visit_plan_line_menu_analysis")
        rep_menus = Menu.with_user(self.rep)._visible_menu_ids()
        manager_menus = Menu.with_user(self.manager)._visible_menu_ids()
        self.assertIn(analysis.id, rep_menus)
        self.assertIn(analysis.parent_id.id, rep_menus)
        self.assertNotIn(planned.id, rep_menus)
        self.assertIn(analysis.id, manager_menus)
        self.assertIn(planned.id, manager_menus)
        self.assertEqual(
            self.env.ref("visit_management.visit_plan_line_action_analysis").path,
            "planned-visits-analysis",
        )
