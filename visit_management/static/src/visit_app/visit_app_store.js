import {reactive} from "@odoo/owl";
import {browser} from "@web/core/browser/browser";
import {ConnectionLostError} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";
import {IndexedDB} from "@web/core/utils/indexed_db";

// While changes wait to be sent, how often the app tries again (ms).
const RETRY_DELAY = 30000;
const EDITABLE_STATES = ["draft", "returned"];

// A random (version 4) id for each change, made on the phone: the server
// applies a change once however often it arrives. crypto.randomUUID() needs
// HTTPS; getRandomValues works on any page.
export function uuid4() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Visits app's memory on the phone, modelled on point_of_sale's offline
 * orders: the rep's day as the server last gave it, and the queue of what the
 * rep did since, kept in IndexedDB (per user) so that neither a lost network
 * nor a closed app loses anything. Each change goes to the server once, in
 * order, as soon as there is a network (visit.offline.operation.sync_operation);
 * what the server did not apply (a conflict, a refusal) is kept to show the
 * rep, with the server's reason. What the app shows is the server's day with
 * the changes sent since it was read, and those not sent yet, on top.
 */
export class VisitAppStore {
  constructor(orm) {
    this.orm = orm;
    this.db = new IndexedDB("visit_management_app", 1);
    this.key = String(user.userId);
    // Bumped by each read of the day and each change sent: a read answered
    // after either is stale (on a slow network, answers overtake each other)
    this.generation = 0;
    this.state = reactive({
      online: browser.navigator.onLine,
      loaded: false,
      day: null,
      queue: [],
      // Applied by the server, but not yet in the day the phone holds
      sent: [],
      problems: [],
      syncing: false,
    });
    browser.addEventListener("online", () => this.setOnline(true));
    browser.addEventListener("offline", () => this.setOnline(false));
    browser.setInterval(() => this.sync(), RETRY_DELAY);
  }

  async load() {
    const [day, queue, sent, problems] = await Promise.all(
      ["day", "queue", "sent", "problems"].map((table) => this.db.read(table, this.key))
    );
    Object.assign(this.state, {
      day: day || null,
      queue: queue || [],
      sent: sent || [],
      problems: problems || [],
      loaded: true,
    });
    await this.sync();
  }

  /** The app opened: its day from the server, or as kept on the phone. */
  async open() {
    await this.loading;
    await this.refresh();
  }

  setOnline(online) {
    this.state.online = online;
    if (online) {
      this.sync();
    }
  }

  /** The day from the server, once every change waiting is sent. */
  async refresh() {
    if (!this.state.online || this.state.queue.length) {
      return;
    }
    const generation = ++this.generation;
    try {
      const day = await this.orm.silent.call("visit.today", "visit_app_day", []);
      if (generation !== this.generation) {
        return;
      }
      this.state.day = day;
      this.state.sent = [];
      await this.db.write("day", this.key, day);
      await this.saveTable("sent");
    } catch (error) {
      this.handleNetworkError(error);
    }
  }

  handleNetworkError(error) {
    if (!(error instanceof ConnectionLostError)) {
      throw error;
    }
    this.state.online = false;
  }

  // ------------------------------------------------------------------
  // What the rep does
  // ------------------------------------------------------------------

  /** Keeps a change on the phone, then sends it if the network allows. */
  async record(visit, kind, values) {
    const shown = this.visitView(visit);
    const last = this.state.queue.at(-1);
    if (
      kind === "texts" &&
      last?.kind === "texts" &&
      last.key === visit.key &&
      !this.state.syncing
    ) {
      // The rep still typing: one change from the server's text to the last
      for (const [name, change] of Object.entries(values)) {
        last.values[name] = {
          old: last.values[name]?.old ?? change.old,
          new: change.new,
        };
      }
    } else {
      this.state.queue.push({
        uuid: uuid4(),
        key: visit.key,
        kind,
        visit: visit.visit,
        known_state: shown.state === "new" ? false : shown.state,
        phone_time: Date.now(),
        offline: !this.state.online,
        values,
      });
    }
    await this.saveTable("queue");
    await this.sync();
  }

