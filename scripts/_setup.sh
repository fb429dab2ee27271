# Shared by the scripts in this folder (sourced, not run): a .venv installed from the lock file,
# refreshed whenever the lock changes, and the browser the tests need.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
export NO_MKDOCS_2_WARNING=1   # read and answered: see "Plattformens framtid" in README.md

step() { printf '==> %s\n' "$*" >&2; }

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 eller senare behövs men hittades inte." >&2
  return 1
}

# ensure_venv LOCKFILE: create .venv if needed and install exactly what LOCKFILE pins.
ensure_venv() {
  local lock="$ROOT/$1" stamp="$VENV/.installed-$1" want
  want="$(cat "$lock" "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$PY" ]; then
    return 0
  fi
  if [ ! -x "$PY" ]; then
    step "Skapar en virtuell Python-miljö i .venv"
    "$(find_python)" -m venv "$VENV"
  fi
  step "Installerar paketen i $1 (första gången tar det en minut)"
  "$PY" -m pip install -qq --disable-pip-version-check --require-hashes -r "$lock"
  "$PY" -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e "$ROOT"
  echo "$want" > "$stamp"
}

# ensure_chromium: a headless Chromium for the browser tests; prints its path (empty = Playwright's).
ensure_chromium() {
  local found
  for found in "${TCV_CHROMIUM:-}" chromium chromium-browser google-chrome; do
    if [ -n "$found" ] && command -v "$found" >/dev/null 2>&1; then
      command -v "$found"; return 0
    fi
  done
  if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
    step "Installerar Debians chromium för webbläsartesterna"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    command -v chromium; return 0
  fi
  step "Installerar Playwrights Chromium för webbläsartesterna"
  "$PY" -m playwright install chromium >&2
  echo ""
}

# apt_install PACKAGE...: installs Debian packages when running as root on Debian; else fails.
apt_install() {
  if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
    return 0
  fi
  return 1
}

# ensure_node_tools: the checkers pinned in package-lock.json (axe-core, the Nu HTML Checker) in
# node_modules/, installed again whenever the lock file changes. Needs npm (Node.js 18 or later).
ensure_node_tools() {
  local stamp="$ROOT/node_modules/.installed-package-lock" want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    step "Installerar Debians nodejs och npm för testverktygen"
    if ! apt_install nodejs npm; then
      echo "npm behövs för testverktygen (axe-core, Nu HTML Checker och Biome) men hittades inte." \
        "Installera Node.js 18 eller senare med npm och kör kommandot igen." >&2
      return 1
    fi
  fi
  step "Installerar testverktygen i package-lock.json (axe-core, Nu HTML Checker, Biome)"
  (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}

# ensure_java: Java for the Nu HTML Checker (vnu.jar).
ensure_java() {
  if command -v java >/dev/null 2>&1; then
    return 0
  fi
  step "Installerar Java (default-jre-headless) för Nu HTML Checker"
  if ! apt_install default-jre-headless; then
    echo "Java behövs för Nu HTML Checker men hittades inte." \
      "Installera Java 11 eller senare (t.ex. paketet default-jre-headless) och kör kommandot igen." >&2
    return 1
  fi
}

# data_dir_arg "$@": reads --data DIR and exports TCV_DATA_DIR (absolute); echoes the other args.
parse_data_dir() {
  DATA_DIR="$ROOT/data"
  REST=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --data) DATA_DIR="$(cd "$2" && pwd)"; shift 2 ;;
      --data=*) DATA_DIR="$(cd "${1#--data=}" && pwd)"; shift ;;
      *) REST+=("$1"); shift ;;
    esac
  done
  export TCV_DATA_DIR="$DATA_DIR"
}
