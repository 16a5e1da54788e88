import {registry} from "@web/core/registry";
import {phoneAt} from "./tour_utils";

// A rep opens the Visits app (its root menu) on a phone: it lands on today's
// route sheet, in time order; they
// check in at the first visit (the page gets a position 300 m from the
// customer), then open its report with one tap.
registry.category("web_tour.tours").add("visit_management_today_tour", {
  steps: () => [
    {
      trigger: ".o_visit_today .o_kanban_record:contains('Tour Later Customer')",
      content: "the app opens on today's visits",
    },
    {
      trigger: ".o_visit_today .o_kanban_record:first:contains('Tour Customer')",
      content: "the 09:00 visit comes before the 16:00 one",
    },
    {
      trigger:
        ".o_visit_today .o_kanban_record:contains('Tour Customer') .o_visit_check_in",
      content: "check in at the customer",
      run(helpers) {
        phoneAt(31.2331, 121.4737);
        helpers.click();
      },
    },
    {
      trigger: ".o_notification:has(.o_notification_bar.bg-info)",
      content: "the server says the rep is inside the zone, in place once checked out",
    },
    {
      trigger:
        ".o_visit_today .o_kanban_record:contains('Tour Customer') .badge:contains('Checked In')",
    },
    {
      trigger:
        ".o_visit_today .o_kanban_record:contains('Tour Customer') .o_visit_today_report",
      content: "one tap opens the visit's report",
      run: "click",
    },
    {
      trigger: ".o_form_view div[name='checkin_status'] .alert-info",
      content: "the report says the check-in waits for the check-out",
    },
  ],
});
