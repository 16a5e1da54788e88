# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers placed from their address by a provider that answers like Amap,
served by the test itself on loopback (never the real service)."""

import json
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import UserError
from odoo.service.model import call_kw
from odoo.tests import BaseCase, freeze_time

from odoo.addons.visit_management.models import res_partner_geocoding
from odoo.addons.visit_management.tools.china_coordinates import (
    gcj02_to_wgs84,
    wgs84_to_gcj02,
)

from .loopback import serve_on_loopback
from .test_visit_geofence import GeofenceCase

# eviltransform's reference points: WGS-84 and the same place in GCJ-02
REFERENCE_POINTS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
]
SHANGHAI_WGS84, SHANGHAI_GCJ02 = REFERENCE_POINTS[0]
TODAY = datetime(2026, 12, 10, 2, 0)
# the three customers' addresses as the provider is asked them
ADDRESSES = (
    "上海市上海浦东新区世纪大道100号",
    "上海市上海浦东新区",
    "上海市上海不存在路1号",
)
NOT_FOUND = {"status": "1", "info": "OK", "count": "0", "geocodes": []}


class AmapLikeHandler(BaseHTTPRequestHandler):
    """Answers each address as the test said (not found otherwise) and keeps
    the queries it was sent."""

    answers = {}
    queries = []

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query)
        self.queries.append(query)
        answer = self.answers.get(query["address"][0], NOT_FOUND)
        body = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet: the test reads the queries, not a log."""


def match(level, latitude, longitude):
    """Amap's answer for one match, at a GCJ-02 position."""
    return {
        "status": "1",
        "info": "OK",
        "count": "1",
        "geocodes": [{"level": level, "location": f"{longitude},{latitude}"}],
    }


