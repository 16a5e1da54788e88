# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_dashboard
from . import test_translations
from . import test_dashboard_tour
