# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta
from functools import partial

import pytz

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_datetime

from ..tools import (
    REMINDER_BATCH,
    data_record,
    run_in_batches,
    set_flags,
    single_run,
)
from ..tools.calendar_events import quiet_calendar_events
from .visit_reception import (
    CLOSE_ACTIVITY,
    PREP_ACTIVITY,
    REMINDER_ACTIVITY,
    ROOM_HOLDING_STATES,
)


class VisitReception(models.Model):
    """Before the visit: the hosts' calendar meeting, the preparation
    checklist (one activity per item, for its person in charge) and the
    day-before reminders."""

    _inherit = "visit.reception"

    # ------------------------------------------------------------------
    # Calendar and preparation
    # ------------------------------------------------------------------
    def _calendar_event_values(self):
        self.ensure_one()
        return {
            "name": self.env._(
                "Visit of %(partner)s (%(reception)s)",
                partner=self.partner_id.name,
                reception=self.name,
            ),
            "start": self.start_datetime,
            "stop": self.stop_datetime,
            "user_id": self.user_id.id,
            "partner_ids": [(6, 0, (self.user_id | self.companion_ids).partner_id.ids)],
            "location": self.room_id._location_label() if self.room_id else False,
            "description": self.agenda,
        }

    def _create_calendar_event(self):
        """The meeting in the calendars of the host and the companions, at the
        room. Created as superuser: whoever confirms need not manage calendars.
        The visitors are not attendees, and nobody is emailed an invitation."""
        self.ensure_one()
        event = quiet_calendar_events(self.env).create(
            {
                **self._calendar_event_values(),
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id,
            }
        )
        self.sudo().calendar_event_id = event

    def _sync_calendar_event(self):
        Event = quiet_calendar_events(self.env)
        for reception in self:
            Event.browse(reception.calendar_event_id.id).write(
                reception._calendar_event_values()
            )

    def _preparation_items(self):
        """The preparation checklist: (summary, person in charge) per item the
        visit needs."""
        self.ensure_one()
        items = []
        if self.room_id:
            items.append(
                (
                    self.env._(
                        "Prepare the meeting room %(room)s", room=self.room_id.name
                    ),
                    self.room_user_id,
                )
            )
        if self.catering != "none":
            catering = dict(self._fields["catering"]._description_selection(self.env))
            items.append(
                (
                    self.env._(
                        "Arrange the catering: %(catering)s, %(covers)s covers",
                        catering=catering[self.catering],
                        covers=self.catering_covers or self.attendee_count,
                    ),
                    self.catering_user_id,
                )
            )
        # confidential items count too, whoever confirms
        materials = self.sudo().material_ids
        if materials:
            items.append(
                (
                    self.env._(
                        "Prepare the materials (%(count)s items)",
                        count=len(materials),
                    ),
                    self.material_user_id,
                )
            )
        if self.pickup_needed:
            items.append(
                (
                    self.env._(
                        "Arrange the pick-up at %(place)s", place=self.pickup_place
                    ),
                    self.pickup_user_id,
                )
            )
        if self.translator_needed:
            items.append((self.env._("Find a translator"), self.user_id))
        if self.expert_needed:
            items.append((self.env._("Find a technical expert"), self.user_id))
        return items

    def _preparation_deadline(self):
        """The company's lead time before the day of the visit (in the host's
        time zone), and never before today."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "UTC")
        visit_day = pytz.utc.localize(self.start_datetime).astimezone(tz).date()
        deadline = visit_day - timedelta(days=self.company_id.visit_reception_prep_days)
        return max(deadline, fields.Date.context_today(self))

    def _schedule_preparation(self):
        """One activity per checklist item, for the person in charge of it."""
        self.ensure_one()
        deadline = self._preparation_deadline()
        for summary, user in self._preparation_items():
            self.activity_schedule(
                PREP_ACTIVITY,
                date_deadline=deadline,
                summary=summary,
                user_id=user.id,
            )

    def _preparation_activities(self):
        activity_type = self.env.ref(PREP_ACTIVITY)
        return (
            self.sudo()
            .activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            .with_env(self.env)
        )

    def _move_preparation(self):
        """The open checklist follows the visit to its new day."""
        for reception in self:
            reception._preparation_activities().sudo().write(
                {"date_deadline": reception._preparation_deadline()}
            )

    # ------------------------------------------------------------------
    # Scheduled action: day-before reminders, visits left open
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_reception_reminders(self):
        """The day before a confirmed visit, its host and the people in charge of
        checklist items still open get one to-do listing such visits; a visit
        still open a day after its end gets an activity for its host to close
        it. Each booking is reminded and flagged once; the queries do not grow
        with the number of bookings."""
        now = fields.Datetime.now()
        to_remind = Domain(
            [
                ("state", "=", "confirmed"),
                ("prep_reminded", "=", False),
                ("start_datetime", ">", now),
                ("start_datetime", "<=", now + timedelta(days=1)),
            ]
        )
        to_close = Domain(
            [
                ("state", "in", ROOM_HOLDING_STATES),
                ("close_flagged", "=", False),
                ("stop_datetime", "<", now - timedelta(days=1)),
            ]
        )
        # both in the same batches: one transaction (and its commit's
        # notifications) for a day's few receptions, not one for each kind
        run_in_batches(
            self,
            to_remind | to_close,
            partial(self._remind_and_flag, now),
            REMINDER_BATCH,
        )

    @api.model
    def _remind_and_flag(self, now, receptions):
        """The batch's receptions to remind start after now, the others ended a
        day before it: those are to close."""
        reminding = receptions.filtered(
            lambda reception: reception.start_datetime > now
        )
        if reminding:
            self._remind_preparation(reminding)
        if closing := receptions - reminding:
            self._flag_unclosed(closing)

    @api.model
    def _remind_preparation(self, receptions):
        open_items = (
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", receptions.ids),
                    ("activity_type_id", "=", data_record(self.env, PREP_ACTIVITY).id),
                ],
                ["res_id", "user_id"],
            )
        )
        by_id = {reception.id: reception for reception in receptions}  # prefetched
        to_remind = defaultdict(set)
        for activity in open_items:
            reception = by_id[activity.res_id]
            for user in activity.user_id | reception.user_id:
                to_remind[user].add(reception)
        self.env["mail.activity"]._visit_post_lists(
            REMINDER_ACTIVITY,
            {
                user: sorted(bookings, key=lambda booking: booking.start_datetime)
                for user, bookings in to_remind.items()
            },
            lambda env: env._("Receptions within a day, with preparation still open"),
        )
        set_flags(receptions, "prep_reminded")

    @api.model
    def _flag_unclosed(self, receptions):
        self.env["mail.activity"]._visit_schedule(
            receptions,
            CLOSE_ACTIVITY,
            lambda reception: reception.user_id,
            lambda reception, env: env._(
                "Close %(reception)s: the visit ended on %(end)s",
                reception=reception.display_name,
                end=format_datetime(
                    env, reception.stop_datetime, tz=reception.user_id.tz
                ),
            ),
        )
        set_flags(receptions, "close_flagged")
