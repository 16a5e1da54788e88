import {registry} from "@web/core/registry";
import {_t} from "@web/core/l10n/translation";
import {VisitMapController} from "./map_controller";
import {VisitTodayMapController} from "./today_map_controller";

// The addons' map view: the records of the search, drawn by Leaflet from what
// their model's visit_map_data returns (visit.map.mixin).
export const visitMapView = {
  type: "visit_map",
  display_name: _t("Map"),
  icon: "fa fa-map-o",
  multiRecord: true,
  searchMenuTypes: ["filter", "favorite"],
  Controller: VisitMapController,
};

registry.category("views").add("visit_map", visitMapView);
// Today on the map: the rep's position and Optimise my day.
registry
  .category("views")
  .add("visit_today_map", {...visitMapView, Controller: VisitTodayMapController});
