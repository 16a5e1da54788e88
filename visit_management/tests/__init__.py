# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_partner_tier
from . import test_partner_tour
from . import test_partner_visits
from . import test_security
from . import test_visit_plan
from . import test_visit_report
from . import test_visit_report_rules
from . import test_visit_report_analysis
from . import test_check_in_tour
from . import test_views
from . import test_translations
from . import test_visit_crons
from . import test_visit_assessment
from . import test_visit_reception
from . import test_visit_reception_room
from . import test_visit_reception_preparation
from . import test_visit_reception_register
from . import test_visit_reception_feedback
from . import test_visit_reception_incident
from . import test_visit_reception_rules
from . import test_visit_reception_views
from . import test_visit_reception_tour
from . import test_visit_reception_cron
from . import test_new_customer
from . import test_today
from . import test_today_tour
