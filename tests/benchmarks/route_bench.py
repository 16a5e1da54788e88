# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The route optimiser's benchmark (part of `make bench`; no database).

    route_bench.py [--days 50]

Generates, with a fixed seed, days of 5 to 25 visits within 15 km of central
Shanghai, from a start within 5 km of it. The rep's planned (time) order is a
rough loop: the visits by bearing from the start, each bearing shifted by up to
45 degrees either way. A quarter of the visits are appointments, whose window
holds the time the planned order arrives, so that order keeps every window.

For each size it prints: the local search's length over the exact optimum's
(mean and worst, where the exact solver runs), the proposed route's length over
the planned order's, and the time plan_route takes."""

import argparse
import importlib.util
import math
import random
import statistics
import sys
import time
from pathlib import Path

# The solver is plain Python: loaded from its file, without the addon (and Odoo).
ROUTE_PLAN_PATH = (
    Path(__file__).resolve().parents[2] / "visit_management" / "tools" / "route_plan.py"
)
SPEC = importlib.util.spec_from_file_location("route_plan", ROUTE_PLAN_PATH)
route_plan = importlib.util.module_from_spec(SPEC)
sys.modules["route_plan"] = route_plan
SPEC.loader.exec_module(route_plan)

SEED = 19
SIZES = (5, 10, 15, 20, 25)
CENTRE = (31.23, 121.47)  # People's Square, Shanghai
CITY_RADIUS_M = 15000
START_RADIUS_M = 5000
DEPARTURE = 8 * 60 + 30
APPOINTMENT_SHARE = 0.25
SERVICE_MINUTES = (20, 30, 45)
BEARING_JITTER = 45
METRES_A_DEGREE = route_plan.EARTH_RADIUS_M * math.pi / 180


def around(rng, centre, radius_m):
    """A point uniformly spread over the disc of `radius_m` round `centre`."""
    distance = radius_m * math.sqrt(rng.random())
    angle = rng.uniform(0, 2 * math.pi)
    latitude = centre[0] + distance * math.cos(angle) / METRES_A_DEGREE
    longitude = centre[1] + distance * math.sin(angle) / (
        METRES_A_DEGREE * math.cos(math.radians(centre[0]))
    )
    return latitude, longitude


def bearing(start, point):
    north = point[0] - start[0]
    east = (point[1] - start[1]) * math.cos(math.radians(start[0]))
    return math.degrees(math.atan2(east, north))


def quarter_hour_window(rng, arrival):
    """An appointment booked round the planned arrival: a window on quarter
    hours that holds it."""
    earliest = math.floor(arrival / 15) * 15 - rng.choice((0, 15, 30))
    latest = math.ceil(arrival / 15) * 15 + rng.choice((15, 30, 60))
    return earliest, latest


def planned_day(rng, size):
    """(start, stops in the planned order) of one day."""
    start = around(rng, CENTRE, START_RADIUS_M)
    points = [around(rng, CENTRE, CITY_RADIUS_M) for _stop in range(size)]
    points.sort(
        key=lambda point: (
            bearing(start, point) + rng.uniform(-BEARING_JITTER, BEARING_JITTER)
        )
    )
    metres_a_minute = route_plan.CITY_SPEED_KMH * 1000 / 60
    stops = []
    clock = DEPARTURE
    here = start
    for number, point in enumerate(points):
        arrival = clock + route_plan.distance_m(*here, *point) / metres_a_minute
        window = None
        if rng.random() < APPOINTMENT_SHARE:
            window = quarter_hour_window(rng, arrival)
        service = rng.choice(SERVICE_MINUTES)
        stops.append(route_plan.Stop(number, *point, service, window))
        clock = arrival + service
        here = point
    return start, stops


def measure(size, days, rng):
    """One row of the table: the ratios and times over `days` days of `size`."""
    to_optimum, to_time_order, milliseconds = [], [], []
    for _day in range(days):
        start, stops = planned_day(rng, size)
        began = time.perf_counter()
        plan = route_plan.plan_route(start, stops, departure=DEPARTURE)
        milliseconds.append((time.perf_counter() - began) * 1000)
        if plan.late_ids:
            raise AssertionError(f"a planned day misses {plan.late_ids}")
        to_time_order.append(plan.distance_m / plan.time_order_distance_m)
        if size <= route_plan.EXACT_MAX_STOPS:
            optimum = route_plan.optimal_order(start, stops, departure=DEPARTURE)
            found = route_plan.improved_order(start, stops, departure=DEPARTURE)
            to_optimum.append(
                route_plan.route_distance_m(start, found)
                / route_plan.route_distance_m(start, optimum)
            )
    return {
        "size": size,
        "days": days,
        "heuristic_mean": statistics.mean(to_optimum) if to_optimum else None,
        "heuristic_worst": max(to_optimum) if to_optimum else None,
        "time_order_mean": statistics.mean(to_time_order),
        "ms_mean": statistics.mean(milliseconds),
    }


def ratio(value):
    return "-" if value is None else f"{value:.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=50, help="days of each size")
    days = parser.parse_args().days
    rng = random.Random(SEED)
    print(
        f"{'stops':>5} {'days':>5} {'heur/opt mean':>13} {'heur/opt worst':>14}"
        f" {'plan/time order':>15} {'ms/plan':>8}",
        flush=True,
    )
    for size in SIZES:
        row = measure(size, days, rng)
        print(
            f"{row['size']:>5} {row['days']:>5} {ratio(row['heuristic_mean']):>13}"
            f" {ratio(row['heuristic_worst']):>14} {row['time_order_mean']:>15.4f}"
            f" {row['ms_mean']:>8.1f}",
            flush=True,
        )
    print(
        f"plan: exact up to {route_plan.EXACT_MAX_STOPS} stops, local search beyond;"
        " ratios of route lengths (lower is shorter)"
    )


if __name__ == "__main__":
    main()
