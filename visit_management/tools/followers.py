# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who hears of what happens on a document: its followers, by the subtypes each
keeps (mail_message_subtype_data.xml)."""

from odoo.tools import SQL


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
    user id) as Odoo's activities do, with the model's default subtypes (the
    external ones for a portal user), in one statement: Odoo subscribes each
    assignee with queries of their own. Those following already keep their
    subtypes; archived people follow nothing."""
    if not pairs:
        return
    default, _internal, external = env["mail.message.subtype"].default_subtypes(model)
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            WITH wanted(res_id, user_id) AS (
                SELECT * FROM unnest(%(res_ids)s::int[], %(user_ids)s::int[])
            ),
            followers AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT DISTINCT %(model)s, w.res_id, u.partner_id
                  FROM wanted w
                  JOIN res_users u ON u.id = w.user_id
                  JOIN res_partner p ON p.id = u.partner_id AND p.active
                 ORDER BY 2, 3
                    ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
             RETURNING id, partner_id
            )
            INSERT INTO mail_followers_mail_message_subtype_rel (
                mail_followers_id, mail_message_subtype_id)
            SELECT f.id, s.id
              FROM followers f
              JOIN res_partner p ON p.id = f.partner_id
             CROSS JOIN unnest(CASE WHEN p.partner_share THEN %(external)s::int[]
                                    ELSE %(default)s::int[] END) s(id)
            """,
            res_ids=[res_id for res_id, _user_id in pairs],
            user_ids=[user_id for _res_id, user_id in pairs],
            model=model,
            external=external.ids,
            default=default.ids,
        )
    )
    env["mail.followers"].invalidate_model()
