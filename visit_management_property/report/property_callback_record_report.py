# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ReportPropertyCallbackRecord(models.AbstractModel):
    """The office's visit and callback record (《管理处拜访、回访记录》) of an
    estate for a month: every visit and callback done, unreachable or still to
    do that was due or done in the month."""

    _name = "report.visit_management_property.report_callback_record"
    _description = "Visit and Callback Record"

    @api.model
    def _get_report_values(self, docids, data=None):
        month = fields.Date.to_date(
            (data or {}).get("month")
        ) or fields.Date.context_today(self)
        first = month.replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        estates = self.env["property.estate"].browse(docids)
        estates.check_access("read")
        Callback = self.env["property.resident.callback"]
        callbacks = Callback.search(
            [
                ("estate_id", "in", estates.ids),
                ("state", "!=", "cancelled"),
                "|",
                "&",
                ("due_date", ">=", first),
                ("due_date", "<=", last),
                "&",
                ("done_date", ">=", first),
                ("done_date", "<=", last),
            ],
            order="estate_id, due_date, id",
        )
        by_estate = {estate: callbacks.browse() for estate in estates}
        for callback in callbacks:
            by_estate[callback.estate_id] |= callback
        return {
            "doc_ids": estates.ids,
            "doc_model": "property.estate",
            "docs": estates,
            "month": first,
            "callbacks_by_estate": by_estate,
            "selection_label": lambda record, field: dict(
                record._fields[field]._description_selection(self.env)
            ).get(record[field], ""),
        }
