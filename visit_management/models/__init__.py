# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import visit_write_guard
from . import mail_activity
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_users
from . import visit_approval_mixin
from . import visit_assessment
from . import visit_demo
from . import visit_frequency_rule
from . import visit_meeting_room
from . import visit_new_customer_application
from . import visit_photo_requirement
from . import visit_plan
from . import visit_plan_line
from . import visit_qr_token
from . import visit_reception
from . import visit_reception_incident
from . import visit_reception_material
from . import visit_reception_next_step
from . import visit_reception_visitor
from . import visit_report
from . import visit_report_commitment
from . import visit_report_photo
from . import visit_today
from . import visit_today_rep
