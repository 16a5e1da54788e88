# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .reception_common import ReceptionCommon

RECEPTION_MODELS = (
    "visit.reception",
    "visit.reception.visitor",
    "visit.reception.material",
    "visit.reception.next.step",
    "visit.reception.incident",
)


class TestReceptionRules(ReceptionCommon):
    """Own bookings (host, booked by, companion, person in charge); the bookings
    of the departments a manager leads or that they support; everything for
    administrators; nothing for other users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(
            cls.env, "visit_reception_internal", groups="base.group_user"
        )
        west = {"team_id": cls.team_b.id, "user_id": cls.rep_b.id}
        cls.bookings = {
            # the rep books and hosts
            "own": cls._create_reception(),
            # the front desk books for rep2
            "booked": cls._create_reception(user=cls.receptionist, user_id=cls.rep2.id),
            # team West, the rep goes along
            "companion": cls._create_reception(
                user=cls.rep_b, companion_ids=[(6, 0, cls.rep.ids)], **west
            ),
            # team West, nothing to do with team East
            "west": cls._create_reception(user=cls.rep_b, **west),
            # team West, supported by team East
            "supported": cls._create_reception(
                user=cls.rep_b, support_team_ids=[(6, 0, cls.team.ids)], **west
            ),
            # team West, rep2 arranges the catering
            "in_charge": cls._create_reception(
                user=cls.rep_b,
                catering="tea",
                catering_user_id=cls.rep2.id,
                **west,
            ),
        }
        for booking in cls.bookings.values():
            cls.env["visit.reception.incident"].create(
                {
                    "reception_id": booking.id,
                    "incident_type": "other",
                    "description": "Lift out of order",
                }
            )
            cls.env["visit.reception.next.step"].create(
                {
                    "reception_id": booking.id,
                    "name": "Call back",
                    "deadline": date(2026, 12, 20),
                }
            )
            cls.env["visit.reception.material"].create(
                {"reception_id": booking.id, "name": "Company profile"}
            )

    def _records(self, model, names):
        bookings = self.env["visit.reception"].union(
            *(self.bookings[name] for name in names)
        )
        if model == "visit.reception":
            return bookings
        return self.env[model].search([("reception_id", "in", bookings.ids)])

    def _check_sees(self, user, names):
        for model in RECEPTION_MODELS:
            with self.subTest(user=user.login, model=model):
                every = self._records(model, self.bookings)
                expected = self._records(model, names)
                self.assertEqual(
                    self.env[model].with_user(user).search([("id", "in", every.ids)]),
                    expected,
                )
                hidden = every - expected
                if hidden:
                    with self.assertRaises(AccessError):
                        hidden.with_user(user).read(["display_name"])

    def test_users_see_their_own_bookings(self):
        self._check_sees(self.rep, ["own", "companion"])
        self._check_sees(self.rep2, ["booked", "in_charge"])
        self._check_sees(self.receptionist, ["booked"])
        self._check_sees(self.rep_b, ["companion", "west", "supported", "in_charge"])

    def test_managers_see_the_departments_they_lead_or_support(self):
        self._check_sees(self.manager, ["own", "booked", "supported"])
        self._check_sees(
            self.manager_b, ["companion", "west", "supported", "in_charge"]
        )

    def test_admin_sees_everything(self):
        self._check_sees(self.visit_admin, list(self.bookings))

    def test_users_without_visit_rights_get_nothing(self):
        for user in (self.internal_user, self.portal_user):
            for model in RECEPTION_MODELS + ("visit.meeting.room",):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).create({})

    def test_writes_follow_the_rules(self):
        own = self.bookings["own"].with_user(self.rep)
        own.note = "<p>Bring the samples</p>"
        self.assertIn("samples", own.note)
        with self.assertRaises(AccessError):
            self.bookings["west"].with_user(self.rep).note = "<p>Not mine</p>"
        with self.assertRaises(AccessError):
            self.env["visit.reception.visitor"].with_user(self.rep).create(
                {"reception_id": self.bookings["west"].id, "name": "Intruder"}
            )

    def test_only_admins_configure_meeting_rooms(self):
        Room = self.env["visit.meeting.room"]
        for user in (self.rep, self.manager):
            with self.subTest(user=user.login):
                self.assertIn(self.room, Room.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.room.with_user(user).capacity = 30
                with self.assertRaises(AccessError):
                    Room.with_user(user).create({"name": "Mine", "capacity": 2})
        room = Room.with_user(self.visit_admin).create(
            {"name": "Lushan", "capacity": 4}
        )
        room.capacity = 5
        self.assertEqual(room.capacity, 5)

    def test_other_company_bookings_are_hidden(self):
        company2 = self.env["res.company"].create({"name": "Reception West Co"})
        rep_c2 = new_test_user(
            self.env,
            "visit_reception_c2",
            groups="base.group_user,visit_management.group_visit_user",
            company_id=company2.id,
            company_ids=[(6, 0, company2.ids)],
        )
        team_c2 = self.env["crm.team"].create(
            {"name": "Team C2", "company_id": company2.id}
        )
        booking = self._create_reception(
            user=rep_c2,
            user_id=rep_c2.id,
            team_id=team_c2.id,
            company_id=company2.id,
            partner_id=self.customer_b.id,
            visitor_ids=[],
        )
        self.assertEqual(booking.company_id, company2)
        self.assertFalse(
            self.env["visit.reception"]
            .with_user(self.visit_admin)
            .search([("id", "=", booking.id)])
        )


class TestConfidentialMaterials(ReceptionCommon):
    """Confidential materials: only the host, the companions and the managers
    (the lead department's leader, administrators) see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reception = cls._create_reception(
            user=cls.receptionist,
            companion_ids=[(6, 0, cls.rep2.ids)],
            support_team_ids=[(6, 0, cls.team_b.ids)],
            catering="tea",
            catering_user_id=cls.rep_b.id,
        )
        # the host lists what to bring; the front desk cannot add secrets
        cls.reception.with_user(cls.rep).write(
            {
                "material_ids": [
                    (0, 0, {"name": "Company profile"}),
                    (0, 0, {"name": "2027 price proposal", "confidential": True}),
                ]
            }
        )
        materials = cls.reception.material_ids
        cls.public = materials.filtered(lambda material: not material.confidential)
        cls.secret = materials - cls.public

    def _seen_by(self, user):
        return self.reception.with_user(user).material_ids

    def test_host_companions_and_managers_see_everything(self):
        for user in (self.rep, self.rep2, self.manager, self.visit_admin):
            with self.subTest(user=user.login):
                self.assertEqual(self._seen_by(user), self.public | self.secret)
                self.assertEqual(
                    self.secret.with_user(user).read(["name"])[0]["name"],
                    "2027 price proposal",
                )

    def test_others_see_only_what_is_not_confidential(self):
        # who booked it, who arranges the catering, a supporting manager
        for user in (self.receptionist, self.rep_b, self.manager_b):
            with self.subTest(user=user.login):
                self.assertEqual(self._seen_by(user), self.public)
                Material = self.env["visit.reception.material"].with_user(user)
                self.assertEqual(
                    Material.search([("reception_id", "=", self.reception.id)]),
                    self.public,
                )
                with self.assertRaises(AccessError):
                    self.secret.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.secret.with_user(user).confidential = False

    def test_front_desk_cannot_add_a_secret(self):
        with self.assertRaises(AccessError):
            self.env["visit.reception.material"].with_user(self.receptionist).create(
                {
                    "reception_id": self.reception.id,
                    "name": "Margins",
                    "confidential": True,
                }
            )
        public = (
            self.env["visit.reception.material"]
            .with_user(self.receptionist)
            .create({"reception_id": self.reception.id, "name": "Brochures"})
        )
        self.assertIn(public, self._seen_by(self.receptionist))

    def test_checklist_counts_the_confidential_items_too(self):
        self.reception.with_user(self.receptionist).action_confirm()
        summaries = self.reception.activity_ids.mapped("summary")
        self.assertIn("Prepare the materials (2 items)", summaries)
