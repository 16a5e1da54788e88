#!/usr/bin/env bash
# `make readme`: each addon's README.rst and static/description/index.html (what Odoo's
# Apps screen and the wheels show), made by OCA's oca-gen-addon-readme from the addon's
# readme/*.md fragments and manifest. tests/test_readme.py fails while they are stale.
source "$(dirname "$0")/bootstrap.sh"
ensure_pandoc
for addon in ${ADDONS//,/ }; do
    "$VENV/bin/oca-gen-addon-readme" --org-name visit-management --repo-name odoo-visit-management \
        --branch 19.0 --addon-dir "$REPO_ROOT/$addon" --no-commit --gen-html
done
echo "README.rst and index.html made for $ADDONS"
