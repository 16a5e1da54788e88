import {registry} from "@web/core/registry";
import {
  closeNotifications,
  phoneAt,
  sameCheckInMessage,
  screenshot,
} from "./tour_utils";

// The page gets a fixed position, as a phone would report it, 300 m north of
// the customer, with the phone's time; the rep checks in from the report form,
// then checks out.
registry.category("web_tour.tours").add("visit_management_check_in_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_visit_check_in",
      content: "give the page a position, then check in",
      run(helpers) {
        phoneAt(31.2331, 121.4737, {timestamp: Date.UTC(2026, 11, 10, 2, 0)});
        helpers.click();
      },
    },
    sameCheckInMessage(
      "info",
      "inside the zone: in place once checked out, the page and the form say"
    ),
    ...screenshot("check_in_waiting"),
    {
      trigger: ".o_form_view .o_visit_check_out",
      content: "check out when leaving",
      run: "click",
    },
    sameCheckInMessage(
      "warning",
      "checked out too soon: not in place, the page and the form say"
    ),
    {
      trigger: ".o_form_view .o_notebook a[name='check_in_facts']",
      content: "the facts of the check-in, out of the rep's way",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='checkout_method']:contains('GPS')",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='check_in_ids'] :is(.o_data_row, .o_kanban_record:not(.o_kanban_ghost)):nth-child(2)",
      content: "the check-in and the check-out in the history",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='photo_ids'] .o-kanban-button-new",
      content: "add a photo",
      run: "click",
    },
    {
      trigger:
        ".modal .o_field_visit_photo:has(input[type='file'][capture='environment'])",
      content: "on a phone, the upload opens the camera",
    },
    {
      trigger: ".modal .o_field_widget[name='latitude'] span:contains('31.2331')",
      content: "the photo takes the check-in's position, not typed by the rep",
    },
    ...closeNotifications(),
    ...screenshot("photo_capture"),
    {
      trigger: ".modal .o_form_button_cancel",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
  ],
});

// Position refused: a clear message, and the manual check-in stays possible.
registry.category("web_tour.tours").add("visit_management_check_in_refused_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_visit_check_in",
      content: "the phone refuses to give its position",
      run(helpers) {
        navigator.geolocation.getCurrentPosition = (success, error) =>
          error({code: 1, message: "User denied Geolocation"});
        helpers.click();
      },
    },
    {
      trigger: ".o_notification:has(.o_notification_bar.bg-danger)",
      content: "the rep is told to allow location access or check in manually",
    },
    {
      trigger: ".o_form_view button[name='action_check_in_manual']",
      run: "click",
    },
    {
      trigger: ".modal-footer .btn-primary",
      content: "confirm the manual check-in",
      run: "click",
    },
    {
      trigger: ".o_form_view div[name='checkin_status'] .alert-warning",
      content: "the form says a manual check-in is not in place",
    },
  ],
});
