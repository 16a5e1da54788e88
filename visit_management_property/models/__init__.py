# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import property_building
from . import property_estate
from . import property_unit
from . import res_partner
