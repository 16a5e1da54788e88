# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.tests import new_test_user

from .common import VisitCommon


class ReceptionCommon(VisitCommon):
    """A receptionist who books for the hosts, two meeting rooms, and a booking
    helper: Huadong's visit hosted by the rep (team East) on 10 December."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # front desk: not a salesperson nor a contact manager
        cls.receptionist = new_test_user(
            cls.env,
            "visit_receptionist",
            groups="base.group_user,visit_management.group_visit_front_desk",
        )
        Room = cls.env["visit.meeting.room"]
        cls.room = Room.create(
            {"name": "Huangshan", "capacity": 6, "location": "Building A, 3F"}
        )
        cls.big_room = Room.create(
            {"name": "Taishan", "capacity": 20, "location": "Building B, 1F"}
        )
        cls.start = datetime(2026, 12, 10, 2, 0)
        cls.stop = cls.start + timedelta(hours=2)

    @classmethod
    def _create_reception(cls, user=None, tracking=False, **values):
        """A booking made by the user (the rep by default), its changes
        tracked in the chatter if asked (the test environment disables it)."""
        user = user or cls.rep
        env = cls.env
        if tracking:
            env = env(
                context=dict(env.context, tracking_disable=False, mail_notrack=False)
            )
        defaults = {
            "partner_id": cls.customer.id,
            "purpose": "business_talks",
            "start_datetime": cls.start,
            "stop_datetime": cls.stop,
            "visitor_ids": [(0, 0, {"partner_id": cls.contact.id})],
        }
        if user != cls.rep and "team_id" not in values:
            defaults["team_id"] = cls.team.id
            defaults["user_id"] = cls.rep.id
        reception = (
            env["visit.reception"].with_user(user).create({**defaults, **values})
        )
        if tracking:
            # as if the booking were saved in an earlier transaction: the one
            # that creates a record tracks none of its changes
            env.cr.flush()
        return reception
