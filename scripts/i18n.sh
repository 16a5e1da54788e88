#!/usr/bin/env bash
# `make i18n`: regenerate each addon's .pot with Odoo's own export from a fresh database, then
# merge it into the addon's zh_CN.po (new terms come out empty: translate them; the test suite
# fails while a term is untranslated or a .pot is stale) and make zh_TW.po from it (run again
# once the new terms are translated). I18N_DB=<db> exports from an existing
# database with the addons up to date instead.
source "$(dirname "$0")/bootstrap.sh"

if [ -z "${I18N_DB:-}" ]; then
    I18N_DB=visit_i18n
    dropdb --if-exists --force "$I18N_DB"
    say "Creating the database '$I18N_DB' with $ADDONS"
    odoo_bin -d "$I18N_DB" -i "$ADDONS" --stop-after-init --log-level=warn || die "the install failed"
    trap 'dropdb --force "$I18N_DB"' EXIT
fi
for addon in ${ADDONS//,/ }; do
    pot="$REPO_ROOT/$addon/i18n/$addon.pot"
    say "Exporting $pot"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n export -c "$ODOO_CONF" -d "$I18N_DB" "$addon" -o "$pot"
    msgmerge --quiet --no-fuzzy-matching --backup=none --update "$REPO_ROOT/$addon/i18n/zh_CN.po" "$pot"
    msgattrib --no-obsolete -o "$REPO_ROOT/$addon/i18n/zh_CN.po" "$REPO_ROOT/$addon/i18n/zh_CN.po"
    # zh_TW: the zh_CN translation in Traditional characters
    "$VENV/bin/python" "$REPO_ROOT/scripts/zh_tw.py" "$REPO_ROOT/$addon"
    msgcat "$REPO_ROOT/$addon/i18n/zh_TW.po" -o "$REPO_ROOT/$addon/i18n/zh_TW.po"
    "$VENV/bin/python" - "$REPO_ROOT/$addon/i18n/zh_CN.po" <<'PY'
import sys

import polib

po = polib.pofile(sys.argv[1])
print(f"{sys.argv[1]}: {len(po.untranslated_entries())} terms to translate")
PY
done
