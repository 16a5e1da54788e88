# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Counting the calls of a model's method while it still runs."""

from unittest.mock import patch


def spy(model, method_name):
    """A context manager patching the method of the model's class with a mock
    that records each call (its `call_count`, `call_args_list`, the record
    first) and runs the method itself."""
    model_class = type(model)
    return patch.object(
        model_class,
        method_name,
        autospec=True,
        side_effect=getattr(model_class, method_name),
    )
