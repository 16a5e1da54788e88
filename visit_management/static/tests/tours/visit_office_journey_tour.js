import {registry} from "@web/core/registry";
import {formatDateTime} from "@web/core/l10n/dates";
import {clickHeaderButton, screenshot} from "./tour_utils";

const {DateTime} = luxon;

// Chooses a record in a many2one field of the form.
function pick(field, search, name, scope = ".o_form_view") {
  return [
    {trigger: `${scope} .o_field_widget[name='${field}'] input`, run: `edit ${search}`},
    {trigger: `.o-autocomplete--dropdown-item a:contains('${name}')`, run: "click"},
  ];
}

// Types a time of today (UTC, as the test's bookings) into a datetime field.
function todayAt(field, hour, minute) {
  return {
    trigger: `.o_form_view .o_field_widget[name='${field}'] input`,
    async run(helpers) {
      const when = DateTime.utc().set({hour, minute}).startOf("minute").toLocal();
      await helpers.edit(formatDateTime(when));
      await helpers.press("Enter");
    },
  };
}

// The front desk sees the rooms' calendar, then books Huadong's visit for the
// host in the Huangshan room, which another confirmed visit holds then:
// confirming is refused with the reason; in the Taishan room it is confirmed.
// The visitors are checked in, the visit closed and the feedback recorded.
registry.category("web_tour.tours").add("visit_management_reception_journey_tour", {
  steps: () => [
    {
      trigger: ".o_calendar_view .fc-event:contains('Xibei Supplies')",
      content: "the rooms' calendar shows the booked rooms",
    },
    ...screenshot("reception_rooms"),
    {
      trigger: ".o_control_panel .o_switch_view.o_list",
      content: "the rooms one by one",
      run: "click",
    },
    {
      trigger: ".o_list_view .o_group_header:contains('Huangshan')",
      content: "a group per room",
    },
    {
      trigger: ".o_list_view .o_data_row:contains('Xibei Supplies')",
      content: "each room lists its bookings",
    },
    ...screenshot("reception_rooms_list"),
    {
      trigger:
        ".o_navbar [data-menu-xmlid='visit_management.visit_management_menu_reception']",
      run: "click",
    },
    {
      trigger:
        ".dropdown-item[data-menu-xmlid='visit_management.visit_reception_menu']",
      content: "go to the bookings",
      run: "click",
    },
    {
      trigger: ".o_kanban_record:contains('Xibei Supplies') .fa-users",
      content: "the card counts the visitors with an icon",
    },
    ...screenshot("reception_board"),
    {
      trigger: ".o_control_panel button.o-kanban-button-new",
      content: "book a visit",
      run: "click",
    },
    ...pick("partner_id", "Huadong", "Huadong Trading Co.", ".o_form_view .oe_title"),
    todayAt("start_datetime", 10, 30),
    todayAt("stop_datetime", 11, 30),
    ...pick("room_id", "Huang", "Huangshan"),
    ...pick("user_id", "Li Ming", "Li Ming"),
    ...pick("team_id", "East", "East China Sales"),
    {
      trigger:
        ".o_form_view .o_field_widget[name='visitor_ids'] .o_field_x2many_list_row_add a",
      content: "register the visitor",
      run: "click",
    },
    ...pick("partner_id", "Wang", "Wang Wei", ".o_selected_row"),
    {
      trigger: ".o_selected_row .o_field_widget[name='name'] input:value(Wang Wei)",
    },
    ...screenshot("reception_form"),
    ...clickHeaderButton("action_confirm", "confirm the booking"),
    {
      trigger: ".modal .modal-body:contains('Huangshan'):contains('Li Ming')",
      content: "the room is taken: the other booking and its host are named",
    },
    {
      trigger: ".modal .modal-footer .btn-primary",
      content: "close the message",
      run: "click",
    },
    ...pick("room_id", "Tai", "Taishan"),
    ...clickHeaderButton("action_confirm", "confirm it in the other room"),
    ...clickHeaderButton("action_check_in", "the visitors arrive: check them in"),
    {
      trigger: ".modal .modal-footer .btn-primary",
      content: "their details are confirmed",
      run: "click",
    },
    ...clickHeaderButton("action_done", "the visitors left"),
    {
      trigger: ".o_form_view .o_visit_feedback_base_url:contains('web.base.url')",
      content: "the front desk is told the link does not open outside this machine",
    },
    {
      trigger:
        ".o_form_view .o_statusbar_buttons button[name='action_send_feedback_sms']",
      content: "the link can go by text message from the front desk's phone",
    },
    ...screenshot("reception_feedback_link"),
    {
      trigger: ".o_form_view .o_notebook a[name='after']",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='feedback_comment'] textarea",
      run: "edit The demonstration convinced them.",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='satisfaction'] .o_priority_star:eq(3)",
      content: "the visitors were satisfied (the stars save the form)",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='feedback_by']:not(:empty)",
      content: "the feedback is the host's",
    },
  ],
});

// The manager opens the assessments of the team's reps, month by month.
registry.category("web_tour.tours").add("visit_management_assessment_pivot_tour", {
  steps: () => [
    {
      trigger: ".o_pivot_view .o_pivot th:contains('East China Sales')",
      content: "the team's row",
    },
    {
      trigger: ".o_pivot_view .o_pivot td.o_pivot_cell_value:not(:empty)",
      content: "with its scores",
    },
    ...screenshot("assessment_pivot"),
  ],
});
