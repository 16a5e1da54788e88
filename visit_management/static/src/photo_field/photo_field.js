import {registry} from "@web/core/registry";
import {FileUploader} from "@web/views/fields/file_handler";
import {ImageField, imageField} from "@web/views/fields/image/image_field";

// A visit photo is evidence taken on the spot: on a phone, the upload button
// opens the camera (the input's capture attribute), not the gallery.
FileUploader.props = {
  ...FileUploader.props,
  capture: {type: String, optional: true},
};

export class VisitPhotoField extends ImageField {
  static template = "visit_management.VisitPhotoField";
}

registry.category("fields").add("visit_photo", {
  ...imageField,
  component: VisitPhotoField,
});
