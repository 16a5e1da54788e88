# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import inspect
import logging

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.models import MAGIC_COLUMNS
from odoo.service.model import call_kw

_logger = logging.getLogger(__name__)

# What a careless or hostile client sends in place of a value.
BAD_VALUES = (
    "abc",
    "",
    None,
    True,
    0,
    -1,
    -1e20,
    1e20,
    2**63,
    float("nan"),
    float("inf"),
    float("-inf"),
    [],
    [1],
    [[9, 0, 0]],
    {},
    {"id": 1},
    "x" * 100_000,
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "9999-12-31 23:00:00",
    "0001-01-01",
    "1900-01-01",
    "2200-01-01",
    "2026-02-30",
)


class ClientFuzz:
    """Feeds BAD_VALUES over RPC (the dispatch of /web/dataset/call_kw) to the
    fields a user may write and to the public methods of a record, and collects
    every outcome that is neither a clear refusal (UserError and its kinds)
    nor a clean accept, and every refusal that changed the record."""

    def _fuzz_setup(self):
        self.fuzz_cases = 0
        self.fuzz_failures = []

    def _stored_values(self, record):
        self.env.invalidate_all()
        names = [name for name, field in record._fields.items() if field.store]
        return record.sudo().read(names)[0]

    def _fuzz_outcome(self, record, before, case, call):
        """Runs the call in a savepoint undone afterwards; after a refusal, the
        record must read as `before`."""
        self.fuzz_cases += 1
        try:
            with self.env.cr.savepoint(flush=True) as savepoint:
                call()
                self.env.flush_all()
                record.sudo().read()  # what was accepted reads back
                savepoint.rollback()
        except (UserError, IntegrityError):
            # the dispatch of /web/dataset/call_kw (service.model.retrying) says
            # a constraint's violation as a ValidationError with its message
            if self._stored_values(record) != before:
                self.fuzz_failures.append(f"{case}: refused, but the record changed")
        except Exception as error:  # noqa: BLE001 - what the test looks for
            self.fuzz_failures.append(f"{case}: {type(error).__name__}: {error}")
        self.env.invalidate_all()

    def _fuzz_fields(self, user, record, names):
        model = self.env[record._name].with_user(user)
        before = self._stored_values(record)
        for name in names:
            for value in BAD_VALUES:
                self._fuzz_outcome(
                    record,
                    before,
                    f"{record._name}.{name} = {value!r:.40}",
                    lambda name=name, value=value: call_kw(
                        model, "write", [record.ids, {name: value}], {}
                    ),
                )

    def _fuzz_methods(self, user, records):
        """Each public method, on the first record: an extra argument, an
        unknown keyword, each parameter it takes given each bad value; and on
        both records."""
        record = records[0]
        model = self.env[record._name].with_user(user)
        before = self._stored_values(record)
        for name in self._public_methods(record):
            parameters = list(
                inspect.signature(getattr(type(record), name)).parameters
            )[1:]
            plausible = [1] * len(parameters)
            calls = [
                ("extra", record, ["x"] * (len(parameters) + 1), {}),
                ("keyword", record, plausible, {"bogus": 1}),
                ("two records", records, plausible, {}),
            ]
            for index, parameter in enumerate(parameters):
                calls += [
                    (
                        f"{parameter}={value!r:.40}",
                        record,
                        [*plausible[:index], value, *plausible[index + 1 :]],
                        {},
                    )
                    for value in BAD_VALUES
                ]
            for label, target, args, kwargs in calls:
                self._fuzz_outcome(
                    record,
                    before,
                    f"{record._name}.{name}({label})",
                    lambda name=name, target=target, args=args, kwargs=kwargs: call_kw(
                        model, name, [target.ids, *args], kwargs
                    ),
                )

    def _public_methods(self, record):
        return sorted(
            name
            for name in dir(type(record))
            if not name.startswith("_")
            and getattr(getattr(type(record), name), "client_action", False)
        )

    def _fuzz_writable(self, user, record):
        """The fields the user may write on the record in its state."""
        return sorted(
            record.with_user(user)._guard_writable(record._guard_state())
            & set(record._fields) - {"message_main_attachment_id"}
        )

    def _fuzz_wizard_fields(self, wizard):
        """The fields of a wizard its form lets the user fill in."""
        return sorted(
            name
            for name, field in wizard._fields.items()
            if field.store and not field.readonly and name not in MAGIC_COLUMNS
        )

    def _assert_fuzz_clean(self):
        _logger.info("fuzz: %s cases, all refused clearly or accepted", self.fuzz_cases)
        self.assertFalse(self.fuzz_failures, "\n".join(self.fuzz_failures))
