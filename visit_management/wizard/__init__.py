# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import visit_reason_wizard
from . import visit_reception_reschedule_wizard
from . import visit_check_in_correction
