# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meetings that visits put in calendars email nobody."""


def quiet_calendar_events(env):
    """calendar.event as the superuser, with Odoo's switches that keep it from
    emailing: its invitations to the attendees on create, on a new attendee and
    on a new time (`no_mail_to_attendees`), and the "assigned to you"
    notification of the meeting activity it puts on the visit
    (`mail_activity_quick_update`). The visits tell the people involved
    themselves; a user who wants to invite someone does it from the meeting."""
    return (
        env["calendar.event"]
        .sudo()
        .with_context(no_mail_to_attendees=True, mail_activity_quick_update=True)
    )
