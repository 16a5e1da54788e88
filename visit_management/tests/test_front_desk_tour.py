# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .test_journey_tours import JourneyCase


@tagged("post_install", "-at_install")
class TestFrontDeskPhone(JourneyCase):
    """The front desk on a phone: the bookings board, Room Planning room by
    room, and the feedback link of a visit that is over."""

    browser_size = "375x667"
    touch_enabled = True

    def test_front_desk_on_a_phone(self):
        desk = new_test_user(
            self.env,
            "visit_receptionist",
            name="Chen Jing",
            groups="base.group_user,visit_management.group_visit_front_desk",
            lang=self.lang,
        )
        Room = self.env["visit.meeting.room"]
        huangshan = Room.create({"name": "Huangshan", "capacity": 6})
        taishan = Room.create({"name": "Taishan", "capacity": 20})
        other = self.env["res.partner"].create(
            {"name": "Xibei Supplies", "is_company": True}
        )
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        Reception = self.env["visit.reception"].with_user(desk)

        def book(partner, start, visitor, room=None):
            """A booking of an hour, confirmed when in a room."""
            reception = Reception.create(
                {
                    "partner_id": partner.id,
                    "start_datetime": start,
                    "stop_datetime": start + timedelta(hours=1),
                    "room_id": room and room.id,
                    "user_id": self.rep.id,
                    "team_id": self.team.id,
                    "visitor_ids": [Command.create(visitor)],
                }
            )
            if room:
                reception.action_confirm()
            return reception

        # a request to answer first on the board, two visits in the rooms
        book(other, now + timedelta(days=2), {"name": "Liu Yang"})
        book(other, now + timedelta(hours=2), {"name": "Liu Yang"}, huangshan)
        book(other, now + timedelta(days=1), {"name": "Liu Yang"}, taishan)
        self.contact.phone = "+86 138 0013 8000"
        over = book(
            self.customer,
            now - timedelta(hours=3),
            {"partner_id": self.contact.id},
            taishan,
        )
        over.action_check_in()
        over.action_done()

        self._tour(
            desk, "/odoo/visit-receptions", "visit_management_reception_board_tour"
        )
        self._tour(
            desk,
            "/odoo/visit-reception-rooms?view_type=kanban",
            "visit_management_room_planning_cards_tour",
        )
        self._tour(
            desk,
            f"/odoo/visit-receptions/{over.id}",
            "visit_management_feedback_link_tour",
        )
        self.assertScreenshots(
            "reception_board", "reception_rooms_cards", "reception_feedback_link"
        )
        # pressing "Feedback Link by Text" left a note of it, and mailed no visitor
        self.assertIn(
            self.contact.name,
            over.message_ids.filtered(lambda m: m.author_id == desk.partner_id)[0].body,
        )
        mails = self.env["mail.mail"].search([("model", "=", over._name)])
        self.assertFalse(mails.recipient_ids & (self.contact | self.customer))
        self.assertFalse(any(mails.mapped("email_to")))


@tagged("post_install", "-at_install")
class TestFrontDeskPhoneChinese(TestFrontDeskPhone):
    """The same in Chinese."""

    lang = "zh_CN"
