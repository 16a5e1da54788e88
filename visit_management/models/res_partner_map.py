# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_date

from .selections import TIERS

# A customer's marker is filled with its tier's colour, ringed when its visit
# is overdue or due within DUE_SOON_DAYS.
TIER_COLORS = {"a": "#7c3aed", "b": "#2563eb", "c": "#0d9488", "d": "#64748b"}
NO_TIER_COLOR = "#94a3b8"
OVERDUE_RING = "#dc2626"
DUE_SOON_RING = "#f59e0b"
DUE_SOON_DAYS = 7


class ResPartner(models.Model):
    """Customers on the map: coloured by tier, ringed by due date."""

    _name = "res.partner"
    _inherit = ["res.partner", "visit.map.mixin"]

    @api.model
    def _visit_map_located_domain(self):
        return Domain("partner_latitude", "!=", 0) | Domain(
            "partner_longitude", "!=", 0
        )

    def _visit_map_points(self):
        today = fields.Date.context_today(self)
        tiers = dict(TIERS)
        # the texts and dates repeat from point to point: each is made once
        tier_lines = {
            tier: self.env._("Tier %(tier)s", tier=label) for tier, label in TIERS
        }
        no_tier = self.env._("No tier")
        approximate = self.env._("Approximate position (from the address)")
        actions = [
            {"label": self.env._("Plan a Visit"), "method": "action_visit_plan_visit"}
        ]
        dates = {}

        def formatted(day):
            if day not in dates:
                dates[day] = format_date(self.env, day)
            return dates[day]

        points = []
        for partner in self:
            due = partner.next_visit_date
            lines = [tier_lines.get(partner.visit_tier, no_tier)]
            if due:
                lines.append(
                    self.env._("Visit overdue since %(date)s", date=formatted(due))
                    if due < today
                    else self.env._("Next visit due %(date)s", date=formatted(due))
                )
            if partner.last_visit_date:
                lines.append(
                    self.env._(
                        "Last visit %(date)s", date=formatted(partner.last_visit_date)
                    )
                )
            if partner.visit_position_approximate:
                lines.append(approximate)
            points.append(
                {
                    "id": partner.id,
                    "position": (partner.partner_latitude, partner.partner_longitude),
                    # stored; display_name is computed one partner at a time
                    "title": partner.complete_name,
                    "lines": lines,
                    "color": TIER_COLORS.get(partner.visit_tier, NO_TIER_COLOR),
                    "ring": self._visit_due_ring(due, today),
                    "label": tiers.get(partner.visit_tier, False),
                    "approximate": partner.visit_position_approximate,
                    "links": [],
                    "actions": actions,
                }
            )
        return points

    def _visit_due_ring(self, due, today):
        if not due:
            return False
        if due < today:
            return OVERDUE_RING
        return DUE_SOON_RING if due <= today + timedelta(days=DUE_SOON_DAYS) else False

    def _visit_map_legend(self):
        tiers = dict(TIERS)
        return [
            {"label": self.env._("Tier %(tier)s", tier=tiers[tier]), "color": color}
            for tier, color in TIER_COLORS.items()
        ] + [
            {"label": self.env._("Visit overdue"), "ring": OVERDUE_RING},
            {
                "label": self.env._("Due within %(days)s days", days=DUE_SOON_DAYS),
                "ring": DUE_SOON_RING,
            },
        ]
