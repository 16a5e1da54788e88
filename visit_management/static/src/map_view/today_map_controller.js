import {_t} from "@web/core/l10n/translation";
import {Dropdown} from "@web/core/dropdown/dropdown";
import {DropdownItem} from "@web/core/dropdown/dropdown_item";
import {VisitMapController} from "./map_controller";

// How long the phone may take to give its position (ms), and how old a
// position it may give.
const POSITION_TIMEOUT = 10000;
const POSITION_MAX_AGE = 60000;

/** Today on the map: the rep's own position, and Optimise my day. */
export class VisitTodayMapController extends VisitMapController {
  static template = "visit_management.TodayMapView";
  static components = {...VisitMapController.components, Dropdown, DropdownItem};

  setup() {
    super.setup();
    this.routeStarts = [
      {start: "home", label: _t("From Home")},
      {start: "office", label: _t("From the Office")},
      {start: "current", label: _t("From Where I Am")},
    ];
  }

  currentPosition() {
    if (!navigator.geolocation) {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        ({coords}) => resolve([coords.latitude, coords.longitude]),
        () => resolve(null),
        {
          enableHighAccuracy: true,
          timeout: POSITION_TIMEOUT,
          maximumAge: POSITION_MAX_AGE,
        }
      );
    });
  }

  async optimise(start) {
    const position = start === "current" ? await this.currentPosition() : null;
    const action = await this.orm.call("visit.today", "action_optimise_day", [start], {
      position,
      context: this.props.context,
    });
    await this.actionService.doAction(action);
  }
}
