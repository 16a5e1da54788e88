# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the main screens for the README's user guide, taken while the
tours run: a tour step logs ``visit_screenshot:<name>`` (see
static/tests/tours/screenshot.js), the test saves the page as
``docs/images/<name>_<desktop|phone>_<en|zh|tw>.png`` and tells the tour to go on."""

import base64
import io
import json
import pathlib
from unittest.mock import patch

from PIL import Image

from odoo.tests import HttpCase
from odoo.tests.common import ChromeBrowser

SIGNAL = "visit_screenshot:"
# The file name's language: en, zh (Simplified), tw (Traditional).
LANG_SUFFIXES = {"en_US": "en", "zh_CN": "zh", "zh_TW": "tw"}
REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
IMAGE_DIR = REPO_ROOT / "docs" / "images"


def _small_png(data):
    """The screenshot in 256 colours: the committed images stay small."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    output = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        output, format="PNG", optimize=True
    )
    return output.getvalue()


# Odoo's modules whose words the screens show, besides our addons.
TRANSLATED_MODULES = ("web", "mail")


def load_language(env, lang, modules=TRANSLATED_MODULES):
    """Activates the language with the translations of the installed modules
    given and of our addons."""
    env["res.lang"]._activate_lang(lang)
    env["ir.module.module"].search(
        [
            "|",
            ("name", "in", modules),
            ("name", "=like", "visit\\_management%"),
            ("state", "=", "installed"),
        ]
    )._update_translations([lang], overwrite=True)


class ScreenshotTourCase(HttpCase):
    """Tours whose steps may ask for screenshots; ``lang`` is the language of
    the class's users (en_US, or zh_CN loaded with the translations of the
    installed ``translated_modules``)."""

    lang = "en_US"
    translated_modules = TRANSLATED_MODULES

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.lang != "en_US":
            load_language(cls.env, cls.lang, cls.translated_modules)
        cls.screenshots = []

    @classmethod
    def _screenshot_path(cls, name):
        screen = "phone" if cls.touch_enabled else "desktop"
        return IMAGE_DIR / f"{name}_{screen}_{LANG_SUFFIXES[cls.lang]}.png"

    def _capture(self, browser, name):
        """Asks Chrome for the page as it is now; once saved (in the repository
        only: an addon installed elsewhere has no README), lets the tour go on."""
        path = self._screenshot_path(name)

        def save(future):
            png = base64.b64decode(future.result()["data"])
            if (REPO_ROOT / "README.md").exists():
                IMAGE_DIR.mkdir(parents=True, exist_ok=True)
                path.write_bytes(_small_png(png))
            self.screenshots.append(path.name)
            browser._websocket_send(
                "Runtime.evaluate",
                params={
                    "expression": "document.body.dataset.visitScreenshot = "
                    + json.dumps(name)
                },
            )

        browser._websocket_send(
            "Page.captureScreenshot", params={"format": "png"}, with_future=True
        ).add_done_callback(save)

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        original = ChromeBrowser._handle_console
        case = self

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            message = browser._from_remoteobject(args[0]) if args else ""
            if type == "log" and str(message).startswith(SIGNAL):
                case._capture(browser, str(message).removeprefix(SIGNAL))
                return
            original(browser, type, args=args, **kw)

        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)

    def assertScreenshots(self, *names):
        """The tours of this test saved these screens."""
        self.assertEqual(
            sorted(
                set(self.screenshots) & {self._screenshot_path(n).name for n in names}
            ),
            sorted(self._screenshot_path(n).name for n in names),
        )
