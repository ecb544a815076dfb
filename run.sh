#!/usr/bin/env bash
# argmap's one entry point for people and CI.
#   bash run.sh          set up everything, then check every map in maps/ and build the site in out/: each map's
#                        svg, png and html page, and out/index.html; maps that are up to date are not redone
#   bash run.sh test     set up everything (and the npm packages the Argdown and VS Code tests use, when npm
#                        exists), then run the whole test suite
#   bash run.sh setup    set up only
# Set-up is idempotent: system packages via apt-get when missing (Graphviz, a CJK font, Chromium for the
# HTML tests), a virtual environment in .venv, and the package with its test dependencies.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  need_apt+=(fonts-noto-cjk fontconfig)
fi
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)

setup() {
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "run.sh: installing system packages: ${need_apt[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { echo "run.sh: need root (or sudo) to apt-get install ${need_apt[*]}" >&2; exit 3; }
      SUDO="sudo"
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  stamp="$VENV/.argmap-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    touch "$stamp"
  fi
  # The Argdown CLI, for the test that runs it on every exported map (skipped without node); not committed
  if command -v npm >/dev/null 2>&1 && [ ! -x .argdown/node_modules/.bin/argdown ]; then
    npm install --silent --prefix .argdown @argdown/cli >/dev/null || echo "run.sh: npm could not install @argdown/cli" >&2
  fi
}

# The VS Code extension's test tools (vscode-textmate, vscode-oniguruma, @vscode/vsce) when npm exists;
# without node, tests/test_vscode.py skips what needs them and says why.
setup_node() {
  if command -v npm >/dev/null 2>&1; then
    if [ ! -d editors/vscode/node_modules ] || [ editors/vscode/package-lock.json -nt editors/vscode/node_modules/.package-lock.json ]; then
      (cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
  fi
}

case "${1:-main}" in
  setup)
    setup ;;
  test)
    setup
    setup_node
    shift || true
    exec "$VENV/bin/python" -m pytest "$@" ;;
  main)
    setup
    "$VENV/bin/argmap" check maps/
    exec "$VENV/bin/argmap" render maps/ -o out/ --format svg,png,html ;;
  *)
    echo "usage: bash run.sh [main|test|setup]" >&2; exit 2 ;;
esac
