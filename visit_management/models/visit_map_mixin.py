# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools import client_action, to_position
from ..tools.china_coordinates import wgs84_to_gcj02

# The most points a map draws: a company's customers, clustered. Beyond, the
# map says so and the user narrows the search.
MAP_POINT_LIMIT = 5000


class VisitMapMixin(models.AbstractModel):
    """What the map view (static/src/map_view) draws for a model: its records
    found by the search view's domain, with the user's rights, as points, and
    the routes between them. Every position is stored in WGS-84 and converted
    here, once, to the coordinates of the company's tiles."""

    _name = "visit.map.mixin"
    _description = "Map View Data"

    @api.model
    @api.readonly
    @client_action(position=to_position)
    def visit_map_data(self, domain, position=None):
        """The map of the records in domain. `position` is the phone's own
        [latitude, longitude] (WGS-84), drawn as the user's position."""
        located = self._visit_map_located_domain()
        try:
            # the points' fields read by the query that finds them: a search
            # then a fetch computed a team leader's day of Today twice
            records = self.search_fetch(
                Domain(domain) & located, limit=MAP_POINT_LIMIT + 1
            )
            unlocated = self.search_count(Domain(domain) & ~located)
        except ValueError as error:
            raise UserError(
                self.env._("The map cannot show this search: %(error)s", error=error)
            ) from error
        tiles = self.env.company._visit_map_tiles()
        to_tiles = wgs84_to_gcj02 if tiles["gcj02"] else (lambda lat, lng: (lat, lng))

        def on_tiles(latitude, longitude):
            return list(to_tiles(latitude, longitude))

        truncated = len(records) > MAP_POINT_LIMIT
        records = records[:MAP_POINT_LIMIT]
        points = records._visit_map_points()
        for point in points:
            point["position"] = on_tiles(*point["position"])
        routes = records._visit_map_routes()
        for route in routes:
            route["positions"] = [on_tiles(*p) for p in route["positions"]]
        if position:
            position = on_tiles(*position)
        return {
            "tiles": tiles,
            "points": points,
            "routes": routes,
            "position": position or False,
            "legend": self._visit_map_legend(),
            "truncated": truncated,
            "options": records._visit_map_options(),
            "unlocated": unlocated,
        }

    @api.model
    def _visit_map_located_domain(self):
        """The records that have a position to draw."""
        return Domain.TRUE

    def _visit_map_points(self):
        """The points of these records, in WGS-84: a list of dicts with
        `id`, `position` (latitude, longitude), `title`, `lines` (text under
        the title), `color` (a CSS colour), `ring` (the colour of its outline,
        or False), `label` (a short text in the marker, or False),
        `approximate`, `links` ([{"label", "url"}]) and `actions`
        ([{"label", "method"}]: public methods of the record, called with the
        user's rights). Only records of _visit_map_located_domain come here."""
        return []

    def _visit_map_routes(self):
        """The lines drawn between points, in WGS-84: a list of dicts with
        `name`, `color`, `dashed` and `positions`."""
        return []

    def _visit_map_options(self):
        """What else the map offers for these records (its js_class reads it)."""
        return {}

    def _visit_map_legend(self):
        """What the colours mean: [{"label", "color", "ring", "dashed"}]."""
        return []
