import { registry } from "@web/core/registry";
import { formatDate, formatDateTime } from "@web/core/l10n/dates";
import { clickHeaderButton, screenshot } from "./tour_utils";

const { DateTime } = luxon;

// The visit report, from today's visit to the manager's approval: the rep opens
// today's visit from the route sheet, checks in (the page gets a position 300 m
// from the customer), writes the report with a commitment and submits; the
// manager returns it; the rep completes it and submits again; the manager
// approves. One tour per user.

function openReviewedReport() {
    return {
        trigger: ".o_data_row:contains('Huadong Trading Co.') td[name='partner_id'], .o_kanban_record:contains('Huadong Trading Co.')",
        content: "open the report to review",
        run: "click",
    };
}

registry.category("web_tour.tours").add("visit_management_report_write_tour", {
    steps: () => [
        {
            trigger: ".o_visit_today .o_kanban_record:contains('Huadong Trading Co.')",
            content: "the app opens on today's visits",
        },
        ...screenshot("today"),
        {
            trigger: ".o_visit_today .o_kanban_record:contains('Huadong Trading Co.') .o_visit_today_report",
            content: "open the visit's report",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_visit_check_in",
            content: "give the page a position, then check in",
            run(helpers) {
                navigator.geolocation.getCurrentPosition = (success) =>
                    success({ coords: { latitude: 31.2331, longitude: 121.4737, accuracy: 12 } });
                return helpers.click();
            },
        },
        {
            trigger: ".o_form_view .o_field_widget[name='in_place'] input:checked",
            content: "the rep is in place",
        },
        {
            trigger: ".o_form_view .o_visit_check_out",
            content: "leaving the customer, the rep checks out",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='checkout_method']",
            content: "the check-out is recorded",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='end_datetime'] input",
            content: "the visit ends in a minute",
            async run(helpers) {
                await helpers.edit(formatDateTime(DateTime.now().plus({ minutes: 1 }).startOf("minute")));
                await helpers.press("Enter");
            },
        },
        {
            trigger: ".o_form_view .o_notebook a[name='commitments']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='commitment_ids'] .o_field_x2many_list_row_add a",
            content: "promise something",
            run: "click",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name='name'] input",
            run: "edit Send the price list of the new model",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name='deadline'] input",
            content: "within a week",
            run(helpers) {
                return helpers.edit(formatDate(DateTime.now().plus({ days: 7 })));
            },
        },
        {
            trigger: ".o_form_view .o_notebook a[name='needs']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='customer_needs'] .odoo-editor-editable",
            content: "what the customer needs",
            run: "editor They need 200 units of the new model before the Spring Festival.",
        },
        ...screenshot("report_form"),
        ...clickHeaderButton("action_submit", "submit the report"),
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_submit']))",
            content: "the report is submitted",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_report_return_tour", {
    steps: () => [
        {
            trigger: ".o_data_row:contains('Huadong Trading Co.'), .o_kanban_record:contains('Huadong Trading Co.')",
        },
        ...screenshot("reports_to_review"),
        openReviewedReport(),
        ...clickHeaderButton("action_return", "return it", { more: true }),
        {
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Say what they thought of our prices.",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_form_view .alert-danger:contains('what they thought')",
            content: "the report is returned with the reason",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_report_fix_tour", {
    steps: () => [
        {
            trigger: ".o_kanban_record:contains('Huadong Trading Co.')",
            content: "open the returned report",
            run: "click",
        },
        {
            trigger: ".o_form_view .alert-danger:contains('what they thought')",
            content: "the manager's reason",
        },
        {
            trigger: ".o_form_view .o_notebook a[name='opinions']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='opinions'] .odoo-editor-editable",
            run: "editor Our prices are 5% above the competitor's, but our delivery is faster.",
        },
        ...clickHeaderButton("action_submit", "submit it again"),
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_submit']))",
            content: "the report is submitted again",
        },
    ],
});

registry.category("web_tour.tours").add("visit_management_report_approve_tour", {
    steps: () => [
        openReviewedReport(),
        {
            trigger: ".o_form_view .o_notebook a[name='opinions']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='opinions']:contains('5% above')",
            content: "the answer is there",
        },
        ...clickHeaderButton("action_approve", "approve it"),
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_approve']))",
            content: "the report is approved",
        },
    ],
});
