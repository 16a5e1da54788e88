# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import post_to_followers


class VisitApprovalMixin(models.AbstractModel):
    """What visit plans and visit reports share: a rep, the rep's sales team, the
    team leader who reviews, and the review steps (activity, notification)."""

    _name = "visit.approval.mixin"
    _inherit = "visit.write.guard"
    _description = "Visit Review Steps"
    # The activity type the reviewer gets when a record is submitted.
    _review_activity = ""
    # {state: xml id of its subtype}: the review steps followers hear of. The
    # submission is tracked under its subtype (_track_subtype); a decision is
    # posted under its own with the reviewer's words (_review).
    _state_subtypes = {}

    user_id = fields.Many2one(
        "res.users",
        string="Sales Rep",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        index=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        compute="_compute_manager_id",
        store=True,
        precompute=True,
        index=True,
        help="The leader of the rep's sales team, who reviews.",
    )

    @api.depends("user_id")
    def _compute_team_id(self):
        for record in self:
            record.team_id = record.user_id.sale_team_id

    @api.depends("team_id.user_id")
    def _compute_manager_id(self):
        for record in self:
            record.manager_id = record.team_id.user_id

    @api.constrains("team_id", "user_id")
    def _check_team_id(self):
        """The reviewer is the leader of the rep's own team: no other team."""
        for record in self:
            team = record.team_id
            rep = record.user_id
            if not team or team == rep.sale_team_id:
                continue  # the rep's main team: no need to read all their teams
            if team not in rep.crm_team_ids and team.user_id != rep:
                raise ValidationError(
                    self.env._(
                        "%(rep)s is not a member of the sales team %(team)s.",
                        rep=rep.name,
                        team=team.name,
                    )
                )

    def write(self, vals):
        if "user_id" in vals and not self.env.su:
            self._check_can_reassign(vals["user_id"])
        return super().write(vals)

    def _check_can_reassign(self, user_id):
        """Only a reviewer hands a record to another rep: a rep must not move it
        out of their manager's sight."""
        for record in self:
            if record.user_id.id != user_id and not record._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's team can hand %(record)s "
                        "to another rep.",
                        record=record.display_name,
                    )
                )

    def _can_review(self):
        """Administrators, and the manager of the rep's team; never the rep."""
        self.ensure_one()
        return self.env.user._visit_reviews(self.user_id, self.manager_id)

    def _guard_reviews(self):
        return self._can_review()

    def _check_review(self, state):
        for record in self:
            if record.state != state:
                raise UserError(
                    self.env._(
                        "%(record)s is not waiting for review.",
                        record=record.display_name,
                    )
                )
            if not record._can_review():
                raise UserError(
                    self.env._(
                        "Only the manager of the rep's sales team can review "
                        "%(record)s, and never their own.",
                        record=record.display_name,
                    )
                )

    def _check_has_reviewer(self):
        for record in self:
            if not record.manager_id:
                raise UserError(
                    self.env._(
                        "%(rep)s has no sales team leader to review %(record)s: "
                        "set the leader of the rep's sales team first.",
                        rep=record.user_id.name,
                        record=record.display_name,
                    )
                )

    def _schedule_review_activity(self, summary, deadline):
        self.ensure_one()
        self.activity_schedule(
            self._review_activity,
            date_deadline=deadline,
            summary=summary,
            user_id=self.manager_id.id,
        )

    def _review(self, values, message):
        """Applies the reviewer's decision to submitted records: the new status,
        the review activity marked done, and the rep told why."""
        self._check_review("submitted")
        self.sudo().write(values)
        self.activity_feedback([self._review_activity], feedback=message)
        self._tell_rep(message, self._state_subtypes[values["state"]])
        return True

    def _tell_rep(self, message, subtype_xmlid):
        """The reviewer's words, in the chatter, under the subtype of the
        decision: the rep follows their records and hears of it unless they
        chose not to, and so does any other follower who keeps that subtype."""
        for record in self:
            post_to_followers(record, message, subtype_xmlid, record.user_id.partner_id)

    def _submission_subtype(self, init_values):
        """The subtype of a tracked submission, for _track_subtype."""
        if "state" in init_values and self.state == "submitted":
            return self.env.ref(self._state_subtypes["submitted"])
        return False

    def _open_reason_wizard(self, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "visit.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _action_refuse(self, reason):
        """Rejects (plans) or returns (reports) with the reviewer's reason."""
        raise NotImplementedError
