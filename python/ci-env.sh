# Sourced by python/ci.sh and examples/spark/ci.sh: picks the Python
# (PYTHON, else python3.11, else python3), checks it and cargo, and makes a
# scratch folder `$work` (removed on exit unless KEEP_VENV=1) with the venv
# path `$venv`. Needs `name` (for the folder and messages) set first.
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if command -v python3.11 >/dev/null; then python=python3.11; else python=python3; fi
fi
command -v "$python" >/dev/null || { echo "ci.sh: $python not found: install Python 3.9+ first" >&2; exit 1; }
command -v cargo >/dev/null || { echo "ci.sh: cargo not found: install Rust (rustup) first" >&2; exit 1; }
"$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' \
  || { echo "ci.sh: $python is not Python 3.9+ with venv (apt-get install python3-venv?)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/entitas-$name-ci.XXXXXX")"
if [ "${KEEP_VENV:-}" = 1 ]; then
  echo "ci.sh: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi
venv="$work/venv"
