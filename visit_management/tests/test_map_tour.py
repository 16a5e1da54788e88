# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from http.server import BaseHTTPRequestHandler

from PIL import Image, ImageDraw

from odoo.tests import tagged

from .loopback import serve_on_loopback
from .test_journey_tours import JourneyCase
from .test_map import street_stops


def _tile():
    """A 256-pixel tile of paper-coloured blocks between white streets."""
    image = Image.new("RGB", (256, 256), (242, 239, 233))
    draw = ImageDraw.Draw(image)
    for offset in (0, 128):
        draw.line([(offset, 0), (offset, 256)], fill=(255, 255, 255), width=6)
        draw.line([(0, offset), (256, offset)], fill=(255, 255, 255), width=6)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


class TileHandler(BaseHTTPRequestHandler):
    """A tile server on loopback: the same tile for every request."""

    tile = _tile()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, *args):
        pass


@tagged("post_install", "-at_install")
class TestMapTours(JourneyCase):
    """The maps in the browser: the rep's day and Optimise my day, the team's
    positions and a rep's routes for the leader, the customers for the rep."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tiles = serve_on_loopback(cls, TileHandler)
        cls.env["ir.config_parameter"].sudo().set_param(
            "visit_management.map_tiles_url", tiles + "/{z}/{x}/{y}.png"
        )
        cls.stops = street_stops(cls.env)
        one, two, three, four = cls.stops

        # this morning at Huadong and 2 km out, checked in; this afternoon
        # zig-zagging along the street: 3, 1, 4 and 2 km out
        visits = [
            (cls.customer, 9),
            (two, 10),
            (three, 13),
            (one, 14),
            (four, 15),
            (two, 16),
        ]
        plan = cls._approved_plan(
            [
                {"partner_id": partner.id, "planned_datetime": cls._at(hour)}
                for partner, hour in visits
            ]
        )
        lines = plan.line_ids.sorted("planned_datetime")
        for line, hour in zip(lines[:2], (9, 10), strict=True):
            report = line.with_user(cls.rep)._visit_report()
            partner = line.partner_id
            report.action_check_in(
                partner.partner_latitude, partner.partner_longitude, 10
            )
            report.sudo().checkin_time = cls._at(hour)
        cls.afternoon = lines[2:]

    def test_maps(self):
        self._tour(self.rep, "/odoo/visit-today", "visit_management_today_map_tour")
        self.assertEqual(
            self.afternoon.sorted("route_sequence").partner_id.mapped("name"),
            ["Stop 1 km", "Stop 2 km", "Stop 3 km", "Stop 4 km"],
        )
        self._tour(
            self.manager, "/odoo/visit-team-today", "visit_management_team_map_tour"
        )
        self._tour(
            self.rep, "/odoo/visit-customers", "visit_management_customer_map_tour"
        )
        self.assertScreenshots(
            "today_map",
            "today_map_optimised",
            "team_map",
            "rep_day_map",
            "customer_map",
        )


@tagged("post_install", "-at_install")
class TestMapToursPhoneChinese(TestMapTours):
    """The same maps on a phone, in Chinese."""

    browser_size = "375x667"
    touch_enabled = True
    lang = "zh_CN"
