# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.property_resident_callback import FINISHED_STATES, SATISFACTION
from ..models.selections import CALLBACK_METHODS, CALLBACK_TYPES


class PropertyCallbackAnalysis(models.Model):
    """The callbacks that were due (their due date passed, or already done or
    unreachable), one row each: averaged, the 0/100 columns give the callback
    rate (done / due), the timeliness and the unreachable rate by estate, type,
    caller and month; the satisfaction averages the callbacks that got one."""

    _name = "property.callback.analysis"
    _description = "Resident Callback Analysis"
    _auto = False
    _order = "due_date desc"
    _rec_name = "callback_id"

    callback_id = fields.Many2one("property.resident.callback", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    unit_id = fields.Many2one("property.unit", readonly=True)
    resident_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", string="Caller", readonly=True)
    callback_type = fields.Selection(
        selection=CALLBACK_TYPES, string="Type", readonly=True
    )
    method = fields.Selection(selection=CALLBACK_METHODS, readonly=True)
    state = fields.Selection(
        selection=[
            ("todo", "To Do"),
            ("done", "Done"),
            ("unreachable", "Unreachable"),
        ],
        string="Status",
        readonly=True,
    )
    due_date = fields.Date(readonly=True)
    done_date = fields.Date(readonly=True)
    satisfaction_level = fields.Selection(selection=SATISFACTION, readonly=True)
    done_count = fields.Integer(string="Done", readonly=True, aggregator="sum")
    on_time_count = fields.Integer(string="On Time", readonly=True, aggregator="sum")
    unreachable_count = fields.Integer(
        string="Unreachable", readonly=True, aggregator="sum"
    )
    done_rate = fields.Float(
        string="Callback Rate (%)", readonly=True, aggregator="avg"
    )
    on_time_rate = fields.Float(
        string="Timeliness (%)", readonly=True, aggregator="avg"
    )
    unreachable_rate = fields.Float(
        string="Unreachable Rate (%)", readonly=True, aggregator="avg"
    )
    satisfaction = fields.Float(
        string="Average Satisfaction", readonly=True, aggregator="avg"
    )
    attempt_count = fields.Integer(
        string="Failed Attempts", readonly=True, aggregator="sum"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT callback.id,
                   callback.id AS callback_id,
                   callback.estate_id,
                   callback.company_id,
                   callback.unit_id,
                   callback.resident_id,
                   callback.user_id,
                   callback.callback_type,
                   callback.method,
                   callback.state,
                   callback.due_date,
                   callback.done_date,
                   callback.satisfaction AS satisfaction_level,
                   (callback.state = 'done')::int AS done_count,
                   (callback.state = 'done' AND callback.on_time)::int
                       AS on_time_count,
                   (callback.state = 'unreachable')::int AS unreachable_count,
                   CASE WHEN callback.state = 'done' THEN 100.0 ELSE 0.0 END
                       AS done_rate,
                   CASE WHEN callback.state = 'done' AND callback.on_time
                        THEN 100.0 ELSE 0.0 END AS on_time_rate,
                   CASE WHEN callback.state = 'unreachable' THEN 100.0 ELSE 0.0 END
                       AS unreachable_rate,
                   CAST(NULLIF(callback.satisfaction, '') AS float) AS satisfaction,
                   callback.attempt_count
              FROM property_resident_callback callback
             WHERE callback.state != 'cancelled'
               AND (callback.due_date <= CURRENT_DATE
                    OR callback.state IN %(finished)s)
            """,
            finished=FINISHED_STATES,
        )
