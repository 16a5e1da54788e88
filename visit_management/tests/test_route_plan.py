# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The route optimiser on days small enough to check by hand or by trying
every order, and on seeded random days around Shanghai. No database: the
solver is plain Python."""

import math
import random
from itertools import permutations

from odoo.tests import BaseCase

from odoo.addons.visit_management.tools.route_plan import (
    CITY_SPEED_KMH,
    EARTH_RADIUS_M,
    EXACT_MAX_STOPS,
    Stop,
    distance_m,
    improved_order,
    optimal_order,
    plan_route,
    route_distance_m,
)

START = (31.0, 121.0)
METRES_A_DEGREE = EARTH_RADIUS_M * math.pi / 180
METRES_A_MINUTE = CITY_SPEED_KMH * 1000 / 60
DEPARTURE = 8 * 60
# The heuristic's stated quality on days the exact solver can check.
HEURISTIC_MAX_RATIO = 1.10
HEURISTIC_MAX_MEAN_RATIO = 1.03


def north_of_start(stop_id, metres, **fields):
    """A stop on START's meridian: distances along it add up exactly."""
    return Stop(stop_id, START[0] + metres / METRES_A_DEGREE, START[1], **fields)


def late_stops(start, stops, departure=DEPARTURE):
    """The ids of the stops reached after their window, written out again here
    so the solver is checked against an independent account of the rules."""
    late = []
    time = departure
    here = start
    for stop in stops:
        there = (stop.latitude, stop.longitude)
        arrival = time + distance_m(*here, *there) / METRES_A_MINUTE
        earliest, latest = stop.window or (arrival, arrival)
        if arrival > latest:
            late.append(stop.id)
        time = max(arrival, earliest) + stop.service_minutes
        here = there
    return late


def random_day(rng, size):
    """Stops within ~15 km of central Shanghai, a third with an appointment
    whose window holds the time the given order arrives: that order keeps
    every window."""
    start = (31.23 + rng.uniform(-0.05, 0.05), 121.47 + rng.uniform(-0.05, 0.05))
    stops = []
    time = DEPARTURE
    here = start
    for stop_id in range(size):
        there = (31.23 + rng.uniform(-0.13, 0.13), 121.47 + rng.uniform(-0.15, 0.15))
        arrival = time + distance_m(*here, *there) / METRES_A_MINUTE
        window = None
        if rng.random() < 1 / 3:
            window = (arrival - rng.uniform(0, 60), arrival + rng.uniform(0, 60))
        service = rng.choice((15, 30, 45))
        stops.append(Stop(stop_id, *there, service_minutes=service, window=window))
        time = max(arrival, window[0] if window else arrival) + service
        here = there
    return start, stops


def brute_force_distance(start, stops):
    """The length of the shortest on-time order, trying every order (the rules
    as in late_stops, the distances computed once)."""
    points = [start] + [(stop.latitude, stop.longitude) for stop in stops]
    metres = [[distance_m(*here, *there) for there in points] for here in points]
    lengths = []
    for order in permutations(range(1, len(points))):
        time, previous, length = DEPARTURE, 0, 0.0
        for index in order:
            stop = stops[index - 1]
            arrival = time + metres[previous][index] / METRES_A_MINUTE
            earliest, latest = stop.window or (arrival, arrival)
            if arrival > latest:
                break
            time = max(arrival, earliest) + stop.service_minutes
            length += metres[previous][index]
            previous = index
        else:
            lengths.append(length)
    return min(lengths)


