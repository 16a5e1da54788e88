# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.visit_management.tools import client_action

from .property_workflow_mixin import RESIDENT_FIELDS
from .selections import CALLBACK_METHODS, CALLBACK_TYPES

# What the caller writes on a callback until it is done, unreachable or
# cancelled; the failed attempts are recorded by its buttons.
CALLBACK_FIELDS = (
    *RESIDENT_FIELDS,
    "callback_type",
    "complaint_id",
    "repair_id",
    "incident_id",
    "festival_id",
    "due_date",
    "latest_date",
    "method",
    "user_id",
    "satisfaction",
    "opinions",
    "problems",
    "follow_up_needed",
    "follow_up_type",
    "follow_up_user_id",
    "follow_up_repair_category_id",
)

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
# How the office calls back by default, per type of callback.
DEFAULT_METHODS = {
    "move_in": "onsite",
    "incident": "onsite",
    "festival": "onsite",
}
FINISHED_STATES = ("done", "unreachable")


def default_method(callback_type):
    """How the office calls back by default for this type of callback."""
    return DEFAULT_METHODS.get(callback_type, "phone")


def estate_caller(estate, callback_type):
    """Who calls back for the estate: its repair supervisor for a repair, else
    its office manager (none if it has neither)."""
    if callback_type == "repair" and estate.repair_supervisor_id:
        return estate.repair_supervisor_id
    return estate.manager_id


# What a callback follows up, the first one set.
ORIGIN_FIELDS = ("complaint_id", "repair_id", "incident_id")
CALLBACK_ACTIVITY = "visit_management_property.mail_activity_property_callback"
# The context that creates callbacks in bulk: no creation message, tracking or
# follower per callback (the caller gets an activity and follows through it);
# their precomputed fields given for the batch (_add_precomputed_values).
BULK_CONTEXT = {"tracking_disable": True, "property_bulk_callbacks": True}
# What a rule gives each new callback, from which its precomputed fields follow.
BULK_GIVEN = ("callback_type", "resident_id", "unit_id", "estate_id", "state")


