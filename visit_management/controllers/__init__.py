# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import visit_reception_feedback
from . import visit_qr_check_in
from . import visit_app
