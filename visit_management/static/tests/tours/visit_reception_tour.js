import {registry} from "@web/core/registry";
import {formatDateTime, parseDateTime} from "@web/core/l10n/dates";

// Moves the time a datetime field of the dialog shows by an hour: the booking is
// on a day relative to the test's clock, so the tour reads it rather than knowing it.
function anHourLater(field) {
  return {
    trigger: `.modal .o_field_widget[name='${field}'] input`,
    async run(helpers) {
      const shown = parseDateTime(helpers.anchor.value);
      await helpers.edit(formatDateTime(shown.plus({hours: 1})));
      await helpers.press("Enter");
    },
  };
}

// The host opens the bookings board, opens the requested booking, confirms it
// and sees it confirmed; then the room planning calendar shows it.
registry.category("web_tour.tours").add("visit_management_reception_tour", {
  steps: () => [
    {
      trigger: ".o_kanban_view .o_kanban_record:contains('Tour Visitor Co.')",
      content: "open the requested booking from the board",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_notebook a[name='preparation']",
      content: "look at the preparation",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='material_ids'] .o_data_row:contains('Brochures')",
    },
    {
      trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
      content: "confirm the booking",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Confirmed')",
    },
    {
      trigger: ".o_form_view .o_form_statusbar button[name='action_reschedule']",
      content: "open the reschedule wizard",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='reason'] textarea",
      content: "give the reason",
      run: "edit The customer's flight moved",
    },
    {
      trigger: ".modal .o_field_widget[name='start_datetime'] button",
      content: "move the visit by an hour",
      run: "click",
    },
    anHourLater("start_datetime"),
    {
      trigger: ".modal .o_field_widget[name='stop_datetime'] button",
      run: "click",
    },
    anHourLater("stop_datetime"),
    {
      trigger: ".modal button[name='action_reschedule']",
      run: "click",
    },
    {
      trigger: ".o_form_view .o-mail-Message:contains('The customer')",
      content: "the reason is in the chatter",
    },
  ],
});
