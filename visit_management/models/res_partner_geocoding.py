# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta
from time import sleep

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools import run_in_batches, single_run, write_each

_logger = logging.getLogger(__name__)

# Customers one run of the geocoding cron looks up (each is a call to the
# provider, which counts them against a daily quota).
GEOCODE_BATCH = 100
# A customer the geocoder could not place precisely waits so many days before
# it is tried again, so that each run moves on to customers not tried yet.
GEOCODE_RETRY_DAYS = 30
# Seconds between two calls to a provider that asks for it: OpenStreetMap's
# Nominatim takes one request a second at most (its usage policy).
PROVIDER_PAUSE = {"openstreetmap": 1.0}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The position the geocoder found only roughly (a road, a district, a
    # city): the customer's position while nothing better is known.
    visit_approximate_latitude = fields.Float(
        string="Approximate Latitude", digits=(10, 7), readonly=True, copy=False
    )
    visit_approximate_longitude = fields.Float(
        string="Approximate Longitude", digits=(10, 7), readonly=True, copy=False
    )
    visit_position_approximate = fields.Boolean(
        string="Approximate Position",
        compute="_compute_visit_position_approximate",
        store=True,
        help="The geocoder placed the customer only roughly (its road, district "
        "or city): shown on maps, never used to judge a check-in. A precise "
        "check-in proposes the customer's position.",
    )
    visit_geocode_failed_date = fields.Date(
        string="Address Not Placed On",
        readonly=True,
        copy=False,
        help="The last day the geocoder could not place the customer's address "
        "precisely; it tries again a month later.",
    )

    @api.depends(
        "partner_latitude",
        "partner_longitude",
        "visit_approximate_latitude",
        "visit_approximate_longitude",
    )
    def _compute_visit_position_approximate(self):
        """Approximate while the position is the one the geocoder found roughly:
        confirmed, typed or cleared since, it no longer is."""
        for partner in self:
            position = (partner.partner_latitude, partner.partner_longitude)
            partner.visit_position_approximate = any(position) and position == (
                partner.visit_approximate_latitude,
                partner.visit_approximate_longitude,
            )

    def _visit_judging_position(self):
        """(latitude, longitude) that check-ins at this customer are judged
        against: (0.0, 0.0) while it has no position or an approximate one
        (and for no customer yet)."""
        if self.visit_position_approximate:
            return 0.0, 0.0
        return self.partner_latitude, self.partner_longitude

    # ------------------------------------------------------------------
    # Scheduled action: geocoding
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_visit_geo_localize(self):
        """Geocodes, from their address, GEOCODE_BATCH a run of the tiered
        customers that have no precise position. A customer not placed
        precisely is tried again GEOCODE_RETRY_DAYS later; meanwhile each run
        takes the next ones. Those not found wait for a check-in to propose
        their position."""
        today = fields.Date.context_today(self)
        run_in_batches(
            self,
            Domain(
                [
                    ("is_company", "=", True),
                    ("visit_tier", "!=", False),
                    "|",
                    ("city", "!=", False),
                    ("street", "!=", False),
                ]
            )
            & (
                Domain("visit_position_approximate", "=", True)
                | Domain(
                    [("partner_latitude", "=", 0.0), ("partner_longitude", "=", 0.0)]
                )
            )
            & (
                Domain("visit_geocode_failed_date", "=", False)
                | Domain(
                    "visit_geocode_failed_date",
                    "<=",
                    today - timedelta(days=GEOCODE_RETRY_DAYS),
                )
            ),
            self._visit_geocode,
            GEOCODE_BATCH,
            limit=GEOCODE_BATCH,
        )

    @api.model
    def _visit_geocode(self, partners):
        """Looks up each customer's address: a precise match becomes its
        position, a rough one its approximate position (the customers taken
        have no better one); a rough match or none notes the day, to try again
        later. The provider down or refusing (its quota spent) stops the
        batch: the customers not reached stay untried. What was found is
        written at the end, for the batch (write_each)."""
        provider = self.env["base.geocoder"]._get_provider()
        geocoder = self.env["base.geocoder"].with_context(visit_geo_provider=provider)
        pause = PROVIDER_PAUSE.get(provider.tech_name, 0.0)
        today = fields.Date.context_today(self)
        not_placed = self.browse()
        written = {}
        # the providers read the country and state names in English
        for index, partner in enumerate(partners.with_context(lang="en_US")):
            if index and pause:
                sleep(pause)
            address = geocoder.geo_query_address(
                street=partner.street,
                zip=partner.zip,
                city=partner.city,
                state=partner.state_id.name,
                country=partner.country_id.name,
            )
            try:
                found = geocoder._visit_locate(
                    address, force_country=partner.country_id.name
                )
            except UserError as error:
                _logger.info("Geocoding stopped: %s", error)
                break
            latitude, longitude, precise = found or (0.0, 0.0, False)
            if precise:
                written[partner.id] = {
                    "partner_latitude": latitude,
                    "partner_longitude": longitude,
                    "date_localization": today,
                    "visit_approximate_latitude": 0.0,
                    "visit_approximate_longitude": 0.0,
                    "visit_geocode_failed_date": False,
                }
                continue
            values = {"visit_geocode_failed_date": today}
            if found:
                values.update(
                    partner_latitude=latitude,
                    partner_longitude=longitude,
                    visit_approximate_latitude=latitude,
                    visit_approximate_longitude=longitude,
                    date_localization=today,
                )
            written[partner.id] = values
            not_placed |= partner
        write_each(partners, written)
        if not_placed:
            _logger.info(
                "%s customers could not be placed precisely from their address: %s",
                len(not_placed),
                ", ".join(not_placed.mapped("display_name")),
            )
