# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time

from odoo.tests import freeze_time

from .common import VisitCommon

STORED_VISIT_FIELDS = (
    "last_visit_date",
    "last_onsite_visit_date",
    "last_phone_visit_date",
    "next_visit_date",
    "visit_key_contact_count",
)


class TestPartnerVisits(VisitCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["visit.frequency.rule"]
        cls.company.write(
            {
                "city": "Shanghai",
                "state_id": cls.env.ref("base.state_cn_SH").id,
                "country_id": cls.env.ref("base.cn").id,
            }
        )

    def _visit(self, day, mode="onsite", partner=None, state="submitted"):
        """A visit by the rep on that day, filed up to the given state."""
        partner = partner or self.customer
        report = self._create_report(
            partner_id=partner.id,
            contact_id=partner.child_ids[:1].id,
            visit_mode=mode,
            start_datetime=datetime.combine(day, time(2)),
            end_datetime=datetime.combine(day, time(3)),
        )
        if state in ("submitted", "approved", "returned"):
            report.action_submit()
        if state == "approved":
            report.with_user(self.manager).action_approve()
        if state == "returned":
            report.with_user(self.manager)._action_refuse("Too short")
        return report

    def _created_on(self, partner):
        return partner.create_date.date()

    # ------------------------------------------------------------------
    # Frequency rules and due dates
    # ------------------------------------------------------------------
    def test_default_rules(self):
        tier_rules = self.rules.search([("kind", "=", "tier")])
        self.assertEqual(
            {(r.tier, r.visit_mode): r.interval_months for r in tier_rules},
            {
                ("a", "onsite"): 1,
                ("b", "onsite"): 1,
                ("c", "phone"): 1,
                ("c", "onsite"): 3,
                ("d", "phone"): 1,
                ("d", "onsite"): 3,
            },
        )
        region_rules = self.rules.search([("kind", "=", "region")])
        self.assertEqual(
            {(r.region, r.visit_mode): r.interval_months for r in region_rules},
            {
                ("same_city", "onsite"): 1,
                ("same_province", "onsite"): 3,
                ("elsewhere", "onsite"): 6,
            },
        )

    def test_never_visited_is_due_at_creation(self):
        for partner in (self.customer, self.customer_b):
            self.assertFalse(partner.last_visit_date)
            self.assertFalse(partner.last_onsite_visit_date)
            self.assertFalse(partner.last_phone_visit_date)
            self.assertEqual(partner.next_visit_date, self._created_on(partner))

    def test_untiered_customer_is_never_due(self):
        partner = self.env["res.partner"].create({"name": "No Tier", "is_company": 1})
        self.assertFalse(partner.next_visit_date)
        self.assertFalse(partner.visit_overdue)

    def test_tier_a_onsite_every_month(self):
        self._visit(date(2026, 12, 10))
        self.assertEqual(self.customer.last_onsite_visit_date, date(2026, 12, 10))
        self.assertEqual(self.customer.last_visit_date, date(2026, 12, 10))
        self.assertFalse(self.customer.last_phone_visit_date)
        self.assertEqual(self.customer.next_visit_date, date(2027, 1, 10))

    def test_tier_a_phone_visit_does_not_replace_onsite(self):
        self._visit(date(2026, 12, 10), mode="phone")
        self.assertEqual(self.customer.last_phone_visit_date, date(2026, 12, 10))
        self.assertEqual(self.customer.next_visit_date, self._created_on(self.customer))

    def test_tier_c_last_visit_per_mode(self):
        self._visit(date(2026, 11, 2), partner=self.customer_b)
        self._visit(date(2026, 12, 5), mode="phone", partner=self.customer_b)
        partner = self.customer_b
        self.assertEqual(partner.last_onsite_visit_date, date(2026, 11, 2))
        self.assertEqual(partner.last_phone_visit_date, date(2026, 12, 5))
        self.assertEqual(partner.last_visit_date, date(2026, 12, 5))
        # phone due 2027-01-05, on-site due 2027-02-02: the earliest wins
        self.assertEqual(partner.next_visit_date, date(2027, 1, 5))

    def test_tier_c_onsite_due_every_three_months(self):
        self._visit(date(2026, 12, 5), mode="phone", partner=self.customer_b)
        self._visit(date(2026, 12, 20), mode="phone", partner=self.customer_b)
        self._visit(date(2026, 10, 1), partner=self.customer_b)
        self.assertEqual(self.customer_b.last_phone_visit_date, date(2026, 12, 20))
        self.assertEqual(self.customer_b.next_visit_date, date(2027, 1, 1))

    def test_onsite_visit_counts_as_phone_contact(self):
        self._visit(date(2026, 12, 10), partner=self.customer_b)
        self.assertFalse(self.customer_b.last_phone_visit_date)
        # phone due one month after the on-site visit, not at creation
        self.assertEqual(self.customer_b.next_visit_date, date(2027, 1, 10))

    def test_only_filed_reports_count(self):
        report = self._visit(date(2026, 12, 10), state="draft")
        self._visit(date(2026, 12, 12), state="returned")
        self.assertFalse(self.customer.last_visit_date)
        self.assertEqual(self.customer.next_visit_date, self._created_on(self.customer))
        report.action_submit()
        self.assertEqual(self.customer.last_visit_date, date(2026, 12, 10))
        report.with_user(self.manager).action_approve()
        self.assertEqual(self.customer.last_visit_date, date(2026, 12, 10))
        self.assertEqual(self.customer.next_visit_date, date(2027, 1, 10))

    def test_archived_report_does_not_count(self):
        report = self._visit(date(2026, 12, 10))
        self._visit(date(2026, 11, 10))
        report.with_user(self.manager).action_archive()
        self.assertEqual(self.customer.last_visit_date, date(2026, 11, 10))
        self.assertEqual(self.customer.next_visit_date, date(2026, 12, 10))

    def test_tier_change_recomputes(self):
        self._visit(date(2026, 12, 10))
        self._visit(date(2026, 12, 20), mode="phone")
        self.assertEqual(self.customer.next_visit_date, date(2027, 1, 10))
        self.customer.visit_tier = "c"
        # phone due 2027-01-20, on-site due 2027-03-10
        self.assertEqual(self.customer.next_visit_date, date(2027, 1, 20))
        self.customer.visit_tier = False
        self.assertFalse(self.customer.next_visit_date)

    def test_rule_changes_recompute(self):
        self._visit(date(2026, 12, 10))
        rule = self.env.ref("visit_management.visit_frequency_rule_a_onsite")
        rule.with_user(self.visit_admin).interval_months = 2
        self.assertEqual(self.customer.next_visit_date, date(2027, 2, 10))
        self.rules.with_user(self.visit_admin).create(
            {"tier": "a", "visit_mode": "phone", "interval_months": 1}
        )
        # the on-site visit also counts as the phone contact
        self.assertEqual(self.customer.next_visit_date, date(2027, 1, 10))
        self.rules.search([("tier", "=", "a")]).with_user(self.visit_admin).unlink()
        self.assertFalse(self.customer.next_visit_date)

    def test_archived_rule_does_not_apply(self):
        self._visit(date(2026, 12, 10), partner=self.customer_b)
        self.env.ref("visit_management.visit_frequency_rule_c_phone").action_archive()
        self.assertEqual(self.customer_b.next_visit_date, date(2027, 3, 10))

    def test_rule_of_another_company_does_not_apply(self):
        other = self.env["res.company"].create({"name": "Visit Other Co"})
        self._visit(date(2026, 12, 10))
        self.rules.create(
            {
                "tier": "a",
                "visit_mode": "phone",
                "interval_months": 1,
                "company_id": other.id,
            }
        )
        self.env.ref("visit_management.visit_frequency_rule_a_onsite").write(
            {"interval_months": 2}
        )
        self.assertEqual(self.customer.next_visit_date, date(2027, 2, 10))

    def test_region_rules(self):
        """Only the region rules bind customer_b (its tier rules are archived);
        they apply once the company switches them on."""
        self.env.ref("visit_management.visit_frequency_rule_c_phone").action_archive()
        self.env.ref("visit_management.visit_frequency_rule_c_onsite").action_archive()
        partner = self.customer_b
        partner.write(
            {"city": "Shanghai", "state_id": self.env.ref("base.state_cn_SH").id}
        )
        self._visit(date(2026, 12, 10), partner=partner)
        self.assertFalse(partner.next_visit_date, "region rules are off")
        self.company.visit_region_rules = True
        self.assertEqual(partner.next_visit_date, date(2027, 1, 10))
        partner.city = "Pudong"
        self.assertEqual(partner.next_visit_date, date(2027, 3, 10))
        partner.state_id = self.env.ref("base.state_cn_BJ")
        self.assertEqual(partner.next_visit_date, date(2027, 6, 10))
        self.company.visit_region_rules = False
        self.assertFalse(partner.next_visit_date)

    def test_region_rules_add_to_tier_rules(self):
        self.company.visit_region_rules = True
        self.customer_b.write(
            {"city": "Shanghai", "state_id": self.env.ref("base.state_cn_SH").id}
        )
        self._visit(date(2026, 12, 10), partner=self.customer_b)
        self._visit(date(2026, 12, 20), mode="phone", partner=self.customer_b)
        # same city: on-site every month beats tier C's every 3 months
        self.assertEqual(self.customer_b.next_visit_date, date(2027, 1, 10))

    # ------------------------------------------------------------------
    # Overdue
    # ------------------------------------------------------------------
    def test_visit_overdue_compute_and_search(self):
        untiered = self.env["res.partner"].create({"name": "No Tier"})
        self._visit(date(2026, 12, 10))  # due 2027-01-10
        self._visit(date(2026, 12, 20), partner=self.customer_b)  # due 2027-01-20
        partners = self.customer | self.customer_b | untiered
        Partner = self.env["res.partner"]
        for today, overdue in (
            ("2027-01-05", Partner),
            ("2027-01-10", Partner),
            ("2027-01-15", self.customer),
            ("2027-02-01", self.customer | self.customer_b),
        ):
            with self.subTest(today=today), freeze_time(today):
                partners.invalidate_recordset(["visit_overdue"])
                self.assertEqual(partners.filtered("visit_overdue"), overdue)
                base = [("id", "in", partners.ids)]
                self.assertEqual(
                    Partner.search(base + [("visit_overdue", "=", True)]), overdue
                )
                self.assertEqual(
                    Partner.search(base + [("visit_overdue", "=", False)]),
                    partners - overdue,
                )
                self.assertEqual(
                    Partner.search(base + [("visit_overdue", "!=", True)]),
                    partners - overdue,
                )

    # ------------------------------------------------------------------
    # Key contacts
    # ------------------------------------------------------------------
    def test_key_contacts(self):
        customer = self.customer
        self.assertEqual(customer.visit_key_contact_count, 0)
        self.assertTrue(customer.visit_key_contact_warning)
        (self.contact | self.contact2).visit_key_contact = True
        self.assertEqual(customer.visit_key_contact_count, 2)
        self.assertTrue(customer.visit_key_contact_warning)
        third = self.env["res.partner"].create(
            {"name": "Zhao Lei", "parent_id": customer.id, "visit_key_contact": True}
        )
        self.assertEqual(customer.visit_key_contact_count, 3)
        self.assertFalse(customer.visit_key_contact_warning)
        third.action_archive()
        self.assertEqual(customer.visit_key_contact_count, 2)
        self.assertTrue(customer.visit_key_contact_warning)
        self.contact2.parent_id = self.customer_b
        self.assertEqual(customer.visit_key_contact_count, 1)
        self.assertEqual(self.customer_b.visit_key_contact_count, 1)

    def test_key_contact_warning_only_for_a_and_b(self):
        for tier, warned in (("a", True), ("b", True), ("c", False), ("d", False)):
            with self.subTest(tier=tier):
                self.customer_b.visit_tier = tier
                self.assertEqual(self.customer_b.visit_key_contact_warning, warned)

    def test_key_contact_minimum_is_configurable(self):
        """The minimum of the customer's company, or else of the current one."""
        self.assertEqual(self.company.visit_key_contact_minimum, 3)
        self.customer.company_id = self.company
        (self.contact | self.contact2).visit_key_contact = True
        self.customer_b.visit_tier = "a"
        self.assertTrue(self.customer.visit_key_contact_warning)
        self.assertTrue(self.customer_b.visit_key_contact_warning)
        settings = self.env["res.config.settings"].create(
            {"visit_key_contact_minimum": 0}
        )
        settings.execute()
        self.assertEqual(self.company.visit_key_contact_minimum, 0)
        self.assertFalse(self.customer.visit_key_contact_warning)
        # a customer shared by all companies: read again, as the next request does
        self.customer_b.invalidate_recordset(["visit_key_contact_warning"])
        self.assertFalse(self.customer_b.visit_key_contact_warning)

    # ------------------------------------------------------------------
    # Performance
    # ------------------------------------------------------------------
    def _make_customers(self, count, tier="a"):
        customers = self.env["res.partner"].create(
            [
                {
                    "name": f"Customer {tier}{i}",
                    "is_company": True,
                    "visit_tier": tier,
                    "user_id": self.rep.id,
                    "city": "Shanghai" if i % 2 else "Hangzhou",
                    "state_id": self.company.state_id.id,
                }
                for i in range(count)
            ]
        )
        self.env["res.partner"].create(
            [
                {"name": f"Key {p.name}", "parent_id": p.id, "visit_key_contact": True}
                for p in customers
            ]
        )
        Report = self.env["visit.report"].sudo()  # approved as set-up data
        for mode in ("onsite", "phone"):
            Report.create(
                [
                    {
                        "user_id": self.rep.id,
                        "partner_id": partner.id,
                        "visit_mode": mode,
                        "start_datetime": datetime(2026, 12, 1 + i % 28, 2),
                        "end_datetime": datetime(2026, 12, 1 + i % 28, 3),
                        "state": "approved",
                    }
                    for i, partner in enumerate(customers)
                ]
            )
        return customers

    def _recompute_queries(self, partners):
        """Queries to recompute the visit fields of the partners and read them."""
        Partner = self.env["res.partner"]
        self.env.flush_all()
        self.env.invalidate_all()
        count0 = self.env.cr.sql_log_count
        for name in STORED_VISIT_FIELDS:
            self.env.add_to_compute(Partner._fields[name], partners)
        self.env.flush_all()
        partners.mapped("visit_report_count")
        return self.env.cr.sql_log_count - count0

    def test_recompute_queries_do_not_grow_with_partners(self):
        self.company.visit_region_rules = True
        self._recompute_queries(self._make_customers(2, tier="c"))  # warm caches
        one = self._make_customers(1)
        many = self._make_customers(50)
        self.assertEqual(self._recompute_queries(one), self._recompute_queries(many))
        self.assertEqual(set(many.mapped("visit_report_count")), {2})
        self.assertEqual(set(many.mapped("visit_key_contact_count")), {1})
        self.assertTrue(all(many.mapped("next_visit_date")))

    # ------------------------------------------------------------------
    # Smart button
    # ------------------------------------------------------------------
    def test_action_view_visit_reports(self):
        mine = self._visit(date(2026, 12, 10)) | self._visit(
            date(2026, 12, 20), state="draft"
        )
        self._visit(date(2026, 12, 10), partner=self.customer_b)
        customer = self.customer.with_user(self.rep)
        self.assertEqual(customer.visit_report_count, 2)
        action = customer.action_view_visit_reports()
        self.assertEqual(action["res_model"], "visit.report")
        reports = self.env["visit.report"].with_user(self.rep).search(action["domain"])
        self.assertEqual(reports, mine)
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
