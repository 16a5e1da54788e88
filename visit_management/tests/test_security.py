# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import VisitCommon

VISIT_MODELS = (
    "visit.plan",
    "visit.plan.line",
    "visit.report",
    "visit.report.commitment",
    "visit.frequency.rule",
)
# A harmless change per model, to prove write access.
WRITE_VALUES = {
    "visit.plan": {"period_type": "month"},
    "visit.plan.line": {"topics": "Prices for 2027"},
    "visit.report": {"opinions": "<p>Wants faster delivery</p>"},
    "visit.report.commitment": {"name": "Send the 2027 catalogue"},
    "visit.frequency.rule": {"interval_months": 2},
}


class TestVisitSecurity(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(
            cls.env, "visit_internal", groups="base.group_user"
        )
        cls.records = {
            user: cls._records_of(user) for user in (cls.rep, cls.rep2, cls.rep_b)
        }
        cls.rule = cls.env.ref("visit_management.visit_frequency_rule_a_onsite")

    @classmethod
    def _records_of(cls, user):
        """{model: record} of one rep: a plan, its line, a report, a commitment."""
        plan = cls._create_plan(user=user)
        report = cls._create_report(user=user)
        commitment = cls.env["visit.report.commitment"].create(
            {"report_id": report.id, "name": "Call back", "deadline": date(2027, 1, 5)}
        )
        return {
            "visit.plan": plan,
            "visit.plan.line": plan.line_ids,
            "visit.report": report,
            "visit.report.commitment": commitment,
        }

    def _visible(self, user, model, records):
        """The records a search by the user finds, among these."""
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def _all_records(self, model):
        return self.env[model].union(*(recs[model] for recs in self.records.values()))

    def assertCanAccess(self, user, model, record):
        record = record.with_user(user)
        self.assertTrue(record.read(["create_date"]))
        record.write(WRITE_VALUES[model])

    def assertCannotAccess(self, user, model, record):
        record = record.with_user(user)
        with self.assertRaises(AccessError):
            record.read(["create_date"])
        with self.assertRaises(AccessError):
            record.write(WRITE_VALUES[model])

    def _check_sees_only(self, user, reps):
        """The user finds, reads and writes the records of these reps only."""
        for model in WRITE_VALUES:
            if model == "visit.frequency.rule":
                continue
            with self.subTest(user=user.login, model=model):
                expected = self.env[model].union(
                    *(self.records[rep][model] for rep in reps)
                )
                self.assertEqual(
                    self._visible(user, model, self._all_records(model)), expected
                )
                for rep, records in self.records.items():
                    if rep in reps:
                        self.assertCanAccess(user, model, records[model])
                    else:
                        self.assertCannotAccess(user, model, records[model])

    # ------------------------------------------------------------------
    # Reps, managers, administrators
    # ------------------------------------------------------------------
    def test_rep_sees_own_records_only(self):
        self._check_sees_only(self.rep, [self.rep])
        self._check_sees_only(self.rep_b, [self.rep_b])

    def test_rep_cannot_file_for_another_rep(self):
        with self.assertRaises(AccessError):
            self._create_report(user=self.rep, user_id=self.rep2.id)
        with self.assertRaises(AccessError):
            self._create_plan(
                user=self.rep, user_id=self.rep2.id, month=date(2027, 1, 1)
            )

    def test_manager_sees_the_teams_led(self):
        self._check_sees_only(self.manager, [self.rep, self.rep2])
        self._check_sees_only(self.manager_b, [self.rep_b])

    def test_visit_admin_sees_everything(self):
        self._check_sees_only(self.visit_admin, list(self.records))

    def test_users_without_visit_rights_get_nothing(self):
        for user in (self.portal_user, self.internal_user):
            for model in VISIT_MODELS:
                with self.subTest(user=user.login, model=model):
                    Model = self.env[model].with_user(user)
                    with self.assertRaises(AccessError):
                        Model.search([])
                    record = (
                        self.rule
                        if model == "visit.frequency.rule"
                        else self.records[self.rep][model]
                    )
                    self.assertCannotAccess(user, model, record)
                    with self.assertRaises(AccessError):
                        Model.create({})

    def test_partner_visit_fields_without_visit_rights(self):
        """Contacts stay usable; the visit reports of a customer are hidden."""
        customer = self.customer.with_user(self.internal_user)
        fields = customer.fields_get()
        self.assertNotIn("visit_report_count", fields)
        self.assertNotIn("visit_report_ids", fields)
        self.assertIn("next_visit_date", fields)
        values = customer.read(["visit_tier", "next_visit_date", "visit_overdue"])
        self.assertEqual(values[0]["visit_tier"], "a")
        with self.assertRaises(AccessError):
            customer.read(["visit_report_count"])
        self.assertEqual(self.customer.with_user(self.rep).visit_report_count, 1)

    # ------------------------------------------------------------------
    # Frequency rules
    # ------------------------------------------------------------------
    def test_only_visit_admin_edits_frequency_rules(self):
        Rule = self.env["visit.frequency.rule"]
        values = {"tier": "b", "visit_mode": "phone", "interval_months": 1}
        for user in (self.rep, self.manager):
            with self.subTest(user=user.login):
                self.assertIn(self.rule, Rule.with_user(user).search([]))
                rule = self.rule.with_user(user)
                self.assertEqual(rule.interval_months, 1)
                with self.assertRaises(AccessError):
                    rule.write({"interval_months": 2})
                with self.assertRaises(AccessError):
                    Rule.with_user(user).create(values)
                with self.assertRaises(AccessError):
                    rule.unlink()
        rule = Rule.with_user(self.visit_admin).create(values)
        rule.write({"interval_months": 2})
        self.assertEqual(rule.interval_months, 2)
        rule.unlink()
        self.assertFalse(rule.exists())

    # ------------------------------------------------------------------
    # Multi-company
    # ------------------------------------------------------------------
    def test_other_company_records_are_hidden(self):
        company2 = self.env["res.company"].create({"name": "Visit West Co"})
        rep_c2 = new_test_user(
            self.env,
            "visit_rep_c2",
            groups="base.group_user,visit_management.group_visit_user",
            company_id=company2.id,
            company_ids=[(6, 0, company2.ids)],
        )
        report = self._create_report(user=rep_c2, company_id=company2.id)
        self.assertEqual(report.company_id, company2)
        admin_both = new_test_user(
            self.env,
            "visit_admin_both",
            groups="base.group_user,visit_management.group_visit_admin",
            company_ids=[(6, 0, (self.company | company2).ids)],
        )
        Report = self.env["visit.report"]
        # an administrator of the first company only
        self.assertFalse(
            Report.with_user(self.visit_admin).search([("id", "=", report.id)])
        )
        self.assertCannotAccess(self.visit_admin, "visit.report", report)
        # an administrator of both, with both companies active or only the first
        both = Report.with_user(admin_both).with_context(
            allowed_company_ids=(self.company | company2).ids
        )
        self.assertEqual(both.search([("id", "=", report.id)]), report)
        first_only = both.with_context(allowed_company_ids=self.company.ids)
        self.assertFalse(first_only.search([("id", "=", report.id)]))
        # the rep of the second company sees it, not the first company's reports
        rep_c2_reports = Report.with_user(rep_c2).search([])
        self.assertEqual(rep_c2_reports, report)


class TestAccessRows(VisitCommon):
    def test_a_group_has_a_row_only_where_it_gains_something(self):
        """No access row repeats what a group it implies already grants."""
        PERMS = ("perm_read", "perm_write", "perm_create", "perm_unlink")
        rows = self.env["ir.model.access"].browse(
            self.env["ir.model.data"]
            .search(
                [
                    ("model", "=", "ir.model.access"),
                    ("module", "in", ("visit_management", "visit_management_property")),
                ]
            )
            .mapped("res_id")
        )
        self.assertGreater(len(rows), 40)
        for row in rows.filtered("group_id"):
            implied = row.group_id.all_implied_ids - row.group_id
            granted = self.env["ir.model.access"].search(
                [("model_id", "=", row.model_id.id), ("group_id", "in", implied.ids)]
            )
            for other in granted:
                with self.subTest(row=row.get_external_id()[row.id]):
                    self.assertFalse(
                        all(other[perm] >= row[perm] for perm in PERMS),
                        f"{other.get_external_id()[other.id]} grants it already",
                    )


class TestReassignment(VisitCommon):
    def test_only_the_manager_hands_a_record_to_another_rep(self):
        report = self._create_report()
        plan = self._create_plan()
        for record in (report, plan):
            with self.assertRaisesRegex(UserError, "hand"):
                record.with_user(self.rep).write({"user_id": self.rep2.id})
            self.assertEqual(record.user_id, self.rep)
            record.with_user(self.manager).write({"user_id": self.rep2.id})
            self.assertEqual(record.user_id, self.rep2)
