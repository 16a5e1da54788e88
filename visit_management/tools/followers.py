# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who hears of what happens on a document: its followers, by the subtypes each
keeps (mail_message_subtype_data.xml)."""

from odoo import Command


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


def subscribe_each(env, model, pairs):
    """Subscribes each user to their record of `model` (pairs of record id and
    user) as Odoo's activities do, with the model's default subtypes, all at
    once (Odoo subscribes each assignee with queries of their own). Returns the
    subscriptions now in place, {(model, record id, partner id)}: told to
    Odoo's activities in the context (`visit_subscribed`, see
    mail.thread.message_subscribe), they are not made again."""
    wanted = {
        (record_id, user.partner_id)
        for record_id, user in pairs
        if user.partner_id.active
    }
    if not wanted:
        return frozenset()
    Followers = env["mail.followers"].sudo()
    existing = {
        (follower.res_id, follower.partner_id)
        for follower in Followers.search_fetch(
            [
                ("res_model", "=", model),
                ("res_id", "in", list({record_id for record_id, _p in wanted})),
                ("partner_id", "in", list({p.id for _id, p in wanted})),
            ],
            ["res_id", "partner_id"],
        )
    }
    default, _internal, external = env["mail.message.subtype"].default_subtypes(model)
    Followers.create(
        [
            {
                "res_model": model,
                "res_id": record_id,
                "partner_id": partner.id,
                "subtype_ids": [
                    Command.set((external if partner.partner_share else default).ids)
                ],
            }
            for record_id, partner in sorted(
                wanted - existing, key=lambda pair: (pair[0], pair[1].id)
            )
        ]
    )
    return frozenset((model, record_id, partner.id) for record_id, partner in wanted)
