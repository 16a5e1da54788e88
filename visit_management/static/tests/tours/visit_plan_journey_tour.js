import { registry } from "@web/core/registry";
import { formatDateTime } from "@web/core/l10n/dates";
import { clickHeaderButton, screenshot } from "./tour_utils";

const { DateTime } = luxon;

// The monthly plan, from the rep's draft to the manager's approval: the rep
// plans a visit next month and submits; the manager rejects with a reason; the
// rep revises and resubmits; the manager approves. One tour per user.

// Adds a visit to Huadong on that day of next month, in the list (on a phone
// the customer is chosen in a search dialog).
function planVisit(day, place) {
    const row = (field) =>
        `.o_selected_row .o_field_widget[name='${field}'] input`;
    return [
        {
            trigger: ".o_form_view .o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            content: "plan a visit",
            run: "click",
        },
        {
            trigger: row("planned_datetime"),
            content: `on the ${day}th of next month, at 10:00`,
            run(helpers) {
                const when = DateTime.now().plus({ months: 1 }).set({ day, hour: 10, minute: 0 });
                return helpers.edit(formatDateTime(when.startOf("minute")));
            },
        },
        {
            trigger: row("partner_id"),
            run: "edit Huadong",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Huadong Trading Co.'), .modal .o_kanban_record:contains('Huadong Trading Co.')",
            run: "click",
        },
        {
            trigger: row("place"),
            run: `edit ${place}`,
        },
    ];
}

registry.category("web_tour.tours").add("visit_management_plan_submit_tour", {
    steps: () => [
        {
            trigger: ".o_control_panel button.o-kanban-button-new",
            content: "start next month's plan",
            run: "click",
        },
        ...planVisit(10, "Huadong's office"),
        ...screenshot("plan_form"),
        ...clickHeaderButton("action_submit", "submit the plan to the manager"),
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_reset_to_draft']",
            content: "the plan is submitted",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_plan_reject_tour", {
    steps: () => [
        {
            trigger: ".o_data_row:contains('Li Ming') td[name='name'], .o_kanban_record:contains('Li Ming')",
            content: "open the plan to approve",
            run: "click",
        },
        ...clickHeaderButton("action_reject", "reject it", { more: true }),
        {
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Plan a second visit to Huadong: they are an A customer.",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_form_view .alert-danger:contains('Plan a second visit')",
            content: "the plan is rejected with the reason",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_plan_revise_tour", {
    steps: () => [
        {
            trigger: ".o_kanban_record:contains('Li Ming')",
            content: "open the rejected plan",
            run: "click",
        },
        {
            trigger: ".o_form_view .alert-danger:contains('Plan a second visit')",
            content: "the manager's reason",
        },
        ...clickHeaderButton("action_reset_to_draft", "revise the plan"),
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit']",
            content: "the plan is a draft again",
        },
        ...planVisit(24, "Huadong's warehouse"),
        ...clickHeaderButton("action_submit", "submit it again"),
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_reset_to_draft']",
            content: "the plan is submitted again",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_plan_approve_tour", {
    steps: () => [
        {
            trigger: ".o_data_row:contains('Li Ming') td[name='name'], .o_kanban_record:contains('Li Ming')",
            content: "open the resubmitted plan",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='submission_count']:contains('2')",
            content: "submitted twice",
        },
        ...screenshot("plan_review"),
        ...clickHeaderButton("action_approve", "approve it"),
        {
            trigger: ".o_form_view .o_field_widget[name='completion_rate']",
            content: "the plan is approved: its completion is followed",
        },
    ],
});
