# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import functools
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying


def run_at_once(registry, count, work):
    """Starts `count` transactions at the same instant, each in a thread with a
    cursor of its own, calling `work(env, index)` the way the dispatcher of
    /web/dataset/call_kw does (service.model.retrying: a transaction that cannot
    serialize or deadlocks is replayed). Returns each outcome (the result, or
    the exception raised), how many times each was played, and the seconds they
    took in all."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count
    plays = [0] * count

    def play(env, index):
        plays[index] += 1
        return work(env, index)

    def one(index):
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=60)
                outcomes[index] = retrying(functools.partial(play, env, index), env)
        except Exception as error:  # noqa: BLE001 - the outcome looked at
            outcomes[index] = error

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a transaction hangs"
    return outcomes, plays, time.monotonic() - started