class PropertyResidentCallback(models.Model):
    """A visit or call back to a resident (回访), recorded as the office's
    《管理处拜访、回访记录》."""

    _name = "property.resident.callback"
    _description = "Resident Callback"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
        "visit.company.check",
    ]
    # the oldest due first: under the default "To Do" filter, overdue callbacks
    # come before the later ones
    _order = "due_date, id"
    _check_company_auto = True
    _user_fields = {"create": CALLBACK_FIELDS, "todo": CALLBACK_FIELDS}

    state = fields.Selection(
        selection=[
            ("todo", "To Do"),
            ("done", "Done"),
            ("unreachable", "Unreachable"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="todo",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    resident_id = fields.Many2one(required=True)
    callback_type = fields.Selection(
        selection=CALLBACK_TYPES,
        string="Type",
        required=True,
        default="routine",
        index=True,
        tracking=True,
    )
    complaint_id = fields.Many2one(
        "property.complaint",
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
    )
    repair_id = fields.Many2one(
        "property.repair.request",
        string="Repair Request",
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
    )
    incident_id = fields.Many2one(
        "property.incident",
        ondelete="restrict",
        index="btree_not_null",
        check_company=True,
    )
    festival_id = fields.Many2one(
        "property.festival", ondelete="restrict", index="btree_not_null"
    )
    origin_ref = fields.Reference(
        selection=[
            ("property.complaint", "Complaint"),
            ("property.repair.request", "Repair Request"),
            ("property.incident", "Incident"),
        ],
        string="Origin",
        compute="_compute_origin_ref",
    )
    origin_description = fields.Text(
        string="Origin's Text",
        compute="_compute_origin_texts",
        help="What the resident complained about, the repair asked for or what "
        "happened, for the caller who may read the origin.",
    )
    resident_phone = fields.Char(
        string="Phone",
        compute="_compute_origin_texts",
        groups="visit_management.group_visit_user",
        help="The resident's phone, for the caller who may read the resident.",
    )
    period_date = fields.Date(
        string="Period",
        readonly=True,
        copy=False,
        help="The month of a routine callback, the day of a festival visit: one "
        "callback per household and month, per resident and festival.",
    )
    due_date = fields.Date(
        required=True,
        tracking=True,
        index=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=7),
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="To do, and due before today.",
    )
    latest_date = fields.Date(
        help="The callback must not come later than this (move-in visits: three "
        "months after moving in).",
    )
    method = fields.Selection(
        selection=CALLBACK_METHODS,
        compute="_compute_method",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Caller",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    done_datetime = fields.Datetime(string="Done on", readonly=True, copy=False)
    # precomputed, as the other computed columns below: the rules create
    # thousands of callbacks at once, and the ORM updates every new row after
    # its insert for a stored field it computes afterwards
    done_date = fields.Date(compute="_compute_done_date", store=True, precompute=True)
    on_time = fields.Boolean(
        compute="_compute_done_date",
        store=True,
        precompute=True,
        help="Done by its due date.",
    )
    satisfaction = fields.Selection(selection=SATISFACTION, tracking=True)
    opinions = fields.Text(string="Opinions and Suggestions")
    problems = fields.Text(string="Problems Found")
    attempt_ids = fields.One2many(
        "property.resident.callback.attempt",
        "callback_id",
        string="Failed Attempts",
        readonly=True,
    )
    attempt_count = fields.Integer(
        string="Failed Attempts Count",
        compute="_compute_attempt_count",
        store=True,
        precompute=True,
    )
    can_switch_method = fields.Boolean(compute="_compute_can_switch_method")
    # Follow-up of what the resident said
    follow_up_needed = fields.Boolean(
        string="Follow-up Needed",
        help="Done callbacks that need a follow-up create it: an activity, a "
        "complaint or a repair request.",
    )
    follow_up_type = fields.Selection(
        selection=[
            ("activity", "Activity"),
            ("complaint", "Complaint"),
            ("repair", "Repair Request"),
        ],
        string="Follow-up",
        default="activity",
    )
    follow_up_user_id = fields.Many2one(
        "res.users",
        string="Follow-up by",
        help="Who follows up the activity; the estate's office manager when empty.",
    )
    follow_up_repair_category_id = fields.Many2one(
        "property.repair.category", string="Repair Category"
    )
    follow_up_complaint_id = fields.Many2one(
        "property.complaint", readonly=True, copy=False, check_company=True
    )
    follow_up_repair_id = fields.Many2one(
        "property.repair.request", readonly=True, copy=False, check_company=True
    )
    # indexed: an activity marked done is deleted, and PostgreSQL then looks
    # for the callbacks pointing at it
    follow_up_activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )

    # One callback per origin, per household and month, per resident and
    # festival: the automatic rules never create a second one, even when two
    # transactions race.
    _complaint_uniq = models.UniqueIndex(
        "(complaint_id) WHERE complaint_id IS NOT NULL",
        "A complaint is called back once.",
    )
    _repair_uniq = models.UniqueIndex(
        "(repair_id) WHERE repair_id IS NOT NULL",
        "A repair is called back once.",
    )
    _incident_uniq = models.UniqueIndex(
        "(incident_id) WHERE incident_id IS NOT NULL",
        "An incident gets one follow-up visit.",
    )
    _move_in_uniq = models.UniqueIndex(
        "(unit_id, period_date) WHERE callback_type = 'move_in'",
        "A household gets one move-in visit a month.",
    )
    _routine_uniq = models.UniqueIndex(
        "(unit_id, period_date) WHERE callback_type = 'routine'",
        "A household gets one routine callback a month.",
    )
    _festival_uniq = models.UniqueIndex(
        "(resident_id, festival_id, period_date) WHERE callback_type = 'festival'",
        "A resident gets one visit per festival.",
    )

    @api.depends("callback_type", "resident_id", "due_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        types = dict(self._fields["callback_type"]._description_selection(self.env))
        for callback in self:
            callback.display_name = self.env._(
                "%(type)s: %(resident)s (%(due)s)",
                type=types.get(callback.callback_type, ""),
                resident=callback.resident_id.name or "",
                due=callback.due_date or "",
            )

    @api.depends("complaint_id", "repair_id", "incident_id")
    def _compute_origin_ref(self):
        for callback in self:
            origin = callback.complaint_id or callback.repair_id or callback.incident_id
            callback.origin_ref = f"{origin._name},{origin.id}" if origin else False

    @api.depends(
        "resident_id.phone",
        "complaint_id.description",
        "repair_id.description",
        "incident_id.description",
    )
    @api.depends_context("uid")
    def _compute_origin_texts(self):
        # the records the user may read, checked once for all the callbacks
        readable = {
            name: self[name]._filtered_access("read")
            for name in ("resident_id", *ORIGIN_FIELDS)
        }
        for callback in self:
            callback.resident_phone = (
                callback.resident_id & readable["resident_id"]
            ).phone
            origins = [callback[name] & readable[name] for name in ORIGIN_FIELDS]
            origin = next(filter(None, origins), None)
            callback.origin_description = origin.description if origin else False

    @api.depends("state", "due_date")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for callback in self:
            callback.is_overdue = callback.state == "todo" and callback.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain(
            [("state", "=", "todo"), ("due_date", "<", fields.Date.context_today(self))]
        )
        return overdue if True in value else ~overdue

    @api.depends("callback_type")
    def _compute_method(self):
        for callback in self:
            callback.method = default_method(callback.callback_type)

    @api.depends("estate_id", "callback_type")
    def _compute_user_id(self):
        for callback in self:
            callback.user_id = (
                estate_caller(callback.estate_id, callback.callback_type)
                or callback.user_id
            )

    @api.depends("done_datetime", "due_date", "state")
    def _compute_done_date(self):
        for callback in self:
            done = callback.done_datetime and callback.state == "done"
            callback.done_date = (
                fields.Date.context_today(callback, callback.done_datetime)
                if done
                else False
            )
            callback.on_time = bool(done and callback.done_date <= callback.due_date)

    @api.depends("attempt_ids")
    def _compute_attempt_count(self):
        # _origin: a callback being created (precomputed) has no attempts yet
        counts = dict(
            self.env["property.resident.callback.attempt"]._read_group(
                [("callback_id", "in", self._origin.ids)], ["callback_id"], ["__count"]
            )
        )
        for callback in self:
            callback.attempt_count = counts.get(callback._origin, 0)

    @api.depends("state", "method")
    def _compute_can_switch_method(self):
        for callback in self:
            callback.can_switch_method = (
                callback.state == "unreachable" and callback.method == "phone"
            )

    @api.constrains(
        "follow_up_needed", "follow_up_type", "follow_up_repair_category_id"
    )
    def _check_follow_up(self):
        for callback in self:
            if (
                callback.follow_up_needed
                and callback.follow_up_type == "repair"
                and not callback.follow_up_repair_category_id
            ):
                raise ValidationError(
                    self.env._("Say which kind of repair the resident needs.")
                )

    @api.constrains("callback_type", "unit_id")
    def _check_household(self):
        for callback in self:
            if (
                callback.callback_type in ("move_in", "routine")
                and not callback.unit_id
            ):
                raise ValidationError(
                    self.env._(
                        "A move-in or routine callback is for a household (unit)."
                    )
                )

    @api.constrains("due_date", "latest_date")
    def _check_dates(self):
        for callback in self:
            if callback.latest_date and callback.latest_date < callback.due_date:
                raise ValidationError(
                    self.env._(
                        "A callback's latest date cannot come before its due date."
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        callbacks = super().create(vals_list)
        callbacks._schedule_caller_activities()
        return callbacks

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "due_date"} & set(vals):
            todo = self.filtered(lambda callback: callback.state == "todo")
            todo._close_caller_activities()
            todo._schedule_caller_activities()
        return result

    def _add_precomputed_values(self, vals_list):
        """The rules' new callbacks (to do, their estate and unit given) get
        their precomputed fields here for the whole batch, by the rules of
        their computes: the ORM would make a new record per callback to compute
        them, a third of a festival's run. Only as superuser (the rules run
        so); Odoo computes the others."""
        if self.env.su and self.env.context.get("property_bulk_callbacks"):
            self._precompute_new_todo(
                [
                    vals
                    for vals in vals_list
                    if all(name in vals for name in BULK_GIVEN)
                    and vals["state"] == "todo"
                    and not vals.get("done_datetime")
                ]
            )
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _precompute_new_todo(self, vals_list):
        estates = self.env["property.estate"].browse(
            {vals["estate_id"] for vals in vals_list}
        )
        estates.fetch(["company_id", "manager_id", "repair_supervisor_id"])
        for vals in vals_list:
            estate = estates.browse(vals["estate_id"])
            precomputed = {
                "company_id": estate.company_id.id,
                "method": default_method(vals["callback_type"]),
                "user_id": estate_caller(estate, vals["callback_type"]).id,
                # to do: never attempted, not done
                "attempt_count": 0,
                "done_date": False,
                "on_time": False,
            }
            vals["__precomputed__"] = {
                self._fields[name] for name in precomputed if name not in vals
            }
            for name, value in precomputed.items():
                vals.setdefault(name, value)

    @api.model
    def _create_bulk(self, vals_list):
        """Creates many callbacks at once (the automatic rules), as superuser:
        no message nor follower per callback, one activity each for the caller."""
        if not vals_list:
            return self.browse()
        return self.sudo().with_context(**BULK_CONTEXT).create(vals_list)

    # ------------------------------------------------------------------
    # Activities of the callers
    # ------------------------------------------------------------------
    def _schedule_caller_activities(self):
        """One activity per callback to do, for its caller, due on its due date,
        all created in one batch and told in the caller's next digest."""
        todo = self.filtered(
            lambda callback: callback.state == "todo" and callback.user_id
        )
        if not todo:
            return
        self.env["mail.activity"]._visit_schedule(
            todo,
            CALLBACK_ACTIVITY,
            lambda callback: callback.user_id,
            lambda callback, env: callback.with_env(env).display_name,
            deadline_of=lambda callback: callback.due_date,
        )

    def _close_caller_activities(self, feedback=None):
        if feedback is None:
            self.sudo().activity_unlink([CALLBACK_ACTIVITY])
        else:
            self.sudo().activity_feedback([CALLBACK_ACTIVITY], feedback=feedback)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @client_action()
    def action_done(self):
        self._check_state(
            ("todo",),
            lambda callback: self.env._(
                "%(callback)s is not to do.", callback=callback.display_name
            ),
        )
        now = fields.Datetime.now()
        for callback in self:
            if not callback.user_id:
                callback.user_id = self.env.user
            callback._workflow_write({"state": "done", "done_datetime": now})
        self._close_caller_activities(feedback=self.env._("Callback done."))
        self.filtered("follow_up_needed")._create_follow_ups()
        return True

    @client_action()
    def action_no_answer(self):
        """Records a failed attempt with the current method; after the company's
        number of failed attempts with that method, the resident is unreachable."""
        self._check_state(
            ("todo",),
            lambda callback: self.env._(
                "%(callback)s is not to do.", callback=callback.display_name
            ),
        )
        methods = dict(self._fields["method"]._description_selection(self.env))
        for callback in self:
            callback._workflow_write(
                {
                    "attempt_ids": [
                        (
                            0,
                            0,
                            {
                                "method": callback.method,
                                "user_id": self.env.user.id,
                            },
                        )
                    ]
                }
            )
            tries = len(
                callback.attempt_ids.filtered(
                    lambda attempt, method=callback.method: attempt.method == method
                )
            )
            limit = callback.company_id.property_callback_max_attempts
            callback.message_post(
                body=self.env._(
                    "Unreachable (%(method)s), attempt %(tries)s of %(limit)s.",
                    method=methods[callback.method],
                    tries=tries,
                    limit=limit,
                ),
                subtype_xmlid="visit_management_property.mt_property_callback_unreachable",
            )
            if tries >= limit:
                callback._workflow_write({"state": "unreachable"})
                callback._close_caller_activities()
        return True

    @client_action()
    def action_switch_onsite(self):
        return self._switch_method("onsite")

    @client_action()
    def action_switch_letter(self):
        return self._switch_method("letter")

    def _switch_method(self, method):
        """A resident unreachable by phone is visited on-site or written to."""
        for callback in self:
            if not callback.can_switch_method:
                raise UserError(
                    self.env._(
                        "Only a callback whose resident could not be reached by "
                        "phone switches to another method (%(callback)s).",
                        callback=callback.display_name,
                    )
                )
        self._workflow_write({"method": method, "state": "todo"})
        self._schedule_caller_activities()
        return True

    @client_action()
    def action_cancel(self):
        self._check_state(
            ("todo", "unreachable"),
            lambda callback: self.env._(
                "%(callback)s cannot be cancelled.", callback=callback.display_name
            ),
        )
        self._workflow_write({"state": "cancelled"})
        self._close_caller_activities()
        return True

    @client_action()
    def action_reset(self):
        self._check_state(
            ("cancelled",),
            lambda callback: self.env._(
                "%(callback)s is not cancelled.", callback=callback.display_name
            ),
        )
        self._workflow_write({"state": "todo"})
        self._schedule_caller_activities()
        return True

    # ------------------------------------------------------------------
    # Follow-up
    # ------------------------------------------------------------------
    def _follow_up_text(self):
        self.ensure_one()
        return (
            self.problems
            or self.opinions
            or self.env._("Follow-up of %(callback)s", callback=self.display_name)
        )

    def _create_follow_ups(self):
        """What a done callback asks for: an activity for someone of the office,
        or a new complaint or repair request for the resident."""
        for callback in self:
            if (
                callback.follow_up_complaint_id
                or callback.follow_up_repair_id
                or callback.follow_up_activity_id
            ):
                continue
            values = {
                "resident_id": callback.resident_id.id,
                "unit_id": callback.unit_id.id,
                "estate_id": callback.estate_id.id,
                "description": callback._follow_up_text(),
            }
            if callback.follow_up_type == "complaint":
                complaint = self.env["property.complaint"].create(
                    {**values, "category": "other"}
                )
                complaint.message_post_with_source(
                    "mail.message_origin_link",
                    render_values={"self": complaint, "origin": callback},
                    subtype_xmlid="mail.mt_note",
                )
                callback.sudo().follow_up_complaint_id = complaint
            elif callback.follow_up_type == "repair":
                repair = self.env["property.repair.request"].create(
                    {
                        **values,
                        "category_id": callback.follow_up_repair_category_id.id,
                    }
                )
                repair.message_post_with_source(
                    "mail.message_origin_link",
                    render_values={"self": repair, "origin": callback},
                    subtype_xmlid="mail.mt_note",
                )
                callback.sudo().follow_up_repair_id = repair
            else:
                user = (
                    callback.follow_up_user_id
                    or callback.estate_id.manager_id
                    or self.env.user
                )
                callback.sudo().follow_up_activity_id = callback.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Follow up the callback of %(resident)s",
                        resident=callback.resident_id.name,
                    ),
                    note=callback._follow_up_text(),
                    user_id=user.id,
                )