  /** Keeps one of the state's lists (queue, sent, problems) on the phone. */
  async saveTable(table) {
    await this.db.write(table, this.key, JSON.parse(JSON.stringify(this.state[table])));
  }

  async dismissProblem(problem) {
    this.state.problems = this.state.problems.filter((p) => p.uuid !== problem.uuid);
    await this.saveTable("problems");
  }

  // ------------------------------------------------------------------
  // Sync
  // ------------------------------------------------------------------

  /** Sends the changes waiting, one at a time, in the order they were made. */
  async sync() {
    const {syncing, online, loaded, queue} = this.state;
    if (syncing || !online || !loaded || !queue.length) {
      return;
    }
    this.state.syncing = true;
    try {
      while (this.state.queue.length && this.state.online) {
        const change = this.state.queue[0];
        // The queue's own key is not the server's business
        const operation = {...change};
        delete operation.key;
        this.generation++;
        let answer = null;
        try {
          answer = await this.orm.silent.call(
            "visit.offline.operation",
            "sync_operation",
            [operation]
          );
        } catch (error) {
          this.handleNetworkError(error);
          break;
        }
        if (answer.state === "applied") {
          this.state.sent.push(change);
          await this.saveTable("sent");
        } else {
          this.state.problems.push({...change, answer});
          await this.saveTable("problems");
        }
        this.state.queue.shift();
        await this.saveTable("queue");
      }
    } finally {
      this.state.syncing = false;
    }
    if (this.state.day) {
      // The app was opened on this phone: show the server's verdicts
      await this.refresh();
    }
  }

  // ------------------------------------------------------------------
  // What the app shows: the server's visit, the changes not sent on top
  // ------------------------------------------------------------------

  pendingOf(visit) {
    return this.state.queue.filter((change) => change.key === visit.key);
  }

  sentOf(visit) {
    return this.state.sent.filter((change) => change.key === visit.key);
  }

  problemsOf(visit) {
    return this.state.problems.filter((problem) => problem.key === visit.key);
  }

  visitView(visit) {
    const report = visit.report;
    const sent = this.sentOf(visit);
    const pending = this.pendingOf(visit);
    const changes = [...sent, ...pending];
    const kinds = new Set(changes.map((change) => change.kind));
    const texts = {...(report?.texts || {})};
    for (const change of changes.filter((c) => c.kind === "texts")) {
      for (const [name, {new: text}] of Object.entries(change.values)) {
        texts[name] = text;
      }
    }
    const submitted =
      kinds.has("submit") || (report && !EDITABLE_STATES.includes(report.state));
    return {
      state: report?.state || "new",
      checkedIn: Boolean(report?.checked_in || kinds.has("check_in")),
      checkedOut: Boolean(report?.checked_out || kinds.has("check_out")),
      submitted,
      editable: !submitted,
      texts,
      sentCommitments: sent.filter((c) => c.kind === "commitment").map((c) => c.values),
      sentPhotos: sent.filter((c) => c.kind === "photo").length,
      pendingCommitments: pending
        .filter((c) => c.kind === "commitment")
        .map((c) => c.values),
      pendingPhotos: pending.filter((c) => c.kind === "photo").length,
      pendingCount: pending.length,
      problems: this.problemsOf(visit),
    };
  }
}

export const visitAppStoreService = {
  dependencies: ["orm"],
  async start(env, {orm}) {
    const store = new VisitAppStore(orm);
    // Changes left from a visit without a network are sent as soon as
    // Odoo opens on this phone again, whatever page it opens on
    store.loading = store.load();
    return store;
  },
};

registry.category("services").add("visit_app_store", visitAppStoreService);
