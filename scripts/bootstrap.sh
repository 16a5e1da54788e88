# Sourced by scripts/run.sh and scripts/test.sh: does whatever set-up is missing and
# sets what the other scripts need (ODOO_SRC, VENV, PG*, ODOO_CONF and odoo_bin).
# Every step checks first, so a second run only checks and takes seconds.

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR_DIR="$REPO_ROOT/var"
VENV="$REPO_ROOT/.venv"
ODOO_SRC=${ODOO_SRC:-$HOME/.cache/odoo/19.0}
ODOO_ARCHIVE_URL=${ODOO_ARCHIVE_URL:-https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz}
ADDONS="visit_management,visit_management_property,visit_management_sale,visit_management_sale_stock,visit_management_repair,visit_management_dashboard"
mkdir -p "$VAR_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

ensure_odoo_source() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
        say "No Odoo source tree at $ODOO_SRC: downloading the official 19.0 archive"
        local tmp
        tmp=$(mktemp -d)
        if curl -fsSL --retry 2 "$ODOO_ARCHIVE_URL" | tar -xz -C "$tmp" --strip-components=1; then
            mkdir -p "$(dirname "$ODOO_SRC")"
            rm -rf "$ODOO_SRC"
            mv "$tmp" "$ODOO_SRC"
        else
            rm -rf "$tmp"
            die "could not download Odoo 19.0 from $ODOO_ARCHIVE_URL.
Put an Odoo 19.0 source tree (the folder that holds odoo-bin, odoo/ and addons/) at
    $ODOO_SRC
or point ODOO_SRC at one, then run this command again. For example, from a git clone of odoo/odoo:
    mkdir -p $ODOO_SRC && git -C /path/to/odoo archive 19.0 | tar -x -C $ODOO_SRC"
        fi
    fi
    local series
    series=$(sed -n 's/^version_info = (\([0-9]*\), \([0-9]*\),.*/\1.\2/p' "$ODOO_SRC/odoo/release.py" 2>/dev/null || true)
    [ "$series" = "19.0" ] || die "$ODOO_SRC is not an Odoo 19.0 tree (odoo/release.py says '${series:-nothing}'). Point ODOO_SRC at a 19.0 tree."
    echo "Odoo 19.0 source: $ODOO_SRC"
}

