# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .client_action import (
    PHONE_POSITION,
    client_action,
    to_accuracy,
    to_latitude,
    to_longitude,
    to_phone_time,
    to_position,
)
from .followers import follow, post_to_followers, subscribe_each
from .cron_runner import REMINDER_BATCH, run_in_batches, set_flags, write_each
from .run_lock import run_lock_key, single_run
from .xmlids import data_record
