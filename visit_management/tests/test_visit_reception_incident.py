# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError

from .reception_common import ReceptionCommon


class ReceptionActivityCase(ReceptionCommon):
    def _activities(self, reception, xmlid, **domain):
        activity_type = self.env.ref(f"visit_management.{xmlid}")
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "visit.reception"),
                    ("res_id", "=", reception.id),
                    ("activity_type_id", "=", activity_type.id),
                ]
                + [(key, "=", value) for key, value in domain.items()]
            )
        )


class TestReceptionSpecialRequest(ReceptionActivityCase):
    def test_request_goes_to_the_lead_manager_by_the_promised_date(self):
        reception = self._create_reception(
            special_request="A halal working meal and a prayer room",
            special_request_date=date(2026, 12, 3),
        )
        activity = self._activities(reception, "mail_activity_visit_reception_request")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.date_deadline, date(2026, 12, 3))
        self.assertIn("prayer room", str(activity.note))
        # a new promise moves the same activity
        reception.special_request_date = date(2026, 12, 5)
        self.assertEqual(
            self._activities(reception, "mail_activity_visit_reception_request"),
            activity,
        )
        self.assertEqual(activity.date_deadline, date(2026, 12, 5))

    def test_request_added_later_and_answered(self):
        reception = self._create_reception()
        self.assertFalse(
            self._activities(reception, "mail_activity_visit_reception_request")
        )
        reception.write(
            {
                "special_request": "Visit the clean room",
                "special_request_date": date(2026, 12, 1),
            }
        )
        activity = self._activities(reception, "mail_activity_visit_reception_request")
        self.assertTrue(activity.active)
        reception.special_request_answer = "Yes, with protective suits"
        self.assertFalse(activity.active, "the answer closes the request")
        self.assertEqual(
            self._activities(
                reception, "mail_activity_visit_reception_request", active=False
            ),
            activity,
        )

    def test_request_needs_a_promised_date(self):
        with self.assertRaisesRegex(ValidationError, "promised an answer"):
            self._create_reception(special_request="Airport hotel booking")

    def test_request_needs_a_lead_manager(self):
        leaderless = self.env["crm.team"].create(
            {"name": "Front Desk", "member_ids": [(6, 0, self.receptionist.ids)]}
        )
        with self.assertRaisesRegex(UserError, "no leader"):
            self._create_reception(
                user=self.receptionist,
                team_id=leaderless.id,
                special_request="Late arrival at 21:00",
                special_request_date=date(2026, 12, 1),
            )


class TestReceptionIncident(ReceptionActivityCase):
    def test_incident_notifies_the_managers(self):
        support = self.team_b
        reception = self._create_reception(support_team_ids=[(6, 0, support.ids)])
        reception.action_confirm()
        reception.action_check_in()
        incident = (
            self.env["visit.reception.incident"]
            .with_user(self.rep)
            .create(
                {
                    "reception_id": reception.id,
                    "incident_type": "injury",
                    "description": "A visitor slipped on the workshop stairs",
                    "actions_taken": "First aid given, clinic called",
                }
            )
        )
        self.assertEqual(incident.reported_by_id, self.rep)
        self.assertEqual(incident.display_name, f"Injury at {reception.name}")
        message = reception.message_ids.filtered(
            lambda message: "slipped" in (message.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("First aid given", message.body)
        self.assertEqual(
            self._notified(message), (self.manager | self.manager_b).partner_id
        )
        activity = self._activities(reception, "mail_activity_visit_reception_incident")
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(reception.incident_ids, incident)

    def test_front_desk_reports_an_incident(self):
        reception = self._create_reception(user=self.receptionist)
        incident = (
            self.env["visit.reception.incident"]
            .with_user(self.receptionist)
            .create(
                {
                    "reception_id": reception.id,
                    "incident_type": "fire",
                    "description": "Fire alarm in building A, evacuation",
                }
            )
        )
        self.assertEqual(incident.reported_by_id, self.receptionist)
        message = reception.message_ids.filtered(
            lambda message: "Fire alarm" in (message.body or "")
        )
        self.assertEqual(self._notified(message), self.manager.partner_id)
        self.assertNotIn("Actions taken", message.body)
