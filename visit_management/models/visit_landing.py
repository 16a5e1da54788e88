# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..tools import client_action


class VisitLanding(models.AbstractModel):
    """Where each role of the Visits app lands: the app's root menu and the
    users' home action run `action_open_landing`. The roles and the menus each
    one sees are listed in views/visit_management_menus.xml."""

    _name = "visit.landing"
    _description = "Visits Landing"

    @api.model
    @client_action()
    def action_open_landing(self):
        """The screen the current user works on."""
        return self._landing_action()

    @api.model
    def _landing_action(self):
        """Managers (and administrators) on their team's overview, the front
        desk on today's receptions, everybody else (the reps) on Today."""
        user = self.env.user
        if user.has_group("visit_management.group_visit_manager"):
            return self._overview_action("visit.team.overview")
        if user.has_group("visit_management.group_visit_front_desk"):
            return self._today_receptions_action()
        return self._window_action("visit_management.visit_today_action")

    @api.model
    def _window_action(self, xmlid, domain=None, name=None, context=None):
        """The window action `xmlid`, narrowed to `domain`, renamed, with
        `context` in place of its own when given."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if domain is not None:
            action["domain"] = domain
        if name:
            action["name"] = name
            action["display_name"] = name
        if context is not None:
            action["context"] = context
        return action

    @api.model
    def _overview_action(self, model):
        """A landing of counters: the user's row of `model`, whose fields count
        when shown. It bears the landing's id and path, so that the web client
        shows it in the Visits app and a reload lands again."""
        landing = self.env.ref("visit_management.visit_landing_action")
        overview = self.env[model].browse(self.env.uid)
        return {
            "type": "ir.actions.act_window",
            "id": landing.id,
            "path": landing.path,
            "name": overview.display_name,
            "res_model": model,
            "res_id": overview.id,
            "views": [[False, "form"]],
            "target": "current",
        }

    @api.model
    def _today_bounds(self):
        """The user's day in UTC, [start, end), as the client's domains take it."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        today = fields.Date.context_today(self)
        start = tz.localize(datetime.combine(today, time.min))
        end = tz.localize(datetime.combine(today + timedelta(days=1), time.min))
        return tuple(
            fields.Datetime.to_string(moment.astimezone(pytz.utc).replace(tzinfo=None))
            for moment in (start, end)
        )

    @api.model
    def _today_receptions_action(self):
        start, end = self._today_bounds()
        action = self._window_action(
            "visit_management.visit_reception_action",
            domain=[("start_datetime", ">=", start), ("start_datetime", "<", end)],
            name=self.env._("Today's Receptions"),
        )
        # a phone shows the day as one list, not a column per status
        action["mobile_view_mode"] = "list"
        return action
