import {registry} from "@web/core/registry";
import {
  clickHeaderButton,
  screenshot,
} from "@visit_management/../tests/tours/tour_utils";

// The callback form shows the resident's phone (tap to call) and what he
// complained about.
const callbackFacts = [
  {
    trigger: ".o_form_view .o_field_widget[name='resident_phone'] a[href^='tel:']",
    content: "the resident's phone, a tap away",
  },
  {
    trigger:
      ".o_form_view .o_field_widget[name='origin_description']:contains('Nobody answered')",
    content: "what the resident complained about",
  },
];

// The property office resolves a resident's complaint caused by the
// management; resolving it creates the callback, which the office manager
// makes from the Callbacks menu: the resident is satisfied.
registry.category("web_tour.tours").add("visit_management_property_complaint_tour", {
  steps: () => [
    {
      trigger: ".o_control_panel .o_switch_view.o_kanban",
      content: "the complaints by status",
      run: "click",
    },
    {
      trigger: ".o_kanban_record:contains('Zhang Wei')",
      content: "open the complaint",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_notebook a[name='resolution']",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='resolution'] textarea",
      run: "edit The night guard now answers the service phone; we apologised to the resident.",
    },
    ...clickHeaderButton("action_resolve", "resolve it"),
    {
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_close']",
      content: "the complaint is resolved",
    },
    {
      trigger: ".o_form_view .o_notebook a[name='callbacks']",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='callback_ids'] .o_data_row",
      content: "resolving it created the callback",
    },
    ...screenshot("complaint_form"),
    {
      trigger:
        ".o_navbar [data-menu-xmlid='visit_management_property.property_menu_root']",
      content: "go to the callbacks to make",
      run: "click",
    },
    {
      trigger:
        ".dropdown-item[data-menu-xmlid='visit_management_property.property_resident_callback_menu']",
      run: "click",
    },
    {
      trigger: ".o_list_view .o_data_row:first-child.text-danger:contains('Li Hua')",
      content: "my callbacks to do: the overdue one first, in red",
    },
    ...screenshot("callback_list"),
    {
      trigger: ".o_data_row:contains('Zhang Wei') td[name='resident_id']",
      content: "call the resident back",
      run: "click",
    },
    ...callbackFacts,
    {
      trigger:
        ".o_form_view .o_field_widget[name='satisfaction'] .o_select_menu_toggler",
      run: "click",
    },
    {
      trigger: ".o_select_menu_item:eq(3)",
      content: "satisfied (the fourth of five)",
      run: "click",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='opinions'] textarea",
      run: "edit Thanks for the quick answer.",
    },
    ...screenshot("callback_form"),
    ...clickHeaderButton("action_done", "the callback is done"),
    {
      trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_done']))",
      content: "done",
    },
  ],
});

// On a phone the office manager opens the callbacks to make: cards, the
// overdue one first and marked; the callback shows the phone and the complaint.
registry
  .category("web_tour.tours")
  .add("visit_management_property_callback_phone_tour", {
    steps: () => [
      {
        trigger: ".o_kanban_record:first:contains('Li Hua') .badge.text-bg-danger",
        content: "the overdue callback first, marked in red",
      },
      {
        trigger: ".o_kanban_record:contains('Zhang Wei')",
      },
      ...screenshot("callback_list"),
      {
        trigger: ".o_kanban_record:contains('Zhang Wei')",
        content: "call the resident back",
        run: "click",
      },
      ...callbackFacts,
      ...screenshot("callback_form"),
      ...clickHeaderButton("action_done", "the callback is done"),
      {
        trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_done']))",
        content: "done",
      },
    ],
  });
