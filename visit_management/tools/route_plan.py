# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The order of a rep's visits of the day that travels least.

From where the rep sets out, the visits are put in the order of the shortest
open route (the day ends at the last visit), as the crow flies. A visit with a
fixed appointment must be reached before its window closes; the rep may wait
for it to open. A day of up to EXACT_MAX_STOPS visits is solved exactly; a
longer one by local search, started from the nearest-neighbour order and from
the planned order, so its answer is never longer than the planned order.

A planned order that already misses an appointment is returned as it is, with
the visits it reaches late: the plan is to be made again by a person, and a
shorter order would only hide that."""

import math
from dataclasses import dataclass

# The mean Earth radius: distance_m is also the check-in's distance from the
# customer (visit_report_geofence).
EARTH_RADIUS_M = 6371008.8
# A rep's mean speed across a city, stops at lights included.
CITY_SPEED_KMH = 30.0
# The exact solver's work grows as 2^n n^2: 10 visits take about a tenth of a
# second, 15 would take seconds.
EXACT_MAX_STOPS = 10
# A gain smaller than a millimetre is rounding, not a shorter route: taking it
# could swap two equal orders for ever.
MIN_GAIN_M = 1e-3
# The longest run of consecutive visits an or-opt move carries elsewhere.
OR_OPT_MAX_RUN = 3


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = (
        math.sin(d_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Stop:
    """A visit of the day: where, how long on site (minutes) and, for a fixed
    appointment, its window (earliest, latest): the minutes from the day's
    start between which the rep must arrive."""

    id: object
    latitude: float
    longitude: float
    service_minutes: float = 0.0
    window: tuple[float, float] | None = None


@dataclass(frozen=True)
class RoutePlan:
    """What plan_route proposes. `order` holds the stops' ids; the distances are
    those of open routes from the start. `late_ids` are the stops the planned
    (time) order reaches after their window: when there are any, `order` is the
    planned order unchanged. `exact` says that no order keeping the windows is
    shorter than `order`."""

    order: tuple
    distance_m: float
    time_order_distance_m: float
    late_ids: tuple
    exact: bool

    @property
    def time_order_feasible(self):
        return not self.late_ids

    @property
    def saved_m(self):
        return self.time_order_distance_m - self.distance_m


def route_distance_m(start, stops):
    """The length of the open route from `start` (latitude, longitude) through
    `stops` in their order."""
    total = 0.0
    here = start
    for stop in stops:
        there = (stop.latitude, stop.longitude)
        total += distance_m(*here, *there)
        here = there
    return total


class _Day:
    """The start as index 0, the stops as 1..n and the route's end as n + 1,
    at no distance from any of them (the route is open). The solvers work on
    these indices and the tables of distances and travel times between them."""

    def __init__(self, start, stops, speed_kmh, departure):
        self.stops = list(stops)
        self.size = len(self.stops)
        self.end = self.size + 1
        self.departure = departure
        points = [start] + [(stop.latitude, stop.longitude) for stop in self.stops]
        self.distance = [
            [distance_m(*here, *there) for there in points] + [0.0] for here in points
        ]
        self.distance.append([0.0] * (self.size + 2))
        metres_a_minute = speed_kmh * 1000 / 60
        self.travel = [[d / metres_a_minute for d in row] for row in self.distance]
        self.service = [0.0] + [stop.service_minutes for stop in self.stops]
        windows = [(-math.inf, math.inf)] + [
            stop.window or (-math.inf, math.inf) for stop in self.stops
        ]
        self.earliest = [earliest for earliest, _latest in windows]
        self.latest = [latest for _earliest, latest in windows]

    def length(self, order):
        total = 0.0
        previous = 0
        for index in order:
            total += self.distance[previous][index]
            previous = index
        return total

    def leave(self, time, previous, index):
        """When the rep, having left `previous` at `time`, leaves `index`: after
        waiting for its window to open, if early, and its service."""
        arrival = time + self.travel[previous][index]
        return max(arrival, self.earliest[index]) + self.service[index]

    def late(self, order):
        """The indices of `order` reached after their window closes."""
        late = []
        time = self.departure
        previous = 0
        for index in order:
            if time + self.travel[previous][index] > self.latest[index]:
                late.append(index)
            time = self.leave(time, previous, index)
            previous = index
        return late

    def on_time(self, order):
        return not self.late(order)

    def stranded(self, time, index, remaining):
        """Whether leaving `index` at `time` is too late for one of the
        `remaining` appointments, even going there straight: the distances obey
        the triangle inequality, so no detour arrives earlier."""
        return any(
            time + self.travel[index][other] > self.latest[other] for other in remaining
        )


def _add_label(labels, label):
    """Adds (distance, time, ...) to the labels of one state unless one of them
    is both shorter and earlier, and drops those the new one beats so: a later
    label can only reach fewer windows, a longer one only end longer."""
    distance, time = label[0], label[1]
    if any(other[0] <= distance and other[1] <= time for other in labels):
        return
    labels[:] = [
        other for other in labels if not (distance <= other[0] and time <= other[1])
    ]
    labels.append(label)


def _shortest(day):
    """Held-Karp over (visited set, last stop), with time windows: each state
    keeps every label (distance, leaving time) that no other is both shorter
    and earlier than, since a longer route may be the one that is still in time
    for a later appointment. Returns the shortest order keeping every window,
    or None."""
    size = day.size
    if size == 0:
        return []
    distance, travel, latest = day.distance, day.travel, day.latest
    indices = range(1, size + 1)
    # labels[visited][last]: the labels (distance, time, previous step) of the
    # routes through the set `visited` (bit i - 1 for stop i) ending at `last`.
    labels = [{} for _visited in range(1 << size)]
    for index in indices:
        if day.departure + travel[0][index] <= latest[index]:
            time = day.leave(day.departure, 0, index)
            labels[1 << (index - 1)][index] = [(distance[0][index], time, None)]
    # A set grows into larger numbers only: its states are complete before it
    # is extended.
    for visited, ends in enumerate(labels):
        outside = [index for index in indices if not visited >> (index - 1) & 1]
        for last, last_labels in ends.items():
            for label in last_labels:
                length, time, _previous = label
                for index in outside:
                    if time + travel[last][index] > latest[index]:
                        continue
                    _add_label(
                        labels[visited | 1 << (index - 1)].setdefault(index, []),
                        (
                            length + distance[last][index],
                            day.leave(time, last, index),
                            (last, label),
                        ),
                    )
    ends = [
        (label[0], last, label)
        for last, last_labels in labels[-1].items()
        for label in last_labels
    ]
    if not ends:
        return None
    _length, last, label = min(ends, key=lambda end: end[0])
    order = []
    step = (last, label)
    while step:
        index, label = step
        order.append(index)
        step = label[2]
    return order[::-1]


def _nearest_neighbour(day):
    """The nearest stop next, among those reached in their window that leave
    every other appointment within reach. None when this greedy walk strands an
    appointment anyway."""
    remaining = set(range(1, day.size + 1))
    order = []
    time = day.departure
    previous = 0
    while remaining:
        candidates = []
        for index in sorted(remaining):
            if time + day.travel[previous][index] > day.latest[index]:
                continue
            leaving = day.leave(time, previous, index)
            if not day.stranded(leaving, index, remaining - {index}):
                candidates.append((day.distance[previous][index], index, leaving))
        if not candidates:
            return None
        _distance, previous, time = min(candidates)
        order.append(previous)
        remaining.discard(previous)
    return order


def _two_opt(day, order):
    """Applies the first reversal of a run of stops that shortens the route and
    keeps the windows. Returns whether there was one."""
    route = [0, *order, day.end]
    distance = day.distance
    for first in range(1, len(route) - 2):
        before = route[first - 1]
        for last in range(first + 1, len(route) - 1):
            after = route[last + 1]
            gain = (
                distance[before][route[first]]
                + distance[route[last]][after]
                - distance[before][route[last]]
                - distance[route[first]][after]
            )
            if gain > MIN_GAIN_M:
                moved = (
                    route[1:first] + route[last : first - 1 : -1] + route[last + 1 : -1]
                )
                if day.on_time(moved):
                    order[:] = moved
                    return True
    return False


def _or_opt(day, order):
    """Applies the first move of a run of up to OR_OPT_MAX_RUN consecutive
    stops, as it is or reversed, to another place that shortens the route and
    keeps the windows. Returns whether there was one."""
    route = [0, *order, day.end]
    distance = day.distance
    for length in range(1, OR_OPT_MAX_RUN + 1):
        for first in range(1, len(route) - length):
            last = first + length - 1
            before, after = route[first - 1], route[last + 1]
            run = route[first : last + 1]
            removal_gain = (
                distance[before][run[0]]
                + distance[run[-1]][after]
                - distance[before][after]
            )
            rest = route[:first] + route[last + 1 :]
            for place in range(len(rest) - 1):
                if place == first - 1:
                    continue  # where the run came from
                left, right = rest[place], rest[place + 1]
                for piece in (run, run[::-1]):
                    cost = (
                        distance[left][piece[0]]
                        + distance[piece[-1]][right]
                        - distance[left][right]
                    )
                    if removal_gain - cost > MIN_GAIN_M:
                        moved = rest[1 : place + 1] + piece + rest[place + 1 : -1]
                        if day.on_time(moved):
                            order[:] = moved
                            return True
    return False


def _improve(day, order):
    """2-opt and or-opt moves that keep the windows, until none shortens the
    route (a local optimum: each move shortens it, so this ends)."""
    order = list(order)
    while _two_opt(day, order) or _or_opt(day, order):
        pass
    return order


def _improved(day):
    """The shorter of the local optima reached from the nearest-neighbour order
    and from the given order, of those two that keep the windows; None if
    neither does."""
    starts = [_nearest_neighbour(day), list(range(1, day.size + 1))]
    found = [
        _improve(day, start)
        for start in starts
        if start is not None and day.on_time(start)
    ]
    return min(found, key=day.length) if found else None


def _stops_in(day, order):
    return None if order is None else [day.stops[index - 1] for index in order]


def optimal_order(start, stops, speed_kmh=CITY_SPEED_KMH, departure=0.0):
    """The stops in the shortest order from `start` that reaches each in its
    window, leaving at `departure` (minutes from the day's start) at
    `speed_kmh`; None if no order does. At most EXACT_MAX_STOPS stops: beyond,
    the time it takes is out of proportion."""
    if len(stops) > EXACT_MAX_STOPS:
        raise ValueError(
            f"{len(stops)} stops: the exact order is for {EXACT_MAX_STOPS} at most"
        )
    day = _Day(start, stops, speed_kmh, departure)
    return _stops_in(day, _shortest(day))


def improved_order(start, stops, speed_kmh=CITY_SPEED_KMH, departure=0.0):
    """As optimal_order, by local search: any number of stops, not always the
    shortest order, never longer than `stops`' own order when that one keeps
    the windows; None if neither it nor the nearest-neighbour order does."""
    day = _Day(start, stops, speed_kmh, departure)
    return _stops_in(day, _improved(day))


def plan_route(start, stops, speed_kmh=CITY_SPEED_KMH, departure=0.0):
    """The RoutePlan of the day: `stops` come in the rep's planned (time)
    order, `start` is (latitude, longitude). Exact up to EXACT_MAX_STOPS stops,
    by local search beyond. The planned order is kept when it misses a window
    or when no order keeping the windows is shorter."""
    day = _Day(start, stops, speed_kmh, departure)
    time_order = list(range(1, day.size + 1))
    time_order_distance = day.length(time_order)
    late = day.late(time_order)
    exact = day.size <= EXACT_MAX_STOPS
    order = time_order
    if not late:
        found = _shortest(day) if exact else _improved(day)
        if found and day.length(found) < time_order_distance - MIN_GAIN_M:
            order = found
    return RoutePlan(
        order=tuple(day.stops[index - 1].id for index in order),
        distance_m=day.length(order),
        time_order_distance_m=time_order_distance,
        late_ids=tuple(day.stops[index - 1].id for index in late),
        exact=exact and not late,
    )
