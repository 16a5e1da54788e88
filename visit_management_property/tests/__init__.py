# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_callback_assessment
from . import test_callback_desk
from . import test_callback_rules
from . import test_callback_rules_batches
from . import test_callbacks
from . import test_complaint_journey_tour
from . import test_office_records
from . import test_residents
from . import test_security
from . import test_views_reports
from . import test_list_sums
from . import test_translations
from . import test_demo
from . import test_landing
from . import test_landing_tour
from . import test_report_pdfs
from . import test_robots
from . import test_import_templates
from . import test_read_replica
