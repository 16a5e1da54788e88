# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .reception_common import ReceptionCommon


class TestReceptionVisitorRegister(ReceptionCommon):
    def _checked_in(self, visitors, user=None):
        reception = self._create_reception(
            user=user, visitor_ids=[(0, 0, values) for values in visitors]
        )
        reception.with_user(user or self.rep).action_confirm()
        reception.with_user(user or self.rep).action_check_in()
        return reception

    def test_new_visitor_becomes_a_contact_of_the_company(self):
        reception = self._checked_in(
            [
                {
                    "name": " Zhou Min ",
                    "gender": "female",
                    "function": "Chief Engineer",
                    "phone": "+86 21 5555 0101",
                    "email": "zhou.min@huadong.example.com",
                    "business_scope": "Import and export of machinery",
                }
            ]
        )
        self.assertEqual(reception.state, "in_progress")
        contact = reception.visitor_ids.partner_id
        self.assertTrue(contact)
        self.assertEqual(contact.parent_id, self.customer)
        self.assertEqual(contact.name, "Zhou Min")
        self.assertEqual(contact.visit_gender, "female")
        self.assertEqual(contact.function, "Chief Engineer")
        self.assertEqual(contact.phone, "+86 21 5555 0101")
        self.assertEqual(contact.email, "zhou.min@huadong.example.com")
        self.assertIn(contact, self.customer.child_ids)
        self.assertEqual(
            self.customer.visit_business_scope, "Import and export of machinery"
        )

    def test_known_visitor_is_updated(self):
        reception = self._create_reception()
        visitor = reception.visitor_ids
        self.assertEqual(visitor.partner_id, self.contact)
        visitor.write(
            {"function": "Purchasing Director", "gender": "male", "phone": "139 0000"}
        )
        reception.action_confirm()
        reception.action_check_in()
        self.assertEqual(self.contact.function, "Purchasing Director")
        self.assertEqual(self.contact.visit_gender, "male")
        self.assertEqual(self.contact.phone, "139 0000")
        self.assertEqual(len(self.customer.child_ids), 2, "no duplicate contact")

    def test_blank_details_do_not_erase_the_file(self):
        self.contact.phone = "021 1234 5678"
        reception = self._create_reception()
        reception.visitor_ids.phone = False
        reception.action_confirm()
        reception.action_check_in()
        self.assertEqual(self.contact.phone, "021 1234 5678")

    def test_receptionist_registers_without_contact_rights(self):
        """Receptionists need not manage contacts: the register is their way to
        grow the customer file, for the visiting company only."""
        Partner = self.env["res.partner"].with_user(self.receptionist)
        with self.assertRaises(AccessError):
            Partner.create({"name": "Direct", "parent_id": self.customer.id})
        reception = self._checked_in(
            [{"name": "Sun Li", "function": "Buyer"}], user=self.receptionist
        )
        self.assertEqual(reception.visitor_ids.partner_id.parent_id, self.customer)

    def _proposals(self, partner):
        return partner.activity_ids.filtered(
            lambda activity: "gave at reception" in activity.summary
        )

    def test_portal_users_contact_is_never_overwritten(self):
        """A rep registers a portal user's contact with another e-mail: the
        contact keeps its own (its password reset goes there); the change waits
        as a to-do for the customer's salesperson."""
        portal = new_test_user(
            self.env, "huadong_portal", groups="base.group_portal", name="Gao Yan"
        )
        portal.partner_id.write(
            {"parent_id": self.customer.id, "email": "gao.yan@huadong.example.com"}
        )
        self._checked_in(
            [{"partner_id": portal.partner_id.id, "email": "rep@attacker.example.com"}]
        )
        self.assertEqual(portal.partner_id.email, "gao.yan@huadong.example.com")
        proposal = self._proposals(portal.partner_id)
        self.assertEqual(proposal.user_id, self.rep)
        self.assertIn("rep@attacker.example.com", proposal.note)

    def test_receptionist_proposes_changes_to_a_known_contact(self):
        """Without contact rights, the front desk's corrections are proposals."""
        reception = self._create_reception(user=self.receptionist)
        reception.visitor_ids.with_user(self.receptionist).function = "Plant Manager"
        reception.with_user(self.receptionist).action_confirm()
        reception.with_user(self.receptionist).action_check_in()
        self.assertEqual(self.contact.function, "Buyer")
        proposal = self._proposals(self.contact)
        self.assertEqual(proposal.user_id, self.rep)
        self.assertIn("Plant Manager", proposal.note)

    def test_every_visitor_needs_a_name(self):
        reception = self._create_reception(visitor_ids=[(0, 0, {"phone": "138"})])
        reception.action_confirm()
        with self.assertRaisesRegex(ValidationError, "name of every visitor"):
            reception.action_check_in()
        self.assertEqual(reception.state, "confirmed")
        empty = self._create_reception(visitor_ids=[])
        empty.action_confirm()
        with self.assertRaisesRegex(UserError, "Register the visitors"):
            empty.action_check_in()


class TestPartnerVisitHistory(ReceptionCommon):
    def test_partner_shows_receptions_and_outgoing_visits(self):
        report = self._create_report()
        receptions = self._create_reception() | self._create_reception(
            purpose="site_tour"
        )
        self._create_reception(partner_id=self.customer_b.id, visitor_ids=[])
        customer = self.customer.with_user(self.rep)
        self.assertEqual(customer.visit_reception_count, 2)
        self.assertEqual(customer.visit_reception_ids, receptions)
        self.assertEqual(customer.visit_report_ids, report)
        action = customer.action_view_visit_receptions()
        self.assertEqual(action["res_model"], "visit.reception")
        self.assertEqual(
            self.env["visit.reception"].search(action["domain"]), receptions
        )
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)

    def test_visits_page_by_group(self):
        internal = new_test_user(self.env, "visit_no_rights", groups="base.group_user")
        rep_form = (
            self.env["res.partner"]
            .with_user(self.rep)
            .get_view(view_type="form")["arch"]
        )
        for name in (
            "visit_reception_ids",
            "visit_report_ids",
            "action_view_visit_receptions",
            "visit_business_scope",
        ):
            self.assertIn(f'name="{name}"', rep_form)
        other_form = (
            self.env["res.partner"]
            .with_user(internal)
            .get_view(view_type="form")["arch"]
        )
        self.assertNotIn('name="visit_reception_ids"', other_form)
        self.assertNotIn('name="action_view_visit_receptions"', other_form)
