# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import math
from datetime import date, datetime, timedelta
from numbers import Real

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command

# The dates a user may type in any date field (birth dates included): beyond,
# a typo, and near the calendar's edge the server's date arithmetic overflows.
DATE_RANGE = (date(1900, 1, 1), date(2199, 12, 31))
# Amounts and numbers a user types: beyond, a typo or an attack.
NUMBER_LIMIT = 10**12
INTEGER_RANGE = (-(2**31), 2**31 - 1)  # PostgreSQL's integer


class VisitTypedValues(models.AbstractModel):
    """The values a user's client gives a record, checked before anything is
    computed from them: each of the right type, in range and plausible, or a
    clear, translated ValidationError. The server's own writes (superuser) are
    not checked. Inherited by the write guard and by the wizards."""

    _name = "visit.typed.values"
    _description = "Values Users Give, Typed and Bounded"
    # Dates of visits, plans and receptions: within the company's window around
    # today (Visit Settings: how far in the past and the future).
    _visit_dates = ()
    # Durations in hours a user types: between 0 and a day.
    _duration_hours = ()

    def _typed_scope(self, names):
        """The fields checked among these."""
        return set(names)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_typed_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_typed_values(vals)
        return super().write(vals)

    def _check_typed_values(self, vals):
        """Refuses, before anything is computed from them, the values a field
        cannot hold or no user would mean: an empty required field, no number,
        not finite, out of range, no date, a date at the calendar's edge or a
        visit date out of the company's window, no record, no lines, an unknown
        choice, no text, no file."""
        checks = {
            "float": self._check_number,
            "monetary": self._check_number,
            "integer": self._check_number,
            "date": self._check_date,
            "datetime": self._check_date,
            "many2one": self._check_record_id,
            "one2many": self._check_commands,
            "many2many": self._check_commands,
            "selection": self._check_choice,
            "char": self._check_text,
            "text": self._check_text,
            "html": self._check_text,
            "binary": self._check_file,
            "image": self._check_file,
        }
        for name in self._typed_scope(vals):
            value = vals[name]
            field = self._fields.get(name)
            check = field and checks.get(field.type)
            if not check:
                continue
            label = field._description_string(self.env)
            # an empty string clears a field, except lines (no command)
            empty = (
                value is None
                or value is False
                or (value == "" and field.type not in ("one2many", "many2many"))
            )
            if empty or (field.type == "many2one" and value == 0):
                if field.required:
                    raise ValidationError(
                        self.env._("%(field)s is required.", field=label)
                    )
                continue
            check(field, label, value)

    def _check_choice(self, field, label, value):
        if value not in field.get_values(self.env):
            raise ValidationError(
                self.env._(
                    "%(value)r is not a choice of %(field)s.", value=value, field=label
                )
            )

    def _check_text(self, field, label, value):
        if not isinstance(value, str):
            raise ValidationError(
                self.env._(
                    "%(field)s takes text, not %(value)r.", field=label, value=value
                )
            )

    def _check_file(self, field, label, value):
        try:
            base64.b64decode(value, validate=True)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._("%(field)s takes a file, not this value.", field=label)
            ) from error

    def _check_number(self, field, label, value):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise ValidationError(
                self.env._(
                    "%(field)s takes a number, not %(value)r.", field=label, value=value
                )
            )
        low, high = INTEGER_RANGE if field.type == "integer" else (0, NUMBER_LIMIT)
        if field.type == "float":
            low = -NUMBER_LIMIT
        if field.name in self._duration_hours:
            low, high = 0, 24
        if not (math.isfinite(value) and low <= value <= high):
            raise ValidationError(
                self.env._(
                    "%(field)s is between %(low)s and %(high)s, not %(value)s.",
                    field=label,
                    low=low,
                    high=high,
                    value=value,
                )
            )

    def _check_record_id(self, field, label, value):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not self.env[field.comodel_name].sudo().browse(value).exists()
        ):
            raise ValidationError(
                self.env._(
                    "%(field)s takes an existing record, not %(value)r.",
                    field=label,
                    value=value,
                )
            )

    def _check_commands(self, field, label, value):
        """Lines are changed by Odoo's commands (Command.create, link, …) or
        given as a list of ids."""
        if not isinstance(value, (list, tuple)) or not all(
            (isinstance(item, int) and not isinstance(item, bool))
            or (isinstance(item, (list, tuple)) and item and item[0] in tuple(Command))
            for item in value
        ):
            raise ValidationError(
                self.env._(
                    "%(field)s takes a list of lines, not %(value)r.",
                    field=label,
                    value=value,
                )
            )

    def _check_date(self, field, label, value):
        parse = (
            fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime
        )
        try:
            moment = parse(value)
        except (TypeError, ValueError):
            moment = None
        if not moment:
            raise ValidationError(
                self.env._(
                    "%(field)s takes a date, not %(value)r.", field=label, value=value
                )
            )
        if isinstance(moment, datetime):
            moment = moment.date()
        low, high = DATE_RANGE
        if field.name in self._visit_dates:
            company = self.env.company
            today = fields.Date.context_today(self)
            low = max(low, today - timedelta(days=company.visit_date_past_days))
            high = min(high, today + timedelta(days=company.visit_date_future_days))
        if not low <= moment <= high:
            raise ValidationError(
                self.env._(
                    "%(field)s must lie between %(low)s and %(high)s, not on %(date)s.",
                    field=label,
                    low=low,
                    high=high,
                    date=moment,
                )
            )