ensure_venv() {
    local stamp="$VENV/.requirements-stamp"
    local wanted
    wanted=$(cat "$ODOO_SRC/requirements.txt" "$REPO_ROOT/requirements-dev.txt" <(ls "$REPO_ROOT/setup/vendor") \
        | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        echo "Python environment: $VENV (up to date)"
        return
    fi
    say "Installing Odoo's Python requirements and the dev tools into $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    # Odoo pins old sdists (e.g. vobject, pyserial) whose setup.py still imports pkg_resources,
    # which setuptools 81 removed. PIP_CONSTRAINT also applies inside pip's isolated build
    # environments, so it caps setuptools there too.
    local constraint="$VAR_DIR/pip-constraint.txt"
    echo 'setuptools<81' > "$constraint"
    # python-ldap is only used by Odoo's auth_ldap and needs the OpenLDAP headers to build.
    grep -v '^python-ldap' "$ODOO_SRC/requirements.txt" > "$VAR_DIR/odoo-requirements.txt"
    local log="$VAR_DIR/pip-install.log"
    PIP_CONSTRAINT="$constraint" "$VENV/bin/pip" install --disable-pip-version-check \
        -r "$VAR_DIR/odoo-requirements.txt" -r "$REPO_ROOT/requirements-dev.txt" \
        "$REPO_ROOT"/setup/vendor/*.whl >"$log" 2>&1 \
        || { tail -n 30 "$log"; die "pip could not install the requirements (full log: $log)."; }
    # Odoo is run from its source tree, not installed: make `import odoo` find it.
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" > "$site/odoo-src.pth"
    echo "$wanted" > "$stamp"
}

# Installs Debian packages when it runs as root with apt-get; says whether it did.
apt_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
    say "Installing Debian's $*"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) \
        || die "could not install $* with apt-get."
}

ensure_chromium() {
    local packages=()
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
        || packages+=(chromium)
    # the tours' Chinese screenshots (docs/images) need a Chinese font
    fc-list :lang=zh 2>/dev/null | grep -q . || packages+=(fonts-wqy-microhei)
    [ ${#packages[@]} = 0 ] && return
    if apt_install "${packages[@]}"; then
        return
    elif [[ " ${packages[*]} " == *" chromium "* ]]; then
        die "the browser tests need Chromium: install it (e.g. 'sudo apt-get install chromium')."
    else
        echo "No Chinese font: the Chinese screenshots will show boxes (e.g. 'sudo apt-get install fonts-wqy-microhei')."
    fi
}

# Odoo prints its PDF reports with wkhtmltopdf (without it, users get an HTML page
# instead of a PDF); the report tests read the PDFs' text with poppler's pdftotext,
# and Chinese text needs a Chinese font.
ensure_pdf_tools() {
    local packages=()
    command -v wkhtmltopdf >/dev/null || packages+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || packages+=(poppler-utils)
    fc-list :lang=zh 2>/dev/null | grep -q . || packages+=(fonts-wqy-microhei)
    [ ${#packages[@]} = 0 ] && return
    apt_install "${packages[@]}" && return
    printf '\033[33mWARNING: missing %s: Odoo prints no PDF without wkhtmltopdf (users get an HTML page) and the report tests fail. Install them, e.g. sudo apt-get install %s\033[0m\n' \
        "${packages[*]}" "${packages[*]}" >&2
}

# OCA's oca-gen-addon-readme converts the addons' readme/*.md fragments with pandoc.
ensure_pandoc() {
    command -v pandoc >/dev/null && return
    apt_install pandoc && return
    die "the README check needs pandoc: install it (e.g. 'sudo apt-get install pandoc')."
}

# Runs a PostgreSQL server binary as a non-root user: initdb and postgres refuse root.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_bin() {
    local name=$1 dir
    if command -v "$name" >/dev/null; then command -v "$name"; return; fi
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/$name" ] && { echo "$dir/$name"; return; }
    done
    die "PostgreSQL's $name was not found: install the PostgreSQL server binaries."
}

start_embedded_postgres() {
    local data=$1 port=$2
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $data"
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres "$data"
        as_pg_owner "$(pg_bin initdb)" -D "$data" -A trust -U "$PGUSER" >/dev/null
    fi
    if ! "$(pg_bin pg_isready)" -q -h "$data" -p "$port"; then
        as_pg_owner "$(pg_bin pg_ctl)" -D "$data" -l "$data/server.log" -w \
            -o "-c listen_addresses='' -k $data -p $port" start >/dev/null \
            || { tail -n 20 "$data/server.log" >&2; die "the private PostgreSQL cluster in $data did not start (its log is above)"; }
    fi
    export PGHOST="$data" PGPORT=$port
}

stop_embedded_postgres() {
    as_pg_owner "$(pg_bin pg_ctl)" -D "$1" -m fast -w stop >/dev/null
}

# Under scripts/shifted_clock.sh the whole stack must read the shifted clock, PostgreSQL's
# now() included: a new cluster of its own, started under the shifted clock, stopped and
# removed when the command ends (faketime waits for every process it started). It lives
# in the temporary folder, which the postgres user can reach wherever the clone is.
start_shifted_postgres() {
    SHIFTED_PGDATA=$(mktemp -d "${TMPDIR:-/tmp}/visit-pg-shifted.XXXXXX")
    trap 'stop_embedded_postgres "$SHIFTED_PGDATA" || true; rm -rf "$SHIFTED_PGDATA"' EXIT
    start_embedded_postgres "$SHIFTED_PGDATA" 5433
}

ensure_postgres() {
    export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432}
    # Odoo refuses to run as the postgres superuser: use a dedicated role.
    if [ -z "${PGUSER:-}" ] || [ "$PGUSER" = postgres ]; then
        export PGUSER=odoo
    fi
    if [ -n "${VISIT_SHIFTED_CLOCK:-}" ]; then
        start_shifted_postgres
        echo "PostgreSQL: private cluster in $PGHOST (socket) on the shifted clock, role $PGUSER"
    elif "$(pg_bin pg_isready)" -q -h "$PGHOST" -p "$PGPORT"; then
        if ! psql -qtA -d postgres -c 'select 1' >/dev/null 2>&1; then
            say "Creating the PostgreSQL role '$PGUSER' (CREATEDB)"
            psql -q -U postgres -d postgres -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB" \
                || die "role '$PGUSER' cannot log in to $PGHOST:$PGPORT and could not be created.
Create it (createuser --createdb $PGUSER) or set PGUSER to a role with CREATEDB."
        fi
        echo "PostgreSQL: server at $PGHOST:$PGPORT, role $PGUSER"
    else
        say "No PostgreSQL server answers at $PGHOST:$PGPORT"
        start_embedded_postgres "$VAR_DIR/pgdata" 5432
        echo "PostgreSQL: private cluster in $PGHOST (socket), role $PGUSER"
    fi
    local suffix=${VISIT_SHIFTED_CLOCK:+-shifted}
    ODOO_CONF="$VAR_DIR/odoo$suffix.conf"
    cat > "$ODOO_CONF" <<EOF
[options]
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
addons_path = $ODOO_SRC/addons,$REPO_ROOT
data_dir = $VAR_DIR/data$suffix
http_interface = 127.0.0.1
EOF
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ODOO_CONF" "$@"; }
# Odoo's other commands (db, shell...): their options after the command's name
odoo_cli() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"; }

ensure_odoo_source
ensure_venv
ensure_postgres
ensure_pdf_tools
