# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools import data_record


class ResUsers(models.Model):
    _inherit = "res.users"

    visit_reminder_digest = fields.Boolean(
        default=True,
        help="Be told of your new visit reminders in one message after each "
        "scheduled reminder, by e-mail or in Odoo as your notification setting "
        "says. Off: the reminders are in your activities only.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "visit_reminder_digest"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "visit_reminder_digest"]

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._visit_set_home_action()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._visit_set_home_action()
        return result

    def _visit_set_home_action(self):
        """Internal users of the Visits app without a home action log in on
        their landing (visit.landing) rather than on Discuss."""
        landing = self.env.ref(
            "visit_management.visit_landing_action", raise_if_not_found=False
        )
        group = self.env.ref(
            "visit_management.group_visit_user", raise_if_not_found=False
        )
        if not (landing and group):
            return
        users = self.filtered(
            lambda user: (
                not user.action_id and not user.share and group in user.all_group_ids
            )
        )
        users.sudo().action_id = landing.id

    @api.model
    def _visit_reps(self):
        """The users who plan and report visits to a manager: active internal
        visit users whose sales team is led by someone else."""
        group = data_record(self.env, "visit_management.group_visit_user")
        return (
            group.sudo()
            .all_user_ids.filtered(
                lambda user: (
                    user.active
                    and not user.share
                    and user.sale_team_id.user_id
                    and user.sale_team_id.user_id != user
                )
            )
            .with_env(self.env)
        )

    def _visit_company(self):
        """The company a rep plans and is assessed in: their team's, else their own."""
        self.ensure_one()
        return self.sale_team_id.company_id or self.company_id

    def _visit_reviews(self, rep, manager):
        """Whether this user reviews a rep's record whose manager is given:
        administrators, and that manager; never the rep."""
        self.ensure_one()
        if self == rep:
            return False
        if self.has_group("visit_management.group_visit_admin"):
            return True
        return (
            self.has_group("visit_management.group_visit_manager") and self == manager
        )
