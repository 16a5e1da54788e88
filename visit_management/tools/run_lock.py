# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled actions started twice at once (two cron workers, a manual run
beside the scheduler, a server action) run once: the second start finds the
first's lock and stops with one line in the log."""

import functools
import logging
import zlib

from odoo.sql_db import db_connect
from odoo.tools import SQL

_logger = logging.getLogger(__name__)
# The first key of the advisory locks of scheduled actions (the second names
# the action).
RUN_LOCK_SPACE = 0x56435253  # "VCRS"


def run_lock_key(model_name, method_name):
    """The advisory lock key of a scheduled action: two 32-bit integers."""
    return RUN_LOCK_SPACE, zlib.crc32(f"{model_name}.{method_name}".encode()) - 2**31


def single_run(method):
    """Decorates the method of a scheduled action. The lock is held by a
    connection of its own, so it lasts the whole run, across the run's commits
    (`_commit_progress`), and ends with that connection's transaction whatever
    happens."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        key = run_lock_key(self._name, method.__name__)
        with db_connect(self.env.cr.dbname).cursor() as lock_cr:
            lock_cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", *key))
            if not lock_cr.fetchone()[0]:
                _logger.info(
                    "%s.%s is already running: this run stops.",
                    self._name,
                    method.__name__,
                )
                return None
            if self.env.context.get("cron_id"):
                # a run that ended just before this one took the lock committed
                # after this transaction began: a new transaction sees its work
                self.env["ir.cron"]._commit_progress()
            return method(self, *args, **kwargs)

    return run
