# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who hears of what happens on a document: its followers, by the subtypes each
keeps (mail_message_subtype_data.xml)."""


def follow(record, partners, role_subtype_xmlid=None):
    """The partners not following the record yet follow it with the model's
    default subtypes; those following it already keep the subtypes they chose.
    A role's subtype (a manager's urgent matters) is added to theirs: people
    told by their role do not opt out of it."""
    record = record.sudo()
    newcomers = partners - record.message_partner_ids
    if newcomers:
        record.message_subscribe(newcomers.ids)
    if role_subtype_xmlid and partners:
        subtype = record.env.ref(role_subtype_xmlid)
        record.env["mail.followers"]._insert_followers(
            record._name,
            record.ids,
            partners.ids,
            subtypes=dict.fromkeys(partners.ids, subtype.ids),
            existing_policy="update",
        )


def post_to_followers(record, body, subtype_xmlid, partners, role=False, **values):
    """Posts on the record under the subtype, the partners following it first
    (with that subtype when they are told by their role): the followers who
    keep that subtype are notified, and no one else."""
    follow(record, partners, subtype_xmlid if role else None)
    return record.message_post(
        body=body, subtype_xmlid=subtype_xmlid, message_type="comment", **values
    )
