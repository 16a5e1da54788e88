import {Component, onMounted, onWillStart, useState} from "@odoo/owl";
import {isDisplayStandalone, isIosApp} from "@web/core/browser/feature_detection";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

// Where the app runs: installed on the phone, and in the browser. Its service
// worker keeps these pages so that the app opens without a network.
const APP_SCOPES = ["/scoped_app/visit-app", "/odoo/visit-app"];
// Longest side of a photo kept on the phone; the server keeps no more.
const PHOTO_MAX_SIZE = 1600;

/** A picture file as a JPEG no larger than PHOTO_MAX_SIZE, in base64. */
async function photoAsJpeg(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_MAX_SIZE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/jpeg", 0.85).split(",")[1];
}

/**
 * The Visits app: the rep's day on a phone, with or without a network. The
 * day, the check-in and check-out, the report's texts, commitments, photos and
 * the submission are recorded on the phone first (the visit_app_store
 * service) and sent when the network allows; the server judges them as it
 * judges the form's.
 */
export class VisitApp extends Component {
  static template = "visit_management.VisitApp";
  static props = ["*"];

  setup() {
    this.store = useService("visit_app_store");
    this.notification = useService("notification");
    this.state = useState(this.store.state);
    this.ui = useState({
      openKey: null,
      locating: false,
      commitment: {name: "", deadline: ""},
      photoKind: "other",
    });
    this.installUrl = `/scoped_app?app_id=visit_management&path=${encodeURIComponent("scoped_app/visit-app")}`;
    this.canInstall = !isDisplayStandalone();
    onWillStart(() => this.store.open());
    onMounted(() => {
      for (const scope of APP_SCOPES) {
        // Only on HTTPS (or this computer): the browser has no workers elsewhere
        navigator.serviceWorker?.register("/visit_management/app/service-worker.js", {
          scope,
        });
      }
    });
  }

  get visits() {
    return this.state.day?.visits || [];
  }

  get openVisit() {
    return this.visits.find((visit) => visit.key === this.ui.openKey);
  }

  view(visit) {
    return this.store.visitView(visit);
  }

  status(visit) {
    const view = this.view(visit);
    if (view.submitted) {
      return {key: "reported", label: _t("Reported"), tone: "success"};
    }
    if (view.checkedIn) {
      return {key: "checked_in", label: _t("Checked in"), tone: "info"};
    }
    return {key: "todo", label: _t("To visit"), tone: "secondary"};
  }

  open(visit) {
    this.ui.openKey = visit.key;
  }

  back() {
    this.ui.openKey = null;
  }

  syncNow() {
    this.store.sync();
  }

  // ------------------------------------------------------------------
  // Check-in and check-out: the phone's raw facts, judged by the server
  // ------------------------------------------------------------------

  locate(kind) {
    const visit = this.openVisit;
    if (!navigator.geolocation || isIosApp()) {
      this.positionRefused();
      return;
    }
    this.ui.locating = true;
    navigator.geolocation.getCurrentPosition(
      ({coords}) => {
        this.ui.locating = false;
        this.store.record(visit, kind, {
          method: "gps",
          latitude: coords.latitude,
          longitude: coords.longitude,
          accuracy: coords.accuracy || 0,
        });
      },
      () => {
        this.ui.locating = false;
        this.positionRefused();
      },
      {enableHighAccuracy: true, timeout: 30000}
    );
  }

  withoutPosition(kind) {
    this.store.record(this.openVisit, kind, {method: "manual"});
  }

  positionRefused() {
    this.notification.add(
      _t(
        "Your position could not be read: allow location access and try again, or check in without a position (flagged as not in place)."
      ),
      {type: "danger"}
    );
  }

  // ------------------------------------------------------------------
  // The report
  // ------------------------------------------------------------------

  onTextChange(name, ev) {
    const visit = this.openVisit;
    const old = this.view(visit).texts[name] || "";
    const text = ev.target.value;
    if (text !== old) {
      this.store.record(visit, "texts", {[name]: {old, new: text}});
    }
  }

  addCommitment() {
    const {name, deadline} = this.ui.commitment;
    if (!name.trim() || !deadline) {
      this.notification.add(_t("A commitment needs what was promised and by when."), {
        type: "warning",
      });
      return;
    }
    this.store.record(this.openVisit, "commitment", {name: name.trim(), deadline});
    this.ui.commitment = {name: "", deadline: ""};
  }

  async onPhoto(ev) {
    const file = ev.target.files[0];
    if (!file) {
      return;
    }
    const visit = this.openVisit;
    const image = await photoAsJpeg(file);
    ev.target.value = "";
    await this.store.record(visit, "photo", {image, kind: this.ui.photoKind});
  }

  submit() {
    this.store.record(this.openVisit, "submit", {});
  }

  // ------------------------------------------------------------------
  // What the server did not apply
  // ------------------------------------------------------------------

  keepMine(problem) {
    const visit = this.visits.find((v) => v.key === problem.key);
    const values = {};
    for (const [name, text] of Object.entries(problem.answer.server_values)) {
      values[name] = {old: text, new: problem.values[name].new};
    }
    this.store.record(visit, "texts", values);
    this.store.dismissProblem(problem);
  }

  textLabel(name) {
    return (
      this.state.day.text_fields.find((field) => field.name === name)?.label || name
    );
  }
}

registry.category("actions").add("visit_management.visit_app", VisitApp);
