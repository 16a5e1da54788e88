import {rpc} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {IndexedDB} from "@web/core/utils/indexed_db";
import {closeNotifications, phoneAt, screenshot} from "./tour_utils";

// The test cuts and restores the page's network (Chrome DevTools' network
// emulation) when a step logs one of these; the next step waits for the app
// to notice.
function network(state) {
  return [
    {
      trigger: "body",
      content: `the network goes ${state}`,
      run: () => console.log(`visit_network:${state}`),
    },
    {trigger: `.o_visit_app_${state}`, content: `the app says it is ${state}`},
  ];
}

function write(name, text) {
  return {
    trigger: `.o_visit_app_visit textarea[name='${name}']`,
    content: `write ${name}`,
    run() {
      this.anchor.value = text;
      this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
    },
  };
}

const queueDb = () => new IndexedDB("visit_management_app", 1);

// A slow network: the first read of the day from now on answers only after
// the next one has (their answers overtake each other); then the page says so.
function dayReadsOvertake() {
  return {
    trigger: "body",
    content: "a slow network: the next read of the day answers last",
    run() {
      const send = rpc._rpc;
      let releaseFirst = null;
      rpc._rpc = function (url, params, settings) {
        const answer = send.call(this, url, params, settings);
        if (params?.model !== "visit.today" || params?.method !== "visit_app_day") {
          return answer;
        }
        if (!releaseFirst) {
          const released = new Promise((resolve) => (releaseFirst = resolve));
          return answer.then((day) => released.then(() => day));
        }
        rpc._rpc = send;
        return answer.then((day) => {
          setTimeout(() => {
            releaseFirst();
            setTimeout(() => (document.body.dataset.visitDayOvertaken = "1"), 100);
          });
          return day;
        });
      };
    },
  };
}

// A slow network: the next read of the day answers only once the tour lets
// it; the page says when it was asked for.
function holdNextDayRead() {
  let release = null;
  return {
    hold: {
      trigger: "body",
      content: "a slow network: the next read of the day is held",
      run() {
        const send = rpc._rpc;
        rpc._rpc = function (url, params, settings) {
          const answer = send.call(this, url, params, settings);
          if (params?.model !== "visit.today" || params?.method !== "visit_app_day") {
            return answer;
          }
          rpc._rpc = send;
          document.body.dataset.visitDayHeld = "1";
          const released = new Promise((resolve) => (release = resolve));
          return answer.then((day) => released.then(() => day));
        };
      },
    },
    release: {
      trigger: "body[data-visit-day-held]",
      content: "the read of the day answers",
      run: () => release(),
    },
  };
}
const KEPT_QUEUE = "visit_app_tour.queue";

