import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {clickHeaderButton, screenshot} from "./tour_utils";

// The front desk on a phone: the bookings board, the rooms one by one, and a
// visit that is over, whose feedback link goes by text message.
registry.category("web_tour.tours").add("visit_management_reception_board_tour", {
  steps: () => [
    {
      trigger: ".o_kanban_record:contains('Xibei Supplies') .fa-users",
      content: "the card counts the visitors with an icon",
    },
    ...screenshot("reception_board"),
  ],
});

registry.category("web_tour.tours").add("visit_management_room_planning_cards_tour", {
  steps: () => [
    {
      trigger:
        ".o_kanban_view .o_kanban_group:contains('Huangshan') .o_kanban_record:contains('Xibei Supplies')",
      content: "a column of cards per room",
    },
    {
      trigger: ".o_kanban_view .o_kanban_group:contains('Taishan')",
    },
    ...screenshot("reception_rooms_cards"),
  ],
});

registry.category("web_tour.tours").add("visit_management_feedback_link_tour", {
  steps: () => [
    {
      trigger: ".o_form_view .o_visit_feedback_base_url:contains('web.base.url')",
      content: "the link does not open outside this machine: the front desk is told",
    },
    {
      trigger:
        ".o_form_view .o_statusbar_buttons button[name='action_send_feedback_sms']",
      content: "the link goes by text message from the front desk's phone",
    },
    ...screenshot("reception_feedback_link"),
    {
      trigger: "body",
      content: "the messaging app is not opened by the test's browser",
      run() {
        // The phone's messaging app opens on the URL the page goes to:
        // kept on the page instead, for the next step to read
        Object.defineProperty(browser, "location", {
          get: () => ({
            assign: (url) => (document.body.dataset.visitSms = url),
          }),
          configurable: true,
        });
      },
    },
    ...clickHeaderButton("action_send_feedback_sms", "send the link by text message"),
    {
      trigger: "body[data-visit-sms]",
      content: "a text message to the visitor's number, with the feedback link",
      run() {
        const url = document.body.dataset.visitSms;
        const [numbers, query] = url.split("?body=");
        const text = decodeURIComponent(query || "");
        if (numbers !== "sms:+8613800138000" || !text.includes("/feedback/")) {
          throw new Error(`The text message opened is not the feedback link: ${url}`);
        }
      },
    },
  ],
});
