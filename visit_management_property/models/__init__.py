# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import property_workflow_mixin
from . import property_building
from . import property_callback_score
from . import property_callback_assessment
from . import property_callback_assessment_line
from . import property_callback_rules
from . import property_callback_sample
from . import property_complaint
from . import property_demo
from . import property_estate
from . import property_office_overview
from . import property_festival
from . import property_incident
from . import property_repair_category
from . import property_repair_request
from . import property_resident_callback
from . import property_resident_callback_attempt
from . import property_unit
from . import res_company
from . import res_config_settings
from . import res_partner
from . import visit_landing
from . import visit_robot
