# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.orm import fields as orm_fields
from odoo.orm import models as orm_models
from odoo.tests import Form

from ..models.res_partner_map import OVERDUE_RING, TIER_COLORS
from ..models.visit_today import PLANNED_ROUTE_COLOR, REPORT_MISSING_RING
from ..tools.china_coordinates import wgs84_to_gcj02
from .common import VisitCommon
from .test_today import TodayCommon

# East to west along one street of Shanghai, a kilometre apart.
STREET = [(31.2304, 121.4737 - 0.0105 * step) for step in range(5)]


def street_stops(env):
    """The office at the street's east end, and a customer each kilometre west
    of it: "Stop 1 km" to "Stop 4 km"."""
    env.company.partner_id.write(
        {"partner_latitude": STREET[0][0], "partner_longitude": STREET[0][1]}
    )
    return env["res.partner"].create(
        [
            {
                "name": f"Stop {step} km",
                "is_company": True,
                "partner_latitude": latitude,
                "partner_longitude": longitude,
            }
            for step, (latitude, longitude) in enumerate(STREET)
            if step
        ]
    )


class TestMapData(VisitCommon):
    """What the map view draws: the records of the search, with the user's
    rights, in the coordinates of the company's tiles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unplaced = cls.env["res.partner"].create(
            {"name": "Nowhere Ltd.", "is_company": True, "visit_tier": "b"}
        )
        cls.customers = cls.customer | cls.unplaced
        cls.customer.next_visit_date = date(2026, 11, 20)

    def _map(self, user, model="res.partner", domain=None, **kwargs):
        return (
            self.env[model]
            .with_user(user)
            .visit_map_data(
                domain if domain is not None else [("id", "in", self.customers.ids)],
                **kwargs,
            )
        )

    def test_customers_by_tier_and_due_date(self):
        data = self._map(self.rep)
        (point,) = data["points"]
        self.assertEqual(point["id"], self.customer.id)
        self.assertEqual(point["title"], "Huadong Trading Co.")
        self.assertEqual(point["label"], "A")
        self.assertEqual(point["color"], TIER_COLORS["a"])
        self.assertEqual(point["position"], [31.2304, 121.4737])
        self.assertEqual(data["unlocated"], 1, "the customer without a position")
        self.assertFalse(data["truncated"])
        # due three days ago: overdue, ringed in red
        self.assertTrue(self.customer.visit_overdue)
        self.assertEqual(point["ring"], OVERDUE_RING)
        self.assertIn("Visit overdue", " ".join(point["lines"]))
        self.assertEqual(
            point["actions"],
            [{"label": "Plan a Visit", "method": "action_visit_plan_visit"}],
        )
        self.assertEqual(
            [item["label"] for item in data["legend"]][:4],
            ["Tier A", "Tier B", "Tier C", "Tier D"],
        )

    def test_the_popup_says_the_last_visit_and_an_approximate_position(self):
        self.customer.write(
            {
                "last_visit_date": date(2026, 11, 2),
                # where the geocoder placed it roughly
                "visit_approximate_latitude": 31.2304,
                "visit_approximate_longitude": 121.4737,
            }
        )
        (point,) = self._map(self.rep)["points"]
        self.assertTrue(point["approximate"])
        self.assertIn("Last visit 11/02/2026", point["lines"])
        self.assertIn("Approximate position (from the address)", point["lines"])

    def test_the_search_domain_filters_the_map(self):
        data = self._map(self.rep, domain=[("visit_tier", "=", "c")])
        self.assertNotIn(self.customer.id, [p["id"] for p in data["points"]])

    def test_positions_follow_the_tiles(self):
        self.assertEqual(self._map(self.rep)["tiles"]["gcj02"], False)
        self.company.visit_map_tiles = "amap"
        data = self._map(self.rep, position=[31.2, 121.5])
        self.assertTrue(data["tiles"]["gcj02"])
        self.assertIn("autonavi.com", data["tiles"]["layers"][0])
        expected = list(wgs84_to_gcj02(31.2304, 121.4737))
        self.assertEqual(data["points"][0]["position"], expected)
        # Amap's streets lie some 500 m from the GPS position in Shanghai
        self.assertGreater(abs(expected[1] - 121.4737), 0.003)
        self.assertEqual(data["position"], list(wgs84_to_gcj02(31.2, 121.5)))

    def test_tianditu_takes_the_key_and_a_tile_server_replaces_the_url(self):
        parameters = self.env["ir.config_parameter"].sudo()
        parameters.set_param("visit_management.tianditu_key", "abc123")
        self.company.visit_map_tiles = "tianditu"
        tiles = self._map(self.rep)["tiles"]
        self.assertEqual(len(tiles["layers"]), 2, "the streets and their names")
        self.assertTrue(all("tk=abc123" in layer for layer in tiles["layers"]))
        self.assertFalse(tiles["gcj02"])
        parameters.set_param(
            "visit_management.map_tiles_url", "http://tiles.example/{z}/{x}/{y}.png"
        )
        self.assertEqual(
            self._map(self.rep)["tiles"]["layers"],
            ["http://tiles.example/{z}/{x}/{y}.png"],
        )

    def test_bad_input_gets_a_clear_error(self):
        for position in ("here", [31.2], [91, 121], [31.2, "east"]):
            with (
                self.subTest(position=position),
                self.assertRaises(ValidationError),
            ):
                self._map(self.rep, position=position)
        with self.assertRaisesRegex(UserError, "cannot show this search"):
            self._map(self.rep, domain=[("no_such_field", "=", 1)])

    def test_the_map_reads_with_the_users_rights(self):
        with self.assertRaises(AccessError):
            self._map(self.portal_user, model="visit.today", domain=[])
        # a rep of the other team does not see the rep's visits of the day
        self.assertFalse(
            self._map(self.rep_b, model="visit.today", domain=[])["points"]
        )

    def test_the_map_reads_in_a_fixed_number_of_queries(self):
        Partner = self.env["res.partner"]
        few = Partner.create(
            [
                {"name": f"Few {i}", "partner_latitude": 31, "partner_longitude": 121}
                for i in range(3)
            ]
        )
        many = Partner.create(
            [
                {"name": f"Many {i}", "partner_latitude": 31, "partner_longitude": 121}
                for i in range(60)
            ]
        )
        self._map(self.manager, domain=[("id", "in", few.ids)])  # warms the caches
        counts = []
        # the many points more than the ORM reads at a time (1,000 records)
        with (
            patch.object(orm_fields, "PREFETCH_MAX", 50),
            patch.object(orm_models, "PREFETCH_MAX", 50),
        ):
            for partners in (few, many):
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                data = self._map(self.manager, domain=[("id", "in", partners.ids)])
                counts.append(self.cr.sql_log_count - before)
                self.assertEqual(len(data["points"]), len(partners))
        self.assertEqual(counts[0], counts[1])

    def test_plan_a_visit_from_the_map(self):
        action = self.customer.with_user(self.rep).action_visit_plan_visit()
        self.assertEqual(action["res_model"], "visit.plan.line")
        plan = self.env["visit.plan"].browse(action["context"]["default_plan_id"])
        self.assertEqual((plan.user_id, plan.state), (self.rep, "draft"))
        self.assertEqual(str(plan.date_start), "2026-12-01", "next month's plan")
        with Form(
            self.env["visit.plan.line"]
            .with_user(self.rep)
            .with_context(**action["context"])
        ) as line:
            self.assertEqual(line.partner_id, self.customer)
            line.planned_datetime = "2026-12-08 02:00:00"
        self.assertEqual(plan.line_ids.partner_id, self.customer)
        # the same plan the next time, and none once it is submitted
        again = self.customer.with_user(self.rep).action_visit_plan_visit()
        self.assertEqual(again["context"]["default_plan_id"], plan.id)
        plan.with_user(self.rep).action_submit()
        following = self.customer.with_user(self.rep).action_visit_plan_visit()
        self.assertNotEqual(following["context"]["default_plan_id"], plan.id)

    def test_a_map_view_takes_no_unknown_attribute(self):
        with self.assertRaisesRegex(ValidationError, "does not take the attributes"):
            self.env["ir.ui.view"].create(
                {
                    "name": "bad map",
                    "model": "res.partner",
                    "arch": '<visit_map color="red"/>',
                }
            )
        with self.assertRaisesRegex(ValidationError, "has no content"):
            self.env["ir.ui.view"].create(
                {
                    "name": "map with fields",
                    "model": "res.partner",
                    "arch": '<visit_map><field name="name"/></visit_map>',
                }
            )
        views = self.env["res.partner"].get_views([(False, "visit_map")])
        self.assertIn("visit_map", views["views"])


class TestDayOnTheMap(TodayCommon):
    """Today on the map, and Optimise my day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stops = street_stops(cls.env)
        one, two, three, four = cls.stops
        # in time order the rep zig-zags along the street: 3, 1, 4, 2 km
        plan = cls._approved_plan_today(
            cls.rep,
            [
                (three, 13, 0, None),
                (one, 14, 0, None),
                (four, 15, 0, None),
                (two, 16, 0, None),
            ],
        )
        cls.lines = plan.line_ids.sorted("planned_datetime")
        # over by the test's clock, noon in the reps' timezone, without a report
        cls._approved_plan_today(cls.rep2, [(cls.customer, 9, 30, None)])
        cls.Today = cls.env["visit.today"]

    def _day(self, user):
        return self.Today.with_user(user).search([("user_id", "=", user.id)])

    def test_the_days_stops_are_numbered_in_order(self):
        data = self.Today.with_user(self.rep).visit_map_data(
            [("user_id", "=", self.rep.id)], position=list(STREET[0])
        )
        self.assertEqual(
            [(point["title"], point["label"]) for point in data["points"]],
            [
                ("Stop 3 km", "1"),
                ("Stop 1 km", "2"),
                ("Stop 4 km", "3"),
                ("Stop 2 km", "4"),
            ],
        )
        self.assertEqual(data["position"], list(STREET[0]))
        self.assertEqual(data["options"], {"optimise": True})
        # the leader looking at the rep's day has nothing to optimise
        leader = self.Today.with_user(self.manager).visit_map_data(
            [("user_id", "=", self.rep.id)]
        )
        self.assertEqual(leader["options"], {"optimise": False})
        (planned,) = data["routes"]  # no check-in yet: no actual route
        self.assertEqual(
            (planned["color"], planned["dashed"]), (PLANNED_ROUTE_COLOR, True)
        )
        self.assertEqual(len(planned["positions"]), 4)
        first = data["points"][0]
        three = self.stops[2]
        # the way there in Amap, from the customer's GPS position
        self.assertEqual(
            first["links"],
            [
                {
                    "label": "Navigate",
                    "url": "https://uri.amap.com/navigation?to="
                    f"{three.partner_longitude}%2C{three.partner_latitude}%2CStop+3+km"
                    "&mode=car&coordinate=wgs84&callnative=1",
                }
            ],
        )
        self.assertEqual(
            first["actions"], [{"label": "Report", "method": "action_open_report"}]
        )
        # the leader's points say whose stop it is, and open no rep's report
        (leaders_first, *_others) = leader["points"]
        self.assertEqual(leaders_first["lines"][-1], self.rep.name)
        self.assertEqual(leaders_first["actions"], [])

    def test_a_stop_over_without_a_report_is_ringed(self):
        (point,) = self.Today.with_user(self.manager).visit_map_data(
            [("user_id", "=", self.rep2.id)]
        )["points"]
        self.assertEqual(point["ring"], REPORT_MISSING_RING)
        self.assertEqual(point["title"], self.customer.name)
        self.assertEqual(point["lines"][-2:], ["Report missing", self.rep2.name])

    def test_a_stop_without_a_position_is_counted_not_drawn(self):
        self.lines[0].partner_id.sudo().write(
            {"partner_latitude": 0, "partner_longitude": 0}
        )
        data = self.Today.with_user(self.manager).visit_map_data(
            [("user_id", "=", self.rep.id)]
        )
        self.assertEqual(len(data["points"]), 3)
        self.assertEqual(data["unlocated"], 1)

    def test_the_day_is_computed_once_for_its_points(self):
        """Each read of the view computes the whole day again (55 ms for a
        team leader's at a million reports): one finds the points with their
        fields, one counts those without a position."""
        Today = self.Today.with_user(self.manager)
        Today.visit_map_data([])  # warms the caches
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries):
            data = Today.visit_map_data([])
        self.assertEqual(len(data["points"]), 5)
        view_reads = [query for query in queries if "WITH rep_day AS" in query]
        self.assertEqual(len(view_reads), 2, "\n\n".join(view_reads))

    def test_optimise_my_day_from_the_office(self):
        action = self.Today.with_user(self.rep).action_optimise_day("office")
        self.assertEqual(
            self._day(self.rep).partner_id.mapped("name"),
            ["Stop 1 km", "Stop 2 km", "Stop 3 km", "Stop 4 km"],
        )
        message = action["params"]["message"]
        # 4 km along the street instead of 3 + 2 + 3 + 2 = 10 km
        self.assertIn("4.0 km, 6.0 km less than in time order", message)
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        # the other rep's day is as it was
        self.assertFalse(self._day(self.rep2).plan_line_id.route_sequence)
        # once more: the same order, measured against the time order again
        again = self.Today.with_user(self.rep).action_optimise_day("office")
        self.assertEqual(again["params"]["message"], message)
        self.assertEqual(
            self._day(self.rep).plan_line_id.mapped("route_sequence"), [1, 2, 3, 4]
        )

    def test_a_day_already_in_order_stays_as_it_is(self):
        for line, hour in zip(
            self.lines.sorted(lambda line: line.partner_id.name),
            (13, 14, 15, 16),
            strict=True,
        ):
            line.sudo().planned_datetime = self._at(hour)
        action = self.Today.with_user(self.rep).action_optimise_day("office")
        self.assertEqual(
            action["params"]["message"],
            "Your 4 visits are already in the best order: 4.0 km.",
        )

    def test_optimise_from_where_the_rep_is(self):
        self.Today.with_user(self.rep).action_optimise_day(
            "current", position=list(STREET[4])
        )
        self.assertEqual(
            self._day(self.rep).partner_id.mapped("name"),
            ["Stop 4 km", "Stop 3 km", "Stop 2 km", "Stop 1 km"],
        )

    def test_a_fixed_appointment_keeps_its_time(self):
        # the customer 4 km away expects the rep in 20 minutes (between 12:20
        # and 13:20), too soon for an hour's visit anywhere before; the one 3 km
        # away moves to 13:30
        three, four = self.stops[2:]
        by_partner = {line.partner_id: line for line in self.lines}
        soon = fields.Datetime.now().replace(second=0, microsecond=0) + timedelta(
            minutes=20
        )
        # as the leader would, the plan being approved
        by_partner[four].sudo().write(
            {"planned_datetime": soon, "appointment_fixed": True}
        )
        by_partner[three].sudo().planned_datetime = self._at(13, 30)
        action = self.Today.with_user(self.rep).action_optimise_day("office")
        # 4 km out first, then back along the street: 7 km, not 4 + 1 + 2 + 1
        self.assertEqual(
            self._day(self.rep).partner_id.mapped("name"),
            ["Stop 4 km", "Stop 3 km", "Stop 2 km", "Stop 1 km"],
        )
        self.assertIn("7.0 km, 1.0 km less", action["params"]["message"])

    def test_optimise_refuses_what_it_cannot_do(self):
        Today = self.Today.with_user(self.rep)
        with self.assertRaisesRegex(UserError, "home, the office or where you are"):
            Today.action_optimise_day("moon")
        with self.assertRaisesRegex(UserError, "did not give its position"):
            Today.action_optimise_day("current")
        with self.assertRaisesRegex(UserError, "has no position on the map"):
            Today.action_optimise_day("home")
        with self.assertRaises(ValidationError):
            Today.action_optimise_day("current", position=[200, 0])
        with self.assertRaisesRegex(UserError, "is on the map"):
            self.Today.with_user(self.rep_b).action_optimise_day("office")
        # the route's order is the server's
        with self.assertRaises(UserError):
            self.lines[0].with_user(self.rep).write({"route_sequence": 1})
        self.assertFalse(any(self.lines.mapped("route_sequence")))

    def test_the_manager_sees_the_planned_and_the_actual_route(self):
        first, second = self.lines[:2]
        for minute, line, (latitude, longitude) in (
            (5, second, STREET[1]),
            (40, first, STREET[3]),
        ):
            report = line.with_user(self.rep)._visit_report()
            report.action_check_in(latitude, longitude, 10)
            report.sudo().checkin_time = self._at(12, minute)
        data = self.Today.with_user(self.manager).visit_map_data(
            [("user_id", "=", self.rep.id)]
        )
        planned, actual = data["routes"]
        self.assertTrue(planned["dashed"])
        self.assertFalse(actual["dashed"])
        self.assertEqual(actual["positions"], [list(STREET[1]), list(STREET[3])])
        # and the team map, where each rep last checked in
        team = self.env["visit.today.rep"].with_user(self.manager).visit_map_data([])
        (rep,) = [p for p in team["points"] if p["title"] == self.rep.name]
        self.assertEqual(rep["position"], list(STREET[3]))
        self.assertIn("Stop 3 km", rep["lines"][0])
