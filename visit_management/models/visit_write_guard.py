# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# The addons whose fields the guard covers on models they extend.
ADDON_PREFIX = "visit_management"
# Odoo's chatter sets it as the user who posts a file, on any record they may read.
ALWAYS_WRITABLE = frozenset({"message_main_attachment_id"})


class VisitWriteGuard(models.AbstractModel):
    """Which fields a user may write on a workflow record, by allow-list.

    Each model lists, per state, the fields a user with write access may set
    (`_user_fields`), and those the reviewer may also set (`_reviewer_fields`);
    the key "create" lists what a user may give a new record. Every other field is
    the server's: only its own actions write it, as superuser, after their checks.
    A field added later is refused until someone allows it. Lines of a document
    (`_guard_parent` names their document) follow the document's state."""

    _name = "visit.write.guard"
    _inherit = ["visit.typed.values"]
    _description = "Fields Users May Write by State"
    _user_fields = {}
    _reviewer_fields = {}
    _guard_parent = ""
    # A new record's reference (name) comes from the sequence of the model's name.
    _numbered = False

    def _guard_state(self):
        """The record's state, its document's for a line; "open" for a model
        without states."""
        self.ensure_one()
        record = self[self._guard_parent] if self._guard_parent else self
        return record.state if "state" in record._fields else "open"

    def _typed_scope(self, names):
        return self._guard_scope(names)

    def _guard_scope(self, names):
        """The guarded fields among these: all of a model of the addons; of a
        model they extend (contacts, sale orders), the fields they add, the rest
        being that model's own business."""
        if self._original_module.startswith(ADDON_PREFIX):
            return set(names)
        return {
            name
            for name in names
            if any(
                module.startswith(ADDON_PREFIX)
                for module in getattr(self._fields.get(name), "_modules", ())
            )
        }

    def _guard_reviews(self):
        """Whether the current user reviews this record: a line's reviewer is
        its document's. Overridden by the documents that are reviewed."""
        if self._guard_parent:
            parent = self[self._guard_parent]
            return bool(parent) and parent._guard_reviews()
        return False

    def _guard_writable(self, state):
        allowed = set(self._user_fields.get(state, ())) | ALWAYS_WRITABLE
        if state in self._reviewer_fields and self._guard_reviews():
            allowed |= set(self._reviewer_fields.get(state, ()))
        return allowed

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                self._guard_new(vals)
            if self._numbered and vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._name) or "/"
        return super().create(vals_list)

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        guarded = self._guard_scope(vals)
        for record in self if guarded else ():
            record._guard_check(guarded, record._guard_state())
        result = super().write(vals)
        self._guard_log_reviewed_changes(guarded - ALWAYS_WRITABLE)
        return result

    def _lock_for_step(self):
        """Locks the rows before a workflow step checks their state, waiting
        for a transaction that changes them. Once that one has committed, this
        one can no longer serialize: the dispatcher (service.model.retrying)
        replays the request, which then finds the step done and says so in the
        workflow's own words, not with a database error further on."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                    SQL.identifier(self._table),
                    tuple(self.ids),
                )
            )
        self.invalidate_recordset()

    def _guard_log_reviewed_changes(self, names):
        """What is changed once a document is submitted (by its reviewer) goes
        in the document's chatter: the rep sees what the manager changed."""
        if not names:
            return
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        for record in self:
            if record._guard_state() not in self._reviewer_fields:
                continue
            document = record[self._guard_parent] if self._guard_parent else record
            if "state" not in document._fields or not hasattr(document, "message_post"):
                continue
            document.message_post(
                body=self.env._(
                    "%(user)s changed %(fields)s of %(record)s after submission.",
                    user=self.env.user.name,
                    fields=labels,
                    record=record.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def unlink(self):
        """Removing a line changes its document: allowed when the document's
        lines may change."""
        if self._guard_parent and not self.env.su:
            lines_field = self._guard_lines_field()
            for parent in self[self._guard_parent]:
                parent._guard_check({lines_field}, parent._guard_state())
        return super().unlink()

    def _guard_lines_field(self):
        parent_fields = self[self._guard_parent]._fields.values()
        return next(
            field.name
            for field in parent_fields
            if field.type == "one2many"
            and field.comodel_name == self._name
            and field.inverse_name == self._guard_parent
        )

    def _guard_new(self, vals):
        """A new record may carry the defaults and empty values of any field (a
        form sends them) and the fields of "create"; a new line, its document
        and the fields of its document's state."""
        state = "create"
        probe = self
        if self._guard_parent:
            # the document given, or the one the context gives by default
            parent_id = vals.get(self._guard_parent) or self.default_get(
                [self._guard_parent]
            ).get(self._guard_parent)
            parent = self[self._guard_parent].browse(parent_id)
            probe = self.new({self._guard_parent: parent.id})
            state = parent.exists() and parent._guard_state() or state
        given = (
            self._guard_scope(vals)
            - probe._guard_writable(state)
            - {self._guard_parent}
        )
        defaults = self.default_get(list(given))
        probe._guard_check(
            {
                name
                for name in given
                if vals[name] != defaults.get(name)
                # an empty value, except on a computed field (it would stop
                # the server from computing it)
                and (
                    vals[name] or name not in self._fields or self._fields[name].compute
                )
            },
            state,
        )

    def _guard_check(self, names, state):
        """Refuses, with the reason, the fields the user may not write here."""
        refused = set(names) - self._guard_writable(state)
        if not refused:
            return
        labels = ", ".join(
            sorted(
                self._fields[name]._description_string(self.env)
                if name in self._fields
                else name
                for name in refused
            )
        )
        ever_writable = {
            name
            for lists in (self._user_fields, self._reviewer_fields)
            for names in lists.values()
            for name in names
        }
        if not refused & ever_writable:
            raise UserError(
                self.env._(
                    "%(fields)s of a %(document)s is recorded by the server: it "
                    "changes only with the document's buttons.",
                    fields=labels,
                    document=self._description,
                )
            )
        if state == "create":
            raise UserError(
                self.env._(
                    "You cannot set %(fields)s on a new %(document)s.",
                    fields=labels,
                    document=self._description,
                )
            )
        governing = self[self._guard_parent] if self._guard_parent else self
        if "state" not in governing._fields:
            raise UserError(
                self.env._(
                    "You cannot change %(fields)s on %(record)s.",
                    fields=labels,
                    record=self.display_name,
                )
            )
        state_labels = dict(governing._fields["state"]._description_selection(self.env))
        raise UserError(
            self.env._(
                "%(record)s is %(state)s: you cannot change %(fields)s now.",
                record=governing.display_name,
                state=state_labels.get(state, state),
                fields=labels,
            )
        )
