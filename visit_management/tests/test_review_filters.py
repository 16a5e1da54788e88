# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from lxml import etree

from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

from .common import VisitCommon

# Columns of the addons' lists whose sum over a group means nothing: a grouped
# list shows no total for them.
NO_SUM = {
    "res.partner": ["visit_key_contact_count"],
    "visit.frequency.rule": ["interval_months"],
    "visit.photo.requirement": ["minimum_count"],
}


class TestReviewFilters(VisitCommon):
    """A manager reviews his team's customers, plans, planned visits and
    assessments by default, a rep his own; the other team's stay out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_b.user_id = cls.rep_b
        cls.customer_rep2 = cls.env["res.partner"].create(
            {
                "name": "Songjiang Tools",
                "is_company": True,
                "visit_tier": "b",
                "user_id": cls.rep2.id,
            }
        )
        cls.plans = {
            user: cls._create_plan(user=user, lines=0)
            for user in (cls.rep, cls.rep2, cls.rep_b)
        }

    def _default_records(self, xmlid, user):
        """What the action shows the user at first: its default filters, those
        of a group of the search view or'ed, the groups and'ed, as the web
        client combines them."""
        action = self.env.ref(f"visit_management.{xmlid}")
        context = safe_eval(action.context, {"uid": user.id})
        Model = self.env[action.res_model].with_user(user)
        arch = Model.get_view(action.search_view_id.id, "search")["arch"]
        groups = [[]]
        for node in etree.fromstring(arch):
            if node.tag == "separator" or (node.tag != "filter" and groups[-1]):
                groups.append([])
            elif context.get(f"search_default_{node.get('name')}") and node.get(
                "domain"
            ):
                groups[-1].append(
                    Domain(safe_eval(node.get("domain"), {"uid": user.id}))
                )
        domain = Domain.AND(Domain.OR(group) for group in groups if group)
        return Model.search(domain & Domain(safe_eval(action.domain or "[]")))

    def test_customers_of_my_team(self):
        manager_sees = self._default_records(
            "res_partner_action_visit_customers", self.manager
        )
        self.assertIn(self.customer, manager_sees)
        self.assertIn(self.customer_rep2, manager_sees)
        self.assertNotIn(self.customer_b, manager_sees)
        rep_sees = self._default_records("res_partner_action_visit_customers", self.rep)
        self.assertIn(self.customer, rep_sees)
        self.assertNotIn(self.customer_rep2, rep_sees)

    def test_plans_of_my_team(self):
        self.assertEqual(
            self._default_records("visit_plan_action", self.manager),
            self.plans[self.rep] | self.plans[self.rep2],
        )
        self.assertEqual(
            self._default_records("visit_plan_action", self.rep), self.plans[self.rep]
        )

    def test_planned_visits_of_my_team(self):
        for user, plan in self.plans.items():
            plan.write(
                {
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": self.customer.id,
                                "planned_datetime": datetime(2026, 12, 10, 2, 0),
                            },
                        )
                    ]
                }
            )
            plan.with_user(user).action_submit()
            plan.with_user(plan.manager_id).action_approve()
        self.assertEqual(
            self._default_records("visit_plan_line_action", self.manager),
            (self.plans[self.rep] | self.plans[self.rep2]).line_ids,
        )
        self.assertEqual(
            self._default_records("visit_plan_line_action", self.rep2),
            self.plans[self.rep2].line_ids,
        )

    def test_assessments_of_my_team(self):
        assessments = {
            user: self.env["visit.assessment"].create(
                {
                    "user_id": user.id,
                    "company_id": self.company.id,
                    "team_id": user.sale_team_id.id,
                    "manager_id": user.sale_team_id.user_id.id,
                    "month": date(2026, 10, 1),
                }
            )
            for user in (self.rep, self.rep2, self.rep_b)
        }
        self.assertEqual(
            self._default_records("visit_assessment_action", self.manager),
            assessments[self.rep] | assessments[self.rep2],
        )
        self.assertEqual(
            self._default_records("visit_assessment_action", self.manager_b),
            assessments[self.rep_b],
        )
        self.assertEqual(
            self._default_records("visit_assessment_action", self.rep),
            assessments[self.rep],
        )

    def test_no_meaningless_sums(self):
        for model, names in NO_SUM.items():
            described = self.env[model].fields_get(names, ["aggregator"])
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertNotIn("aggregator", described[name])
