# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import requests

from odoo import api, models
from odoo.exceptions import UserError

from ..tools.china_coordinates import gcj02_to_wgs84

AMAP_GEOCODE_URL = "https://restapi.amap.com/v3/geocode/geo"
# Amap's match levels precise enough to judge a check-in against: a house
# number, a building's unit, a named place, a crossing. A road can be
# kilometres long; a district or a city is not a place.
AMAP_PRECISE_LEVELS = ("门牌号", "单元号", "兴趣点", "道路交叉路口")


class BaseGeocoder(models.AbstractModel):
    _inherit = "base.geocoder"

    @api.model
    def _get_provider(self):
        """The provider a geocoding run read once (the context's
        `visit_geo_provider`, a record no client can send): Odoo reads it, and
        checks that it still exists, twice for each address."""
        provider = self.env.context.get("visit_geo_provider")
        if isinstance(provider, models.BaseModel):
            return provider
        return super()._get_provider()

    @api.model
    def _visit_locate(self, address, **kw):
        """(latitude, longitude, precise) in WGS-84 of an address, or None when
        the provider does not find it. A provider that says how precise its
        match is (Amap) says it here; with Odoo's own providers a match of the
        whole address counts as precise (their fallback to the city alone is
        never used)."""
        provider = self._get_provider().tech_name
        locate = getattr(self, f"_visit_locate_{provider}", None)
        if locate:
            return locate(address)
        found = self.geo_find(address, **kw)
        return (*found, True) if found else None

    @api.model
    def _visit_locate_amap(self, address):
        """Amap's geocoding web service (高德地理编码). Its answer is in GCJ-02."""
        parameters = self.env["ir.config_parameter"].sudo()
        key = parameters.get_param("visit_management.amap_key")
        if not key:
            raise UserError(
                self.env._("Enter the Amap web service key in Settings first.")
            )
        url = parameters.get_param(
            "visit_management.amap_geocode_url", AMAP_GEOCODE_URL
        )
        try:
            answer = requests.get(
                url,
                params={"key": key, "address": address, "output": "JSON"},
                timeout=10,
            ).json()
        except (requests.RequestException, ValueError) as error:
            self._raise_query_error(error)
        if answer.get("status") != "1":
            raise UserError(
                self.env._(
                    "Amap refused to locate the address: %(reason)s",
                    reason=answer.get("info") or answer,
                )
            )
        if not answer.get("geocodes"):
            return None
        match = answer["geocodes"][0]
        longitude, latitude = (float(value) for value in match["location"].split(","))
        return (
            *gcj02_to_wgs84(latitude, longitude),
            match.get("level") in AMAP_PRECISE_LEVELS,
        )

    @api.model
    def _call_amap(self, addr, **kw):
        """Odoo's geocoding (a contact's Geolocate button) through Amap: a
        precise match only, never a city centre."""
        found = self._visit_locate_amap(addr)
        return found[:2] if found and found[2] else None

    @api.model
    def _geo_query_address_amap(
        self, street=None, zip=None, city=None, state=None, country=None
    ):
        """A Chinese address reads from the province down, without the country."""
        return "".join(part for part in (state, city, street) if part)
