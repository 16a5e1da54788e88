# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Links to free maps (no API key), for the route sheet and the visit reports."""

from urllib.parse import quote_plus, urlencode


def position_map_url(latitude, longitude, name, provider):
    """A link that opens a position in a free map (no API key)."""
    if provider == "osm":
        return (
            f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
            f"#map=17/{latitude}/{longitude}"
        )
    # Odoo's coordinates are GPS ones (WGS-84), not Amap's own (GCJ-02)
    return "https://uri.amap.com/marker?" + urlencode(
        {
            "position": f"{longitude},{latitude}",
            "name": name or "",
            "coordinate": "wgs84",
            "callnative": 1,
        }
    )


def navigation_url(latitude, longitude, name, provider):
    """A link that opens the way to a position in a free map (no API key):
    Amap's app on a phone that has it, its web page otherwise."""
    # one per stop on a team leader's map: the fixed parameters written out,
    # the variable one quoted (urlencode took a third of a map's links)
    if provider == "osm":
        return "https://www.openstreetmap.org/directions?route=" + quote_plus(
            f";{latitude},{longitude}"
        )
    return (
        "https://uri.amap.com/navigation?to="
        + quote_plus(f"{longitude},{latitude},{name or ''}")
        + "&mode=car&coordinate=wgs84&callnative=1"
    )


def map_url(partner, provider):
    """A link that opens the partner's place in a free map (no API key): its
    coordinates when it has some, else a search of its address."""
    latitude, longitude = partner.partner_latitude, partner.partner_longitude
    if latitude or longitude:
        return position_map_url(latitude, longitude, partner.name, provider)
    address = " ".join(partner._display_address(without_company=True).split()).strip()
    if not address:
        return False
    if provider == "osm":
        return "https://www.openstreetmap.org/search?" + urlencode({"query": address})
    return "https://uri.amap.com/search?" + urlencode(
        {"keyword": address, "callnative": 1}
    )
