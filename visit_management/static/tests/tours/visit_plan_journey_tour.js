import {registry} from "@web/core/registry";
import {formatDateTime} from "@web/core/l10n/dates";
import {utils as uiUtils} from "@web/core/ui/ui_service";
import {clickHeaderButton, screenshot} from "./tour_utils";

const {DateTime} = luxon;

// The monthly plan, from the rep's draft to the manager's approval: the rep
// plans a visit next month and submits; the manager rejects with a reason; the
// rep revises and resubmits; the manager approves. One tour per user.

// Adds a visit to a customer (found by typing `search`) on that day of next
// month: in the list on a desktop; on a phone the planned visits are cards,
// and a visit is added in a dialog, where the customer is chosen in a search
// dialog.
function planVisit(
  day,
  place,
  {search = "Huadong", customer = "Huadong Trading Co."} = {}
) {
  const small = uiUtils.isSmall();
  const scope = small ? ".modal .o_form_view" : ".o_selected_row";
  const input = (field) => `${scope} .o_field_widget[name='${field}'] input`;
  return [
    {
      trigger: small
        ? ".o_form_view .o_field_widget[name='line_ids'] .o-kanban-button-new"
        : ".o_form_view .o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
      content: "plan a visit",
      run: "click",
    },
    {
      trigger: input("planned_datetime"),
      content: `on the ${day}th of next month, at 10:00`,
      run(helpers) {
        const when = DateTime.now().plus({months: 1}).set({day, hour: 10, minute: 0});
        return helpers.edit(formatDateTime(when.startOf("minute")));
      },
    },
    {
      trigger: input("partner_id"),
      run: `edit ${search}`,
    },
    {
      trigger: `.o-autocomplete--dropdown-item a:contains('${customer}'), .modal .o_kanban_record:contains('${customer}')`,
      run: "click",
    },
    {
      trigger: `${scope} .o_field_widget[name='partner_id']:has(input:value('${customer}'))`,
      content: "the customer is chosen",
    },
    {
      trigger: input("place"),
      run: `edit ${place}`,
    },
    ...(small
      ? [
          {
            trigger: ".modal .modal-footer .o_form_button_save",
            content: "keep the visit",
            run: "click",
          },
          {
            trigger: `.o_form_view .o_field_widget[name='line_ids'] .o_kanban_record:contains('${customer}')`,
            content: "the visit is a card with the customer's full name",
          },
        ]
      : []),
  ];
}

// Two customers whose names start alike: the cards show the whole name.
const PRECISION = "上海中宇精密机械制造有限公司";
const LOGISTICS = "上海中宇国际物流有限公司";

registry.category("web_tour.tours").add("visit_management_plan_submit_tour", {
  steps: () => [
    {
      trigger: ".o_control_panel button.o-kanban-button-new",
      content: "start next month's plan",
      run: "click",
    },
    {
      trigger: ".o_form_view .alert-warning:contains('Huadong Trading Co.')",
      content: "New opens next month's plan the reminder made ready, not a second one",
      run() {
        if (window.location.pathname.endsWith("/new")) {
          throw new Error(`New opened a new plan: ${window.location.pathname}`);
        }
      },
    },
    ...screenshot("plan_new"),
    ...planVisit(10, "Huadong's office"),
    ...screenshot("plan_form"),
    ...planVisit(12, "Songjiang plant", {search: "中宇", customer: PRECISION}),
    {
      trigger: ".o_form_view .o_form_button_save",
      content: "save the plan",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
      content: "the plan is saved",
    },
    ...screenshot("plan_lines", {
      scrollTo: ".o_form_view .o_field_widget[name='line_ids']",
    }),
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
      trigger:
        ".o_data_row:contains('Li Ming') td[name='name'], .o_kanban_record:contains('Li Ming')",
      content: "open the plan to approve",
      run: "click",
    },
    ...clickHeaderButton("action_reject", "reject it", {more: true}),
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
      trigger:
        ".o_data_row:contains('Li Ming') td[name='name'], .o_kanban_record:contains('Li Ming')",
      content: "open the resubmitted plan",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='submission_count']:contains('2')",
      content: "submitted twice",
    },
    {
      trigger: `.o_form_view .alert-warning .o_field_widget[name='uncovered_partner_ids']:contains('${LOGISTICS}')`,
      content: "the manager sees the customers the plan leaves out before deciding",
    },
    ...screenshot("plan_review"),
    ...screenshot("plan_uncovered"),
    ...clickHeaderButton("action_approve", "approve it"),
    {
      trigger: ".o_form_view .o_field_widget[name='completion_rate']",
      content: "the plan is approved: its completion is followed",
    },
  ],
});

// The manager's view of the team's day: one card per rep, with the rep's name.
registry.category("web_tour.tours").add("visit_management_team_today_tour", {
  steps: () => [
    {
      trigger: ".o_kanban_record:contains('Li Ming')",
      content: "each rep of the team has a card with their name",
    },
    ...screenshot("team_today"),
  ],
});
