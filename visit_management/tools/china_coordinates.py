# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""WGS-84 ↔ GCJ-02 (火星坐标).

Phones report WGS-84; Chinese map services (Amap, Tencent) answer and draw in
GCJ-02, which mainland China's regulations require and which sits 100 to 700 m
away from WGS-84. Every position the addons store is WGS-84: a GCJ-02 answer
is converted before it is stored, and a position is converted to GCJ-02 only
to be drawn on such tiles. The forward formula is the published one (as in
eviltransform); its inverse has no closed form and is solved by iteration.
"""

from math import cos, pi, sin, sqrt

# Krasovsky 1940, the ellipsoid of the published formula
SEMI_MAJOR_AXIS = 6378245.0
ECCENTRICITY_SQUARED = 0.00669342162296594323
# the inverse stops once the forward image is this close (degrees, ~1 mm)
INVERSE_PRECISION = 1e-8


def outside_china(latitude, longitude):
    """The rough box outside which GCJ-02 is WGS-84 unchanged."""
    return not (73.66 < longitude < 135.05 and 3.86 < latitude < 53.55)


def _latitude_shift(x, y):
    shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
    shift += (20.0 * sin(6.0 * x * pi) + 20.0 * sin(2.0 * x * pi)) * 2.0 / 3.0
    shift += (20.0 * sin(y * pi) + 40.0 * sin(y / 3.0 * pi)) * 2.0 / 3.0
    shift += (160.0 * sin(y / 12.0 * pi) + 320.0 * sin(y * pi / 30.0)) * 2.0 / 3.0
    return shift


def _longitude_shift(x, y):
    shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
    shift += (20.0 * sin(6.0 * x * pi) + 20.0 * sin(2.0 * x * pi)) * 2.0 / 3.0
    shift += (20.0 * sin(x * pi) + 40.0 * sin(x / 3.0 * pi)) * 2.0 / 3.0
    shift += (150.0 * sin(x / 12.0 * pi) + 300.0 * sin(x / 30.0 * pi)) * 2.0 / 3.0
    return shift


def wgs84_to_gcj02(latitude, longitude):
    """(latitude, longitude) in GCJ-02 of a WGS-84 position."""
    if outside_china(latitude, longitude):
        return latitude, longitude
    x, y = longitude - 105.0, latitude - 35.0
    radians = latitude / 180.0 * pi
    magic = 1 - ECCENTRICITY_SQUARED * sin(radians) ** 2
    latitude_shift = (_latitude_shift(x, y) * 180.0) / (
        (SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrt(magic)) * pi
    )
    longitude_shift = (_longitude_shift(x, y) * 180.0) / (
        SEMI_MAJOR_AXIS / sqrt(magic) * cos(radians) * pi
    )
    return latitude + latitude_shift, longitude + longitude_shift


def gcj02_to_wgs84(latitude, longitude):
    """(latitude, longitude) in WGS-84 of a GCJ-02 position, to about a
    millimetre: the WGS-84 position whose GCJ-02 image is the one given."""
    wgs_latitude, wgs_longitude = latitude, longitude
    for _step in range(30):
        image_latitude, image_longitude = wgs84_to_gcj02(wgs_latitude, wgs_longitude)
        error_latitude, error_longitude = (
            image_latitude - latitude,
            image_longitude - longitude,
        )
        if max(abs(error_latitude), abs(error_longitude)) < INVERSE_PRECISION:
            break
        wgs_latitude -= error_latitude
        wgs_longitude -= error_longitude
    return wgs_latitude, wgs_longitude
