# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api

# the team leaders' rule on visit.today before and since 19.0.1.8.0
FORMER_RULE = "['|', ('user_id', '=', user.id), ('team_id.user_id', '=', user.id)]"
TEAM_LEADERS_RULE = "['|', ('user_id', '=', user.id), ('team_leader_id', '=', user.id)]"


def migrate(cr, version):
    """The team leaders' rule on Today compares the view's team_leader_id with
    the user, not team_id.user_id: PostgreSQL applies it to each rep's visits
    inside the view, not to the whole company's day after reading it. The
    security file is not updated (noupdate): its rule is written here, unless
    the company changed it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(
        "visit_management.visit_today_rule_manager", raise_if_not_found=False
    )
    if rule and rule.domain_force == FORMER_RULE:
        rule.domain_force = TEAM_LEADERS_RULE