// A rep's whole visit without a network: check in, write, promise,
// photograph, check out, submit; then the network comes back and the app
// sends it all by itself. The same queue, sent again after a restart, is
// answered without adding anything.
registry.category("web_tour.tours").add("visit_management_visit_app_tour", {
  steps: () => [
    {
      trigger: ".o_visit_app_card:contains('Huadong Trading Co.')",
      content: "the day, with the customer",
    },
    {trigger: ".o_visit_app_all_sent"},
    {
      trigger:
        ".o_visit_app_install[href='/scoped_app?app_id=visit_management&path=scoped_app%2Fvisit-app']",
      content: "the app installs on the phone's home screen",
    },
    ...screenshot("visit_app_day"),
    {trigger: ".o_visit_app_card:contains('Huadong Trading Co.')", run: "click"},
    ...network("offline"),
    {
      trigger: ".o_visit_app_check_in_button",
      content: "check in where there is no network",
      run(helpers) {
        phoneAt(31.2331, 121.4737);
        helpers.click();
      },
    },
    {trigger: ".o_visit_app_checked_in", content: "checked in on the phone"},
    {trigger: ".o_visit_app_pending:contains('1')", content: "one change not sent"},
    write("customer_needs", "Needs 200 pumps before the spring"),
    write("opinions", "Likes the new catalogue"),
    {trigger: "input[name='commitment_name']", run: "edit Send the price list"},
    {
      trigger: "input[name='commitment_deadline']",
      run() {
        this.anchor.value = new Date(Date.now() + 7 * 86400000)
          .toISOString()
          .slice(0, 10);
        this.anchor.dispatchEvent(new Event("input", {bubbles: true}));
      },
    },
    {trigger: ".o_visit_app_add_commitment", run: "click"},
    {trigger: ".o_visit_app_commitments li:contains('Send the price list')"},
    {trigger: "select[name='photo_kind']", run: "select shelf"},
    {
      trigger: ".o_visit_app_photo_input:not(:visible)",
      content: "take a photo (a picture drawn on the page)",
      async run() {
        const canvas = document.createElement("canvas");
        canvas.width = 320;
        canvas.height = 240;
        const context = canvas.getContext("2d");
        context.fillStyle = "#c83c1e";
        context.fillRect(0, 0, 320, 240);
        const blob = await new Promise((resolve) =>
          canvas.toBlob(resolve, "image/jpeg")
        );
        const transfer = new DataTransfer();
        transfer.items.add(new File([blob], "shelf.jpg", {type: "image/jpeg"}));
        this.anchor.files = transfer.files;
        this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
      },
    },
    {trigger: ".o_visit_app_photo_count:contains('1')"},
    {trigger: ".o_visit_app_check_out_button", run: "click"},
    {trigger: ".o_visit_app_checked_out"},
    {trigger: ".o_visit_app_submit", run: "click"},
    {trigger: ".o_visit_app_submitted", content: "submitted on the phone"},
    {trigger: ".o_visit_app_offline_notice", content: "the app says what is not sent"},
    {
      trigger: ".o_visit_app_pending:contains('6')",
      content: "keep a copy of the queue, as a phone restored from a backup would",
      async run() {
        const queue = await queueDb().read("queue", String(user.userId));
        if (queue?.length !== 6) {
          throw new Error(`The phone keeps ${queue?.length} changes, not 6`);
        }
        localStorage.setItem(KEPT_QUEUE, JSON.stringify(queue));
      },
    },
    ...closeNotifications(),
    ...screenshot("visit_app_offline"),
    ...network("online"),
    {
      trigger: ".o_visit_app_all_sent",
      content: "sent by itself, once the network is back",
    },
    {
      trigger: ".o_visit_app_report_state[data-state='submitted']",
      content: "the server's state",
    },
    {
      trigger: ".o_visit_app_verdict.o_visit_app_in_place",
      content: "and the server's verdict",
    },
    ...closeNotifications(),
    ...screenshot("visit_app_synced"),
    {
      trigger: ".o_visit_app_all_sent",
      content: "the same queue again, then a restart of the app",
      async run() {
        const queue = JSON.parse(localStorage.getItem(KEPT_QUEUE));
        localStorage.removeItem(KEPT_QUEUE);
        await queueDb().write("queue", String(user.userId), queue);
        window.location.reload();
      },
      expectUnloadPage: true,
    },
    {
      trigger: ".o_visit_app_all_sent",
      content: "the replayed queue is sent and nothing is refused",
    },
    {
      trigger:
        ".o_visit_app_card[data-status='reported']:contains('Huadong Trading Co.')",
    },
    {
      trigger: "body:not(:has(.o_visit_app_problems_notice))",
      content: "no change was refused or in conflict",
    },
    {
      trigger: "body",
      content: "the app's service worker keeps its page",
      async run() {
        for (
          let tries = 0;
          !navigator.serviceWorker.controller?.scriptURL.includes("visit_management");
          tries++
        ) {
          if (tries > 100) {
            throw new Error("The Visits app's service worker does not keep the page");
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
    },
    ...network("offline"),
    {
      trigger: "body",
      content: "the phone opens the app again, without a network",
      run: () => window.location.reload(),
      expectUnloadPage: true,
    },
    {trigger: ".o_visit_app_offline", content: "the app opens without a network"},
    {
      trigger:
        ".o_visit_app_card[data-status='reported']:contains('Huadong Trading Co.')",
      content: "with the day kept on the phone",
    },
    ...network("online"),
  ],
});

// The rep rewrites a text offline while the manager changes it on the server,
// then the network comes back: the app shows both texts.
function conflictWhileOffline(slowNetwork = []) {
  return [
    {trigger: ".o_visit_app_card:contains('Pudong Tools')", run: "click"},
    ...network("offline"),
    write("customer_needs", "Needs 30 drills"),
    {trigger: ".o_visit_app_pending:contains('1')"},
    {
      trigger: "body",
      content: "meanwhile, the manager changes the same text",
      run: () => console.log("visit_test:manager_edits"),
    },
    {trigger: "body[data-visit-manager-edited]"},
    ...slowNetwork,
    ...network("online"),
    {
      trigger:
        ".o_visit_app_problem:has(.o_visit_app_server_text:contains('12 drills')):has(.o_visit_app_my_text:contains('30 drills'))",
      content: "the conflict, with the server's text and the rep's",
    },
    {trigger: ".o_visit_app_all_sent"},
  ];
}

// The rep keeps their text: the server takes it, and the app shows it.
const repsText = (content) => ({
  trigger: "textarea[name='customer_needs']:value(/^\\s*Needs 30 drills\\s*$/)",
  content,
});
const keepMine = (...waits) => [
  {trigger: ".o_visit_app_keep_mine", run: "click"},
  {trigger: ".o_visit_app_visit:not(:has(.o_visit_app_problem))"},
  {trigger: ".o_visit_app_all_sent"},
  ...waits,
  repsText("the server now holds the rep's text, and the app shows it"),
];

// The app keeps nothing behind the rep's back; the rep keeps their text.
registry.category("web_tour.tours").add("visit_management_visit_app_conflict_tour", {
  steps: () => {
    const dayRead = holdNextDayRead();
    return [
      ...conflictWhileOffline(),
      ...closeNotifications(),
      ...screenshot("visit_app_conflict"),
      dayRead.hold,
      ...keepMine(
        {trigger: "body[data-visit-day-held]", content: "the app reads its day again"},
        // Not the manager's text of the day it holds from before the sending
        repsText("before that read answers, the app shows the text it sent"),
        dayRead.release
      ),
    ];
  },
});

// The same on a slow network: the read of the day sent before the rep kept
// their text answers last, and does not bring the manager's back on the phone.
registry.category("web_tour.tours").add("visit_management_visit_app_stale_day_tour", {
  steps: () => [
    ...conflictWhileOffline([dayReadsOvertake()]),
    ...keepMine({
      trigger: "body[data-visit-day-overtaken]",
      content: "the day read before the rep kept their text answered last",
    }),
  ],
});