class TestRoutePlan(BaseCase):
    def assertSameStops(self, order, stops):
        self.assertCountEqual([stop.id for stop in order], [stop.id for stop in stops])

    def test_distance(self):
        self.assertAlmostEqual(distance_m(31.0, 121.0, 32.0, 121.0), METRES_A_DEGREE)
        self.assertAlmostEqual(distance_m(0.0, 0.0, 0.0, 1.0), METRES_A_DEGREE)
        self.assertEqual(distance_m(*START, *START), 0.0)

    def test_points_on_a_line_are_sorted(self):
        metres = {"c": 3000, "a": 1000, "e": 5000, "b": 2000, "d": 4000}
        stops = [north_of_start(stop_id, m) for stop_id, m in metres.items()]
        plan = plan_route(START, stops, departure=DEPARTURE)
        self.assertEqual(plan.order, ("a", "b", "c", "d", "e"))
        self.assertAlmostEqual(plan.distance_m, 5000, places=6)
        # c, a, e, b, d: 3 + 2 + 4 + 3 + 2 km
        self.assertAlmostEqual(plan.time_order_distance_m, 14000, places=6)
        self.assertAlmostEqual(plan.saved_m, 9000, places=6)
        self.assertTrue(plan.exact)
        self.assertTrue(plan.time_order_feasible)
        self.assertEqual(
            improved_order(START, stops), sorted(stops, key=lambda stop: stop.id)
        )

    def test_exact_is_brute_force(self):
        rng = random.Random(19)
        for size in (6, 7, 7, 8):
            start, stops = random_day(rng, size)
            order = optimal_order(start, stops, departure=DEPARTURE)
            with self.subTest(size=size):
                self.assertSameStops(order, stops)
                self.assertEqual(late_stops(start, order), [])
                self.assertAlmostEqual(
                    route_distance_m(start, order),
                    brute_force_distance(start, stops),
                    places=6,
                )

    def test_heuristic_close_to_exact(self):
        rng = random.Random(1903)
        ratios = []
        for size in (9, 9, 9, 10, 10, 10):
            start, stops = random_day(rng, size)
            optimum = optimal_order(start, stops, departure=DEPARTURE)
            heuristic = improved_order(start, stops, departure=DEPARTURE)
            with self.subTest(size=size):
                self.assertSameStops(heuristic, stops)
                self.assertEqual(late_stops(start, heuristic), [])
                length = route_distance_m(start, heuristic)
                self.assertLessEqual(length, route_distance_m(start, stops) + 1e-6)
                ratios.append(length / route_distance_m(start, optimum))
                self.assertLessEqual(ratios[-1], HEURISTIC_MAX_RATIO)
        self.assertLessEqual(sum(ratios) / len(ratios), HEURISTIC_MAX_MEAN_RATIO)

    def test_long_day_by_heuristic(self):
        rng = random.Random(25)
        for size in (EXACT_MAX_STOPS + 1, 15, 20):
            start, stops = random_day(rng, size)
            plan = plan_route(start, stops, departure=DEPARTURE)
            by_id = {stop.id: stop for stop in stops}
            order = [by_id[stop_id] for stop_id in plan.order]
            with self.subTest(size=size):
                self.assertFalse(plan.exact)
                self.assertSameStops(order, stops)
                self.assertEqual(late_stops(start, order), [])
                self.assertAlmostEqual(plan.distance_m, route_distance_m(start, order))
                self.assertLess(plan.distance_m, plan.time_order_distance_m)
        with self.assertRaises(ValueError):
            optimal_order(start, stops)

    def test_early_appointment_far_away_comes_first(self):
        # 10 km away, 20 minutes at 30 km/h, expected within 25 minutes: the
        # nearer stops first would be 28 minutes.
        far = north_of_start("far", 10000, window=(0, 25))
        near = [
            north_of_start(stop_id, m) for stop_id, m in (("2", -2000), ("1", -1000))
        ]
        plan = plan_route(START, [far, *near], departure=0)
        self.assertEqual(plan.order, ("far", "1", "2"))
        self.assertAlmostEqual(plan.distance_m, 10000 + 12000, places=6)
        free = plan_route(START, [north_of_start("far", 10000), *near], departure=0)
        self.assertEqual(free.order[-1], "far")
        self.assertAlmostEqual(free.distance_m, 2000 + 12000, places=6)
        # leaving at 0:15, the rep is late whichever order, so it stays as given
        late = plan_route(START, [*near, far], departure=15)
        self.assertEqual(late.order, ("2", "1", "far"))
        self.assertEqual(late.late_ids, ("far",))
        self.assertFalse(late.time_order_feasible)
        self.assertFalse(late.exact)
        self.assertEqual(late.distance_m, late.time_order_distance_m)

    def test_waiting_for_a_window_and_being_late_elsewhere(self):
        # The rep may wait at "wait" (opens at 1:00) but must then be at "soon"
        # by 0:40: the shorter order wait, soon is not kept, soon, wait is.
        wait = north_of_start("wait", 1000, window=(60, 600))
        soon = north_of_start("soon", 2000, window=(0, 40))
        plan = plan_route(START, [soon, wait], departure=0)
        self.assertEqual(plan.order, ("soon", "wait"))
        self.assertEqual(plan.late_ids, ())
        # leaving at 0:39, soon is reached at 0:43 at the earliest
        self.assertIsNone(optimal_order(START, [soon, wait], departure=39))
        self.assertIsNone(improved_order(START, [soon, wait], departure=39))
        # planned the other way round, soon is late: the order stays as planned,
        # though soon, wait would keep both windows
        unchanged = plan_route(START, [wait, soon], departure=0)
        self.assertEqual(unchanged.order, ("wait", "soon"))
        self.assertEqual(unchanged.late_ids, ("soon",))

    def test_late_plan_is_kept_though_a_shorter_one_is_in_time(self):
        # "shop" (2 km, 4 minutes straight) by 0:05: planned after "depot", it
        # is late; shop then depot would be 5 km instead of 8, and in time.
        depot = north_of_start("depot", 5000)
        shop = north_of_start("shop", 2000, window=(0, 5))
        plan = plan_route(START, [depot, shop], departure=0)
        self.assertEqual(plan.order, ("depot", "shop"))
        self.assertEqual(plan.late_ids, ("shop",))
        self.assertAlmostEqual(plan.distance_m, 8000, places=6)
        self.assertEqual(plan.saved_m, 0.0)
        self.assertEqual(optimal_order(START, [depot, shop]), [shop, depot])

    def test_no_stop_and_one_stop(self):
        plan = plan_route(START, [])
        self.assertEqual(plan.order, ())
        self.assertEqual((plan.distance_m, plan.time_order_distance_m), (0.0, 0.0))
        self.assertTrue(plan.exact)
        self.assertEqual(optimal_order(START, []), [])
        self.assertEqual(improved_order(START, []), [])
        only = north_of_start("only", 1500)
        plan = plan_route(START, [only])
        self.assertEqual(plan.order, ("only",))
        self.assertAlmostEqual(plan.distance_m, 1500, places=6)
        self.assertEqual(plan.saved_m, 0.0)

    def test_duplicate_coordinates(self):
        stops = [
            north_of_start("b", 2000),
            north_of_start("a", 1000),
            north_of_start("b again", 2000),
            north_of_start("at start", 0),
        ]
        for order in (optimal_order(START, stops), improved_order(START, stops)):
            self.assertEqual([stop.id for stop in order][:2], ["at start", "a"])
            self.assertAlmostEqual(route_distance_m(START, order), 2000, places=6)
        self.assertAlmostEqual(plan_route(START, stops).distance_m, 2000, places=6)
