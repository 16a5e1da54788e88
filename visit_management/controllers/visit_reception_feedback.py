# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

# HTTP status of each refusal of the feedback page.
REFUSAL_STATUS = {"invalid": 404, "not_done": 403, "answered": 403, "expired": 403}
# What the page's comment box takes (its maxlength): a visitor's few lines.
COMMENT_MAX_LENGTH = 2000


class VisitReceptionFeedback(http.Controller):
    """The page where visitors rate their visit, without an account: the link
    carries an unguessable token; one answer per visit."""

    @http.route(
        "/visit/reception/<int:reception_id>/feedback/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def reception_feedback(self, reception_id, token, **post):
        reception = request.env["visit.reception"].sudo().browse(reception_id).exists()
        refusal = reception._feedback_refusal(token)
        if refusal:
            return self._refused(refusal)
        # the field's own labels, in the visitor's language; best first, no "Not Rated"
        selection = reception._fields["satisfaction"]._description_selection(
            request.env
        )
        values = {
            "reception": reception,
            "token": token,
            "error": False,
            "comment_max_length": COMMENT_MAX_LENGTH,
            "choices": [choice for choice in reversed(selection) if choice[0] != "0"],
        }
        if request.httprequest.method != "POST":
            return request.render("visit_management.reception_feedback_page", values)
        try:
            satisfaction = int(post.get("satisfaction") or 0)
        except ValueError:
            satisfaction = 0
        comment = (post.get("comment") or "").strip()
        error = (
            "satisfaction"
            if not 1 <= satisfaction <= 5
            else "comment"
            if len(comment) > COMMENT_MAX_LENGTH
            else False
        )
        if error:
            values.update(error=error, comment=comment[:COMMENT_MAX_LENGTH])
            return request.render(
                "visit_management.reception_feedback_page", values, status=400
            )
        refusal = reception._record_visitor_feedback(token, satisfaction, comment)
        if refusal:
            return self._refused(refusal)
        return request.render(
            "visit_management.reception_feedback_thanks", {"reception": reception}
        )

    def _refused(self, reason):
        return request.render(
            "visit_management.reception_feedback_refused",
            {"reason": reason},
            status=REFUSAL_STATUS[reason],
        )
