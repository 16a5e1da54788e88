import {registry} from "@web/core/registry";
import {utils as uiUtils} from "@web/core/ui/ui_service";
import {closeNotifications, phoneAt, screenshot} from "./tour_utils";

// The view switcher's Map: a button on a desktop, under the switcher's menu on a phone.
function switchToMap() {
  if (uiUtils.isSmall()) {
    return [
      {trigger: ".o_control_panel .o_cp_switch_buttons button", run: "click"},
      {trigger: ".o_cp_switch_buttons .dropdown-item:has(.fa-map-o)", run: "click"},
    ];
  }
  return [{trigger: ".o_switch_view.o_visit_map", run: "click"}];
}

// A rep, 500 m from the office, sees the day's four visits numbered in time
// order, then lets Optimise my day order them from the office.
registry.category("web_tour.tours").add("visit_management_today_map_tour", {
  steps: () => [
    {
      trigger: ".o_visit_today .o_kanban_record",
      content: "the rep's day; the phone is 500 m from the office",
      run() {
        phoneAt(31.2304, 121.479, {accuracy: 10});
      },
    },
    ...switchToMap(),
    {
      trigger: ".o_visit_map_view .o_visit_map_pin:contains('4')",
      content: "four stops, numbered in time order",
    },
    {trigger: ".o_visit_map_view .o_visit_map_position", content: "where the rep is"},
    {
      trigger: ".o_visit_map_view path[stroke-dasharray]:not(:visible)",
      content: "the planned route",
    },
    ...screenshot("today_map"),
    {trigger: ".o_visit_optimise_day", content: "Optimise my day", run: "click"},
    {
      trigger: ".o-dropdown-item[data-start='office']",
      content: "from the office",
      run: "click",
    },
    {
      trigger: ".o_notification:has(.o_notification_bar.bg-success)",
      content: "the distance saved",
    },
    {trigger: ".o_visit_map_view .o_visit_map_pin:contains('4')"},
    ...screenshot("today_map_optimised"),
    ...closeNotifications(),
    {
      trigger:
        ".o_visit_map_view .o_visit_map_marker:has(.o_visit_map_pin:contains('1'))",
      content: "the first stop",
      run: "click",
    },
    {
      trigger: ".o_visit_map_popup a[href^='https://uri.amap.com/navigation']",
      content: "a navigation link to the stop",
    },
  ],
});

// The team leader sees where each rep last checked in, then a rep's day:
// the planned route and the check-ins.
registry.category("web_tour.tours").add("visit_management_team_map_tour", {
  steps: () => [
    {trigger: ".o_visit_today_rep_where", content: "the team's day"},
    ...switchToMap(),
    {
      trigger: ".o_visit_map_view .o_visit_map_marker",
      content: "the rep's last check-in",
      run: "click",
    },
    {trigger: ".o_visit_map_popup button"},
    ...screenshot("team_map"),
    {
      trigger: ".o_visit_map_popup button",
      content: "the rep's visits of today",
      run: "click",
    },
    {trigger: ".o_visit_today .o_kanban_record"},
    ...switchToMap(),
    {
      trigger: ".o_visit_map_view path[stroke-dasharray]:not(:visible)",
      content: "the planned route",
    },
    {
      trigger: ".o_visit_map_view path:not([stroke-dasharray]):not(:visible)",
      content: "the route of the check-ins",
    },
    {
      trigger: ".o_control_panel:not(:has(.o_visit_optimise_day))",
      content: "nothing of the leader's own to optimise",
    },
    ...screenshot("rep_day_map"),
  ],
});

// A rep sees the customers on the map and plans a visit from one's popup.
registry.category("web_tour.tours").add("visit_management_customer_map_tour", {
  steps: () => [
    {trigger: ".o_list_view", content: "the customers by tier"},
    ...switchToMap(),
    {
      trigger:
        ".o_visit_map_view .o_visit_map_marker:has(.o_visit_map_pin:contains('A'))",
      content: "a tier A customer",
      run: "click",
    },
    {trigger: ".o_visit_map_popup button"},
    ...screenshot("customer_map"),
    {trigger: ".o_visit_map_popup button", content: "Plan a Visit", run: "click"},
    {
      trigger:
        ".modal .o_field_widget[name='partner_id'] input:value(Huadong Trading Co.)",
      content: "a new visit to the customer, in next month's plan",
    },
    {trigger: ".modal .o_form_button_cancel", run: "click"},
    {trigger: "body:not(:has(.modal))"},
  ],
});
