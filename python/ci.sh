#!/usr/bin/env bash
# CI for the Python package: from a machine with Python 3.9+ (3.11 in CI)
# and Rust (1.85+), build the abi3 wheel and run its pytest suite.
#
#   bash python/ci.sh
#
# Creates a throw-away venv under ${TMPDIR:-/tmp}, installs the pinned
# maturin and pytest into it, builds the wheel with `maturin build
# --release` (CARGO_TARGET_DIR is respected, else python/target), installs the wheel and runs pytest.
# The venv also gets the pinned spaCy, so the tests of the spaCy component
# (tests/test_spacy.py) run, with ENTITAS_REQUIRE_SPACY=1: a missing spaCy
# fails them instead of skipping them. SKIP_SPACY=1 leaves spaCy out (and
# its tests are then skipped): spaCy and its dependencies are about 360 MB
# in the venv and took 36 s to install with an empty pip cache, 9 s with a
# warm one.
# Writes nothing into the repository but the cargo target dir. Exits
# non-zero on any failure; the last line printed is pytest's summary.
#
# Environment: PYTHON (default python3.11, else python3), CARGO_TARGET_DIR,
# KEEP_VENV=1 to keep the venv and the wheel (their path is printed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CARGO_TERM_COLOR=never
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in python/tests
export PIP_DISABLE_PIP_VERSION_CHECK=1

MATURIN_VERSION=1.16.0
PYTEST_VERSION=9.2.0
SPACY_VERSION=3.8.18

step() { printf '\n== python: %s\n' "$*"; }

name=python
# shellcheck source=python/ci-env.sh
source "$here/ci-env.sh"

step "venv ($("$python" --version)), maturin $MATURIN_VERSION, pytest $PYTEST_VERSION"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q "maturin==$MATURIN_VERSION" "pytest==$PYTEST_VERSION"

if [ "${SKIP_SPACY:-}" = 1 ]; then
  echo "SKIP_SPACY=1: no spaCy, its tests are skipped"
else
  step "spaCy $SPACY_VERSION (for tests/test_spacy.py)"
  t0=$SECONDS
  "$venv/bin/python" -m pip install -q "spacy==$SPACY_VERSION"
  echo "spaCy installed in $((SECONDS - t0)) s"
  export ENTITAS_REQUIRE_SPACY=1
fi

step "maturin build --release"
cargo --version
(cd "$here" && "$venv/bin/maturin" build --release --interpreter "$venv/bin/python" --out "$work/wheels")
wheel="$(ls "$work"/wheels/entitas-*.whl)"
echo "wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KB)"

step "pip install the wheel"
"$venv/bin/python" -m pip install -q --no-index "$wheel"
# Import from the installed wheel, not from the checkout.
(cd "$work" && "$venv/bin/python" -c 'import entitas; print("entitas", entitas.__version__, "from", entitas.__file__)')

step "pytest"
# Run from the scratch folder with the cache plugin off: nothing is written
# into the repository.
cd "$work"
"$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir "$here" -c "$here/pyproject.toml" "$here/tests"
