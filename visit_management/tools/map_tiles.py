# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tile sources the maps draw on: Leaflet URL templates ({s} a subdomain,
{z}/{x}/{y} the tile; {key} the company's key), their attribution, and whether
they draw in GCJ-02 (Amap, as mainland Chinese maps must) or in WGS-84
(OpenStreetMap; Tianditu's CGCS2000 is WGS-84 to within centimetres)."""

TILE_SOURCES = {
    "osm": {
        "layers": ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
        "subdomains": "abc",
        "attribution": "© OpenStreetMap contributors",
        "max_zoom": 19,
        "gcj02": False,
    },
    "amap": {
        "layers": [
            (
                "https://webrd0{s}.is.autonavi.com/appmaptile"
                "?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
            )
        ],
        "subdomains": "1234",
        "attribution": "© 高德地图 AutoNavi",
        "max_zoom": 18,
        "gcj02": True,
    },
    "tianditu": {
        "layers": [
            "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
            "&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
            "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}" % (layer, layer)
            for layer in ("vec", "cva")  # the streets, then their names
        ],
        "subdomains": "01234567",
        "attribution": "© 天地图 Tianditu",
        "max_zoom": 18,
        "gcj02": False,
    },
}
