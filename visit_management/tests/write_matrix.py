# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS
from odoo.service.model import call_kw

from odoo.addons.visit_management.models.visit_write_guard import ALWAYS_WRITABLE

_logger = logging.getLogger(__name__)
ADDON_PREFIX = "visit_management"


class WriteMatrix:
    """Writes every stored field of the addons' models over RPC (the dispatch of
    /web/dataset/call_kw), as each role, in every state, and compares the outcome
    with the models' allow-lists (`_user_fields`, `_reviewer_fields`)."""

    def _fields_to_try(self, record, extra=()):
        """Every stored field of a model of the addons, except Odoo's log
        columns; of a model they extend, the fields they add and `extra`."""
        own_model = record._original_module.startswith(ADDON_PREFIX)
        return [
            field
            for name, field in record._fields.items()
            if field.store
            and name not in MAGIC_COLUMNS
            and (
                own_model
                or name in extra
                or any(m.startswith(ADDON_PREFIX) for m in field._modules)
            )
        ]

    def _allowed(self, record, field, state, reviews):
        lists = [record._user_fields.get(state, ()), ALWAYS_WRITABLE]
        if reviews:
            lists.append(record._reviewer_fields.get(state, ()))
        return any(field.name in names for names in lists)

    def _write_over_rpc(self, user, record, field):
        """Whether the user's write of the field's current value passes (no
        command for a one2many: a form sends only the lines it changes)."""
        record = record.sudo()
        value = (
            []
            if field.type == "one2many"
            else field.convert_to_write(record[field.name], record)
        )
        try:
            with self.env.cr.savepoint():
                model = self.env[record._name].with_user(user)
                call_kw(model, "write", [record.ids, {field.name: value}], {})
                self.env.flush_all()
        except UserError:
            self.env.invalidate_all()
            return False
        return True

    def _check_matrix(self, cases, set_state, states, extra=()):
        """cases: [(record, {role name: (user, reviews)})], all governed by
        the record that set_state(state) moves through the states. Returns the
        number of writes tried; fails with every mismatch at once."""
        mismatches = []
        tried = 0
        for state in states:
            set_state(state)
            for record, roles in cases:
                for role, (user, reviews) in roles.items():
                    as_user = record.with_user(user)
                    can_write = as_user.has_access("write")
                    for field in self._fields_to_try(record, extra):
                        expected = (
                            can_write
                            and (not field.groups or user.has_groups(field.groups))
                            and self._allowed(record, field, state, reviews)
                        )
                        passed = self._write_over_rpc(user, record, field)
                        tried += 1
                        if passed != expected:
                            mismatches.append(
                                f"{record._name}.{field.name} as {role} in {state}: "
                                f"{'written' if passed else 'refused'}"
                            )
        self.assertFalse(mismatches, "\n".join(mismatches))
        _logger.info("write matrix: %s writes, as expected", tried)
        return tried