@freeze_time(TODAY)
class TestAmapGeocoding(GeofenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        amap = serve_on_loopback(cls, AmapLikeHandler)
        parameters = cls.env["ir.config_parameter"].sudo()
        parameters.set_param(
            "base_geolocalize.geo_provider",
            cls.env.ref("visit_management.geoprovider_amap").id,
        )
        parameters.set_param("visit_management.amap_key", "test-key")
        parameters.set_param(
            "visit_management.amap_geocode_url",
            f"{amap}/v3/geocode/geo",
        )
        # only the customers of this test are left without a position
        cls.env["res.partner"].search(
            [
                ("is_company", "=", True),
                ("visit_tier", "!=", False),
                ("partner_latitude", "=", 0.0),
            ]
        ).write({"partner_latitude": 31.0, "partner_longitude": 121.0})
        shanghai = cls.env.ref("base.state_cn_SH")
        cls.unplaced = cls.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "visit_tier": "b",
                    "user_id": cls.rep.id,
                    "state_id": shanghai.id,
                    "city": "上海",
                    "street": street,
                }
                for name, street in (
                    ("Century Avenue Trading", "浦东新区世纪大道100号"),
                    ("Somewhere in Pudong", "浦东新区"),
                    ("Unknown Street Ltd.", "不存在路1号"),
                )
            ]
        )
        cls.precise, cls.rough, cls.unknown = cls.unplaced

    def setUp(self):
        super().setUp()
        AmapLikeHandler.answers = {
            "上海市上海浦东新区世纪大道100号": match("门牌号", *SHANGHAI_GCJ02),
            "上海市上海浦东新区": match("区县", 31.221517, 121.544379),
        }
        AmapLikeHandler.queries = []

    def _asked(self):
        return [query["address"][0] for query in AmapLikeHandler.queries]

    def test_a_precise_match_is_the_position_in_wgs84(self):
        # checked in there before the customer had a position: judged again
        report = self._create_report(partner_id=self.precise.id, contact_id=False)
        report.action_check_in(*SHANGHAI_WGS84, 15.0)
        self.assertEqual(report.in_place_reason, "no_customer_position")
        self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(
            sorted(self._asked()),
            sorted(ADDRESSES),
            "the address from the province down, without the country",
        )
        self.assertEqual(AmapLikeHandler.queries[0]["key"], ["test-key"])
        self.assertAlmostEqual(self.precise.partner_latitude, SHANGHAI_WGS84[0], 6)
        self.assertAlmostEqual(self.precise.partner_longitude, SHANGHAI_WGS84[1], 6)
        self.assertFalse(self.precise.visit_position_approximate)
        self.assertFalse(self.precise.visit_geocode_failed_date)
        self.assertEqual(self.precise.date_localization, TODAY.date())
        self.assertEqual(report.in_place_reason, "no_check_out")

    def test_a_run_reads_its_provider_once(self):
        """Odoo reads the provider, and checks that it still exists, twice for
        each address: a run reads it once."""
        Provider = type(self.env["base.geo_provider"])
        original = Provider.exists
        checked = []

        def exists(providers):
            checked.append(providers)
            return original(providers)

        with patch.object(Provider, "exists", exists):
            self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(len(self._asked()), 3)
        self.assertEqual(len(checked), 1)
        self.assertTrue(self.precise.partner_latitude)
        # what a client's context says is not a provider
        Geocoder = self.env["base.geocoder"]
        self.assertEqual(
            Geocoder.with_context(visit_geo_provider=999999)._get_provider(),
            Geocoder._get_provider(),
        )

    def test_a_rough_match_is_approximate_and_judges_no_check_in(self):
        self._run_cron("ir_cron_visit_geo_localize")
        self.assertTrue(self.rough.partner_latitude)
        self.assertTrue(self.rough.visit_position_approximate)
        self.assertEqual(self.rough.visit_geocode_failed_date, TODAY.date())
        # right on the district's centre: not judged in place
        report = self._create_report(partner_id=self.rough.id, contact_id=False)
        report.action_check_in(
            self.rough.partner_latitude, self.rough.partner_longitude, 15.0
        )
        self.assertEqual(report.in_place_reason, "no_customer_position")
        self.assertEqual(report.checkin_distance, 0)
        # the precise check-in proposes the position; confirmed, it counts
        self.assertEqual(self.rough.visit_proposed_report_id, report)
        self.rough.with_user(self.manager).action_visit_confirm_position()
        self.assertFalse(self.rough.visit_position_approximate)
        self.assertEqual(report.in_place_reason, "no_check_out")

    def test_not_placed_waits_and_the_next_customers_come_first(self):
        self._run_cron("ir_cron_visit_geo_localize")
        self.assertFalse(self.unknown.partner_latitude)
        self.assertEqual(self.unknown.visit_geocode_failed_date, TODAY.date())
        self.assertEqual(
            self.env["res.partner"].search_count(
                [
                    ("id", "in", self.unplaced.ids),
                    ("visit_geocode_failed_date", "!=", False),
                ]
            ),
            2,
            "the Address Not Placed filter lists the rough and the unknown ones",
        )
        AmapLikeHandler.queries = []
        self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(self._asked(), [], "nobody is asked twice the same day")
        newcomer = self.unknown.copy({"name": "Newcomer", "street": "世纪大道100号"})
        with freeze_time(TODAY + timedelta(days=1)):
            self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(self._asked(), ["上海市上海世纪大道100号"])
        self.assertEqual(
            newcomer.visit_geocode_failed_date, TODAY.date() + timedelta(days=1)
        )
        AmapLikeHandler.queries = []
        retry_day = TODAY + timedelta(days=res_partner_geocoding.GEOCODE_RETRY_DAYS)
        with freeze_time(retry_day):
            self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(
            sorted(self._asked()), ["上海市上海不存在路1号", "上海市上海浦东新区"]
        )

    def test_a_run_takes_geocode_batch_customers(self):
        with self._cut_after_one_batch((res_partner_geocoding, "GEOCODE_BATCH")):
            self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(len(self._asked()), 1)

    def test_a_refusing_provider_leaves_the_customers_untried(self):
        quota_spent = {"status": "0", "info": "DAILY_QUERY_OVER_LIMIT"}
        AmapLikeHandler.answers = dict.fromkeys(ADDRESSES, quota_spent)
        self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(len(self._asked()), 1, "the first refusal stops the run")
        self.assertFalse(self.unplaced.filtered("visit_geocode_failed_date"))
        self.assertFalse(self.unplaced.filtered("partner_latitude"))

    def test_openstreetmap_is_called_once_a_second_at_most(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "base_geolocalize.geo_provider",
            self.env.ref("base_geolocalize.geoprovider_open_street").id,
        )
        pauses = []
        with (
            patch.object(
                self.registry["base.geocoder"],
                "_call_openstreetmap",
                autospec=True,
                return_value=SHANGHAI_WGS84,
            ) as call,
            patch.object(res_partner_geocoding, "sleep", pauses.append),
        ):
            self._run_cron("ir_cron_visit_geo_localize")
        self.assertEqual(call.call_count, 3)
        self.assertEqual(pauses, [1.0, 1.0], "a second between two calls")
        self.assertFalse(self.unplaced.filtered("visit_position_approximate"))
        self.assertEqual(self.precise.partner_latitude, SHANGHAI_WGS84[0])
        self.assertFalse(AmapLikeHandler.queries)

    def test_nobody_marks_a_position_approximate_over_rpc(self):
        """Making a customer's position approximate would spare check-ins there
        from being judged: only the geocoder sets it."""
        position = {
            "visit_approximate_latitude": self.customer.partner_latitude,
            "visit_approximate_longitude": self.customer.partner_longitude,
        }
        for user in (self.rep, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                call_kw(
                    self.env["res.partner"].with_user(user),
                    "write",
                    [self.customer.ids, position],
                    {},
                )
        self.assertFalse(self.customer.visit_position_approximate)

    def test_odoo_geolocate_button_never_takes_a_city_centre(self):
        """A contact's Geolocate button (Odoo's geo_find) through Amap: a
        precise match only."""
        geocoder = self.env["base.geocoder"].with_user(self.rep)
        latitude, longitude = geocoder.geo_find("上海市上海浦东新区世纪大道100号")
        self.assertAlmostEqual(latitude, SHANGHAI_WGS84[0], 6)
        self.assertAlmostEqual(longitude, SHANGHAI_WGS84[1], 6)
        self.assertIsNone(geocoder.geo_find("上海市上海浦东新区"))


class TestChinaCoordinates(BaseCase):
    def test_reference_points(self):
        for wgs84, gcj02 in REFERENCE_POINTS:
            with self.subTest(point=wgs84):
                for value, expected in zip(wgs84_to_gcj02(*wgs84), gcj02, strict=True):
                    self.assertAlmostEqual(value, expected, 9)
                for value, expected in zip(gcj02_to_wgs84(*gcj02), wgs84, strict=True):
                    self.assertAlmostEqual(value, expected, 7)  # about a centimetre

    def test_outside_china_unchanged(self):
        for paris in (wgs84_to_gcj02(48.8566, 2.3522), gcj02_to_wgs84(48.8566, 2.3522)):
            self.assertEqual(paris, (48.8566, 2.3522))
