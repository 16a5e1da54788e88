# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public methods of the addons' models are reachable by any client over
JSON-RPC with whatever arguments it sends. `client_action` declares what each
one takes: a call with other arguments or on several records where one is
meant gets a clear, translated UserError, a value that is not what a parameter
takes a ValidationError, before the method runs."""

import functools
import inspect
import math
from numbers import Real

from odoo.exceptions import UserError, ValidationError

# Phone times (milliseconds since 1970, as the Geolocation API gives them)
# between 2000-01-01 and 2100-01-01: anything else is no time.
PHONE_TIME_RANGE_MS = (946684800000, 4102444800000)
# Nothing is less precise than half the Earth's circumference, in metres.
MAX_ACCURACY_M = 20_000_000


def client_action(single=False, **converters):
    """Decorates a public method: `single` when it works on one record at a
    time; each keyword names a parameter and the converter that checks its
    value, `converter(env, value)`, returning the value to use or raising."""

    def decorate(method):
        signature = inspect.signature(method)
        unknown = set(converters) - set(signature.parameters)
        assert not unknown, f"{method.__qualname__} has no parameters {unknown}"

        @functools.wraps(method)
        def checked(self, *args, **kwargs):
            try:
                bound = signature.bind(self, *args, **kwargs)
            except TypeError as error:
                raise UserError(
                    self.env._(
                        "The action %(action)s was called with arguments it does "
                        "not take (%(detail)s).",
                        action=method.__name__,
                        detail=error,
                    )
                ) from error
            if single and len(self) != 1:
                raise UserError(
                    self.env._(
                        "The action %(action)s works on one record at a time, "
                        "not %(count)s.",
                        action=method.__name__,
                        count=len(self),
                    )
                )
            for name, convert in converters.items():
                if name in bound.arguments:
                    bound.arguments[name] = convert(self.env, bound.arguments[name])
            return method(*bound.args, **bound.kwargs)

        checked.client_action = True
        return checked

    return decorate


def _finite_number(env, value, label):
    # bool is an int in Python, but True is no coordinate
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValidationError(
            env._("The %(what)s %(value)r is not a number.", what=label, value=value)
        )
    if not math.isfinite(value):
        raise ValidationError(
            env._(
                "The %(what)s must be a finite number, not %(value)s.",
                what=label,
                value=value,
            )
        )
    return float(value)


def _coordinate(limit, label):
    """A converter of a coordinate in degrees, between -limit and limit."""

    def convert(env, value):
        number = _finite_number(env, value, label(env))
        if not -limit <= number <= limit:
            raise ValidationError(
                env._(
                    "A %(what)s is between -%(limit)s and %(limit)s, not %(value)s.",
                    what=label(env),
                    limit=limit,
                    value=number,
                )
            )
        return number

    return convert


to_latitude = _coordinate(90, lambda env: env._("latitude"))
to_longitude = _coordinate(180, lambda env: env._("longitude"))


def to_position(env, value):
    """A position as [latitude, longitude], or None."""
    if value in (None, False):
        return None
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValidationError(
            env._(
                "A position is a latitude and a longitude, not %(value)r.",
                value=value,
            )
        )
    return to_latitude(env, value[0]), to_longitude(env, value[1])


def to_accuracy(env, value):
    """The accuracy of a position in metres; none given counts as 0."""
    if value is None:
        return 0.0
    number = _finite_number(env, value, env._("accuracy"))
    if not 0 <= number <= MAX_ACCURACY_M:
        raise ValidationError(
            env._(
                "A position's accuracy is between 0 and %(limit)s m, not %(value)s.",
                limit=MAX_ACCURACY_M,
                value=number,
            )
        )
    return number


def to_phone_time(env, value):
    """The phone's own time in milliseconds since 1970, or None."""
    if value in (None, False):
        return None
    number = _finite_number(env, value, env._("phone time"))
    low, high = PHONE_TIME_RANGE_MS
    if not low <= number <= high:
        raise ValidationError(
            env._("The phone's time %(time)s is not a time.", time=value)
        )
    return number


# The raw facts of a check-in or check-out the phone sends: its position, the
# fix's accuracy and its own time.
PHONE_POSITION = {
    "latitude": to_latitude,
    "longitude": to_longitude,
    "accuracy": to_accuracy,
    "client_time": to_phone_time,
}
