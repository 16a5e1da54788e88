import {registry} from "@web/core/registry";
import {formatDate} from "@web/core/l10n/dates";
import {utils as uiUtils} from "@web/core/ui/ui_service";
import {
  clickHeaderButton,
  closeNotifications,
  phoneAt,
  sameCheckInMessage,
  screenshot,
} from "./tour_utils";

const {DateTime} = luxon;

// The visit report, from today's visit to the manager's approval: the rep opens
// today's visit from the route sheet, checks in (the page gets a position 300 m
// from the customer), writes the report with a commitment and submits; the
// manager returns it; the rep completes it and submits again; the manager
// approves. One tour per user.

function openReviewedReport() {
  return {
    trigger:
      ".o_data_row:contains('Huadong Trading Co.') td[name='partner_id'], .o_kanban_record:contains('Huadong Trading Co.')",
    content: "open the report to review",
    run: "click",
  };
}

// A commitment within a week: a line of the list on a desktop, a card written
// in a dialog on a phone.
function addCommitment(text) {
  const field = ".o_form_view .o_field_widget[name='commitment_ids']";
  const deadline = {
    content: "within a week",
    run(helpers) {
      return helpers.edit(formatDate(DateTime.now().plus({days: 7})));
    },
  };
  if (uiUtils.isSmall()) {
    return [
      {
        trigger: `${field} .o-kanban-button-new`,
        content: "promise something",
        run: "click",
      },
      {trigger: ".modal .o_field_widget[name='name'] input", run: `edit ${text}`},
      {trigger: ".modal .o_field_widget[name='deadline'] input", ...deadline},
      {trigger: ".modal .o_form_button_save", run: "click"},
      {trigger: "body:not(:has(.modal))"},
      {
        trigger: `${field} .o_kanban_record:contains('${text}')`,
        content: "the commitment reads in full on its card",
      },
    ];
  }
  return [
    {
      trigger: `${field} .o_field_x2many_list_row_add a`,
      content: "promise something",
      run: "click",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='name'] input",
      run: `edit ${text}`,
    },
    {trigger: ".o_selected_row .o_field_widget[name='deadline'] input", ...deadline},
  ];
}

registry.category("web_tour.tours").add("visit_management_report_write_tour", {
  steps: () => [
    {
      trigger: ".o_visit_today .o_kanban_record:contains('Huadong Trading Co.')",
      content: "the app opens on today's visits",
    },
    ...screenshot("today"),
    {
      trigger:
        ".o_visit_today .o_kanban_record:contains('Huadong Trading Co.') .o_visit_today_report",
      content: "open the visit's report",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_visit_check_in",
      content: "still in the car, 2 km away, the rep checks in",
      run(helpers) {
        phoneAt(31.2484, 121.4737);
        return helpers.click();
      },
    },
    sameCheckInMessage(
      "warning",
      "the page and the form say the check-in is outside the zone"
    ),
    {
      trigger: ".o_form_view .o_visit_check_in:enabled",
      content:
        "at the customer's door, 300 m from its position, the rep checks in again",
      run(helpers) {
        phoneAt(31.2331, 121.4737);
        return helpers.click();
      },
    },
    sameCheckInMessage("success", "in place, and the page says it as the form does"),
    {
      trigger:
        ".o_form_view div[name='times_mismatch'] button[name='action_use_check_in_times']",
      content: "the planned start is two hours before the check-in",
    },
    ...screenshot("check_in_verdict"),
    {
      trigger: ".o_form_view .o_visit_check_out",
      content: "leaving the customer, the rep checks out",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='end_datetime'] input:value()",
      content: "the check-out proposes the visit's end",
    },
    {
      trigger:
        ".o_form_view div[name='times_mismatch'] button[name='action_use_check_in_times']",
      content: "take the check-in and check-out times as the visit's",
      run: "click",
    },
    {
      trigger: ".o_form_view:not(:has(div[name='times_mismatch']:visible))",
      content: "the times agree",
    },
    {
      trigger: ".o_form_view .o_notebook a[name='commitments']",
      run: "click",
    },
    ...addCommitment("Send the price list of the new model"),
    ...closeNotifications(),
    ...screenshot("report_commitments", {scrollTo: ".o_form_view .o_notebook"}),
    {
      trigger: ".o_form_view .o_notebook a[name='needs']",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='customer_needs'] .odoo-editor-editable",
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
      trigger:
        ".o_data_row:contains('Huadong Trading Co.'), .o_kanban_record:contains('Huadong Trading Co.')",
    },
    ...screenshot("reports_to_review"),
    openReviewedReport(),
    ...clickHeaderButton("action_return", "return it", {more: true}),
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
      trigger: ".o_form_view .o_notebook a[name='check_in_facts']",
      content: "the manager looks at the check-ins",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='check_in_ids'] :is(.o_data_row, .o_kanban_record:not(.o_kanban_ghost)):nth-child(3)",
      content: "both check-ins and the check-out are kept",
    },
    ...screenshot("check_in_history", {scrollTo: ".o_form_view .o_notebook"}),
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
      trigger:
        ".o_form_view .o_form_statusbar:not(:has(button[name='action_approve']))",
      content: "the report is approved",
    },
  ],
});
