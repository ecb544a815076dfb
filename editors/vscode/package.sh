#!/usr/bin/env bash
# Build the VS Code extension as a .vsix with @vscode/vsce (from npm, pinned in package.json).
#   bash editors/vscode/package.sh [OUTPUT.vsix]      default: editors/vscode/argmap-VERSION.vsix
# Install it with: code --install-extension editors/vscode/argmap-0.1.0.vsix
# Needs node and npm. Checks first that the TextMate grammar is what tools/gen_textmate.py writes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python=python3
command -v npm >/dev/null 2>&1 || { echo "package.sh: npm is needed (install Node.js 20+)" >&2; exit 3; }

"$python" "$root/tools/gen_textmate.py" --check
cd "$here"
if [ ! -d node_modules/@vscode/vsce ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
version="$(node -p 'require("./package.json").version')"
out="${1:-$here/argmap-$version.vsix}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
# vsce takes the production dependencies (vscode-languageclient) and leaves out what .vscodeignore lists
npx --no-install vsce package --out "$out" >&2
echo "$out"
