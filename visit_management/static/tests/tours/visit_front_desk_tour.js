import { registry } from "@web/core/registry";
import { screenshot } from "./tour_utils";

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
            trigger: ".o_kanban_view .o_kanban_group:contains('Huangshan') .o_kanban_record:contains('Xibei Supplies')",
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
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_send_feedback_sms']",
            content: "the link goes by text message from the front desk's phone",
        },
        ...screenshot("reception_feedback_link"),
    ],
});
