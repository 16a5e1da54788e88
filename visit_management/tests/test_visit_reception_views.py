# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import Form

from .reception_common import ReceptionCommon

ACTIONS = (
    "visit_reception_action",
    "visit_reception_action_rooms",
    "visit_reception_action_analysis",
    "visit_meeting_room_action",
)


class TestReceptionViews(ReceptionCommon):
    def test_every_view_of_every_action_renders(self):
        for xmlid in ACTIONS:
            action = self.env.ref(f"visit_management.{xmlid}")
            modes = action.view_mode.split(",")
            for user in (self.visit_admin, self.rep):
                with self.subTest(action=xmlid, user=user.login):
                    views = (
                        self.env[action.res_model]
                        .with_user(user)
                        .get_views(
                            [(False, mode) for mode in modes] + [(False, "search")]
                        )
                    )
                    self.assertEqual(set(views["views"]), set(modes) | {"search"})

    def test_calendars_by_host_and_by_room(self):
        Reception = self.env["visit.reception"]
        by_host = Reception.get_view(view_type="calendar")["arch"]
        self.assertIn('color="user_id"', by_host)
        rooms = self.env.ref("visit_management.visit_reception_action_rooms")
        views = {view.view_mode: view.view_id for view in rooms.view_ids}
        by_room = Reception.get_view(views["calendar"].id, view_type="calendar")["arch"]
        self.assertIn('color="room_id"', by_room)

    def test_board_cards_count_visitors_without_a_plural(self):
        """ "1 visitors" no more: the card shows an icon and the number."""
        kanban = self.env["visit.reception"].get_view(view_type="kanban")["arch"]
        self.assertNotIn("visitors", kanban.replace('"Visitors"', ""))
        self.assertIn("fa-users", kanban)

    def test_room_planning_room_by_room(self):
        """The front desk sees each room's bookings (a list and cards by room)
        and the rooms' days (a pivot room by day) besides the calendar."""
        rooms = self.env.ref("visit_management.visit_reception_action_rooms")
        self.assertEqual(rooms.view_mode, "calendar,list,kanban,pivot,form")
        views = {view.view_mode: view.view_id for view in rooms.view_ids}
        Reception = self.env["visit.reception"].with_user(self.receptionist)
        listed = Reception.get_view(views["list"].id, view_type="list")["arch"]
        self.assertIn('default_group_by="room_id"', listed)
        cards = Reception.get_view(views["kanban"].id, view_type="kanban")["arch"]
        self.assertIn('default_group_by="room_id"', cards)
        pivot = Reception.get_view(views["pivot"].id, view_type="pivot")["arch"]
        self.assertIn('<field name="room_id" type="row"/>', pivot)
        self.assertIn('interval="day" type="col"', pivot)
        for room, days in ((self.room, (0, 1)), (self.big_room, (0,))):
            for day in days:
                self._create_reception(
                    user=self.receptionist,
                    room_id=room.id,
                    start_datetime=self.start + timedelta(days=day),
                    stop_datetime=self.stop + timedelta(days=day),
                ).action_confirm()
        groups = Reception.formatted_read_group(
            [("room_id", "!=", False)], ["room_id", "start_datetime:day"], ["__count"]
        )
        self.assertEqual(
            [
                (g["room_id"][1], g["start_datetime:day"][1], g["__count"])
                for g in groups
            ],
            [
                ("Huangshan", "10 Dec 2026", 1),
                ("Huangshan", "11 Dec 2026", 1),
                ("Taishan", "10 Dec 2026", 1),
            ],
        )

    def test_menus(self):
        expected = {
            "visit_management_menu_reception": "visit_management_menu_root",
            "visit_reception_menu": "visit_management_menu_reception",
            "visit_reception_menu_rooms": "visit_management_menu_reception",
            "visit_reception_menu_analysis": "visit_management_menu_reporting",
            "visit_meeting_room_menu": "visit_management_menu_config",
        }
        for menu, parent in expected.items():
            self.assertEqual(
                self.env.ref(f"visit_management.{menu}").parent_id,
                self.env.ref(f"visit_management.{parent}"),
            )
        visible = self.env["ir.ui.menu"].with_user(self.rep)._visible_menu_ids()
        self.assertIn(self.env.ref("visit_management.visit_reception_menu").id, visible)
        # meeting rooms are configured by administrators
        self.assertEqual(
            self.env.ref(
                "visit_management.visit_meeting_room_menu"
            ).parent_id.group_ids,
            self.env.ref("visit_management.group_visit_admin"),
        )

    def test_booking_through_the_form(self):
        form = Form(self.env["visit.reception"].with_user(self.rep))
        form.partner_id = self.customer
        form.start_datetime = self.start
        form.stop_datetime = self.stop
        form.room_id = self.room
        form.purpose = "technical_exchange"
        with form.visitor_ids.new() as visitor:
            visitor.partner_id = self.contact
        with form.visitor_ids.new() as visitor:
            visitor.name = "Zhou Min"
        self.assertEqual(form.people_count, 2)
        self.assertEqual(form.attendee_count, 3)
        reception = form.save()
        self.assertEqual(reception.team_id, self.team)
        self.assertEqual(reception.visitor_ids.mapped("name"), ["Wang Wei", "Zhou Min"])

    def test_satisfaction_average_per_department(self):
        for score in ("4", "2"):
            reception = self._create_reception(room_id=False)
            reception.action_confirm()
            reception.action_check_in()
            reception.action_done()
            reception.satisfaction = score
        self._create_reception(room_id=False)  # not rated
        rated = [("satisfaction_score", ">", 0)]
        groups = self.env["visit.reception"]._read_group(
            rated,
            ["team_id", "start_datetime:month"],
            ["__count", "satisfaction_score:avg"],
        )
        self.assertEqual(
            [(team, count, avg) for team, _month, count, avg in groups],
            [(self.team, 2, 3.0)],
        )


class TestReceptionSheet(ReceptionCommon):
    def test_sheet_holds_what_the_desk_needs(self):
        reception = self._create_reception(
            user=self.receptionist,
            room_id=self.room.id,
            companion_ids=[(6, 0, self.rep2.ids)],
            catering="working_meal",
            catering_covers=4,
            dietary_notes="One vegetarian",
            pickup_needed=True,
            pickup_place="Hongqiao Station",
            pickup_datetime=self.start - timedelta(hours=1),
            pickup_driver="Lao Zhang",
            agenda="<p>Factory tour with helmets</p>",
        )
        reception.with_user(self.rep).write(
            {
                "material_ids": [
                    (0, 0, {"name": "Catalogue", "quantity": 3}),
                    (0, 0, {"name": "Cost breakdown", "confidential": True}),
                ]
            }
        )
        report = self.env.ref("visit_management.visit_reception_report_sheet")
        for user, secret_shown in ((self.rep, True), (self.receptionist, False)):
            with self.subTest(user=user.login):
                self.env.invalidate_all()  # as in the user's own request
                html, _type = (
                    self.env["ir.actions.report"]
                    .with_user(user)
                    ._render_qweb_html(report, reception.ids)
                )
                html = html.decode()
                for text in (
                    reception.name,
                    "Huadong Trading Co.",
                    "Huangshan",
                    "Building A, 3F",
                    self.rep.name,
                    self.rep2.name,
                    "Wang Wei",
                    "Working Meal",
                    "One vegetarian",
                    "Hongqiao Station",
                    "Lao Zhang",
                    "Factory tour with helmets",
                    "Catalogue",
                ):
                    self.assertIn(text, html)
                self.assertEqual("Cost breakdown" in html, secret_shown)
