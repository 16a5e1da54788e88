# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import client_action
from .selections import TIERS

# The after-sale callback ladder of key customers (003 大客户拜访工作制度, 回访程序):
# a thank-you call the day after delivery, a usage check within a month of it,
# a repair followed within a week of the request. The due date is the start
# (delivery or request) plus the kind's delay.
CALLBACK_KINDS = [
    ("thank_you", "Thank-you Call"),
    ("usage_check", "Usage Check"),
    ("repair", "Repair Follow-up"),
]
CALLBACK_DELAYS = {
    "thank_you": relativedelta(days=1),
    "usage_check": relativedelta(months=1),
    "repair": relativedelta(weeks=1),
}
# What a delivery to a key customer starts.
DELIVERY_LADDER = ("thank_you", "usage_check")
# What the rep records while the callback is due.
OUTCOME_FIELDS = ("method", "outcome", "satisfaction")


class VisitCustomerCallback(models.Model):
    """A callback to a key customer after a sale (售后回访): due by a day the
    server sets from the delivery or the repair request; done when the rep
    records what the customer said. The monthly assessment counts the
    callbacks done on time against those due (the callback rate)."""

    _name = "visit.customer.callback"
    _description = "After-sale Callback"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.write.guard"]
    _order = "due_date, id"
    _check_company_auto = True
    _user_fields = {
        "create": ("partner_id", "user_id", "kind", "origin", *OUTCOME_FIELDS),
        "due": OUTCOME_FIELDS,
    }
    _reviewer_fields = {"due": ("user_id", "due_date")}

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Rep",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        compute="_compute_team_id",
        store=True,
        precompute=True,
        index=True,
        help="The rep's sales team: its leader checks the callbacks.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        selection=CALLBACK_KINDS, string="Callback Type", required=True
    )
    origin = fields.Char(
        string="Source Document", help="The delivery, order or repair called about."
    )
    start_date = fields.Date(
        required=True,
        readonly=True,
        default=fields.Date.context_today,
        help="The day of the delivery or of the repair request.",
    )
    due_date = fields.Date(
        compute="_compute_due_date",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        help="The start plus the delay of the kind: the next day for a thank-you "
        "call, a month for a usage check, a week for a repair. The team leader "
        "may move it.",
    )
    state = fields.Selection(
        selection=[("due", "Due"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="due",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    method = fields.Selection(
        selection=[("phone", "Phone"), ("onsite", "On Site")],
        default="phone",
        required=True,
    )
    outcome = fields.Text(
        string="What the Customer Said",
        help="How the product is used, questions raised and how they were solved.",
    )
    satisfaction = fields.Selection(
        selection=[
            ("satisfied", "Satisfied"),
            ("neutral", "Neutral"),
            ("dissatisfied", "Dissatisfied"),
        ]
    )
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_on_time = fields.Boolean(
        compute="_compute_done_on_time",
        store=True,
        help="Done on or before its due day, in the rep's timezone.",
    )

    @api.depends("user_id")
    def _compute_team_id(self):
        for callback in self:
            callback.team_id = callback.user_id.sale_team_id

    @api.depends("kind", "start_date")
    def _compute_due_date(self):
        for callback in self:
            if callback.kind and callback.start_date:
                callback.due_date = callback.start_date + CALLBACK_DELAYS[callback.kind]

    @api.depends("done_date", "due_date", "user_id.tz")
    def _compute_done_on_time(self):
        for callback in self:
            callback.done_on_time = bool(callback.done_date) and (
                fields.Date.context_today(
                    callback.with_context(tz=callback.user_id.tz), callback.done_date
                )
                <= callback.due_date
            )

    @api.depends("kind", "partner_id")
    def _compute_display_name(self):
        for callback in self:
            callback.display_name = callback._label(self.env)

    def _label(self, env):
        """ "Kind: customer", in the language of `env`."""
        kind = dict(self._fields["kind"]._description_selection(env)).get(self.kind)
        return f"{kind or ''}: {self.partner_id.display_name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        callbacks._schedule_calls()
        return callbacks

    def _schedule_calls(self):
        """Each callback is a call in its rep's activities, due on its day and
        in the rep's next reminder digest."""
        self.env["mail.activity"]._visit_schedule(
            self,
            "mail.mail_activity_data_call",
            lambda callback: callback.user_id,
            lambda callback, env: callback._label(env),
            deadline_of=lambda callback: callback.due_date,
        )

    def _guard_reviews(self):
        return self.env.user == self.team_id.user_id or self.env.user.has_group(
            "visit_management.group_visit_admin"
        )

    @client_action()
    def action_done(self):
        """The rep (or their leader) records the callback done, now."""
        self.check_access("write")
        self._lock_for_step()
        for callback in self:
            if callback.state != "due":
                raise UserError(
                    self.env._(
                        "The callback %(callback)s is no longer due.",
                        callback=callback.display_name,
                    )
                )
            if not (callback.outcome or "").strip():
                raise UserError(
                    self.env._(
                        "Write what the customer said before marking the callback "
                        "%(callback)s done.",
                        callback=callback.display_name,
                    )
                )
        self.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        self.sudo().activity_ids.action_feedback()
        return True

    @client_action()
    def action_cancel(self):
        """The team leader drops a callback that is not owed (the order was
        cancelled, the customer asked not to be called)."""
        self.check_access("write")
        self._lock_for_step()
        for callback in self:
            if not callback._guard_reviews():
                raise UserError(
                    self.env._("Only the rep's team leader may cancel a callback.")
                )
            if callback.state != "due":
                raise UserError(
                    self.env._(
                        "The callback %(callback)s is no longer due.",
                        callback=callback.display_name,
                    )
                )
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_ids.unlink()
        return True

    @api.model
    def _key_customer_tiers(self, company):
        """The tiers of the key customers owed the ladder: A up to the
        company's setting."""
        tiers = [tier for tier, _label in TIERS]
        return tiers[: tiers.index(company.visit_after_sale_tier) + 1]

    @api.model
    def _start_ladder(self, starts):
        """Creates the callbacks owed after deliveries or repair requests of key
        customers, in one batch. `starts` are dicts of `partner` (the
        customer), `user` (the rep), `date` (the delivery or request day),
        `kinds` (what is owed), `company` and the callback's other values;
        starts of customers below the key tiers, or without a rep, owe
        nothing."""
        values = []
        for start in starts:
            customer = start.pop("partner").commercial_partner_id
            user = start.pop("user")
            company = start.pop("company")
            if not user or customer.visit_tier not in self._key_customer_tiers(company):
                continue
            start_date = start.pop("date")
            kinds = start.pop("kinds")
            values += [
                {
                    "partner_id": customer.id,
                    "user_id": user.id,
                    "company_id": company.id,
                    "kind": kind,
                    "start_date": start_date,
                    **start,
                }
                for kind in kinds
            ]
        return self.sudo().create(values)
