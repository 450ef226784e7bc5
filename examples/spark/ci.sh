#!/usr/bin/env bash
# Integration test of the Spark job (examples/spark/job.py): from a machine
# with Python 3.11 (3.9+), Java 17 and Rust.
#
#   bash examples/spark/ci.sh
#
# Builds the release `extract` binary (CARGO_TARGET_DIR is respected),
# creates a throw-away venv under ${TMPDIR:-/tmp} with the pinned pyspark
# and pytest, builds the entitas wheel with the pinned maturin when it can
# (for the `--engine wheel` test; skipped with a message when it cannot), and
# runs test_spark.py on Spark local[2,4] (and one spark-submit on
# local-cluster) over 20,000 generated documents. Writes nothing into the
# repository but the cargo target dirs. The last line is pytest's summary.
#
# Environment: PYTHON (default python3.11, else python3), CARGO_TARGET_DIR,
# SPARK_CI_WHEEL=0 to skip the wheel, SPARK_DOCS (default 20000),
# KEEP_VENV=1 to keep the scratch folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TERM_COLOR=never
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in examples/spark
export PIP_DISABLE_PIP_VERSION_CHECK=1

PYSPARK_VERSION=4.3.0
PYTEST_VERSION=9.2.0
MATURIN_VERSION=1.16.0

step() { printf '\n== spark: %s\n' "$*"; }

name=spark
# shellcheck source=python/ci-env.sh
source "$root/python/ci-env.sh"
command -v java >/dev/null || { echo "ci.sh: java not found: Spark 4 needs Java 17 or newer" >&2; exit 1; }

step "cargo build --release --example extract"
target="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --release --example extract --quiet)
binary="$target/release/examples/extract"
test -x "$binary"
echo "binary: $binary (needs $(objdump -T "$binary" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 || echo 'glibc ?'))"

step "venv ($("$python" --version)), pyspark $PYSPARK_VERSION, pytest $PYTEST_VERSION ($(java -version 2>&1 | head -1))"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q "pyspark==$PYSPARK_VERSION" "pytest==$PYTEST_VERSION"

wheel=0
if [ "${SPARK_CI_WHEEL:-1}" != 0 ]; then
  step "entitas wheel for --engine wheel (maturin $MATURIN_VERSION)"
  if "$venv/bin/python" -m pip install -q "maturin==$MATURIN_VERSION" \
     && (cd "$root/python" && "$venv/bin/maturin" build --release --quiet \
           --interpreter "$venv/bin/python" --out "$work/wheels") \
     && "$venv/bin/python" -m pip install -q --no-index "$work"/wheels/entitas-*.whl; then
    wheel=1
  else
    echo "ci.sh: could not build or install the entitas wheel: the --engine wheel test is skipped" >&2
  fi
else
  echo "SPARK_CI_WHEEL=0: the --engine wheel test is skipped"
fi

step "pytest test_spark.py (Spark local[2,4], ${SPARK_DOCS:-20000} documents)"
export ENTITAS_EXTRACT="$binary" ENTITAS_WHEEL="$wheel"
export SPARK_LOCAL_IP=127.0.0.1             # never resolve an external address
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
unset SPARK_HOME                            # the venv's pyspark, not a system Spark
cd "$work"
"$venv/bin/python" -m pytest -q -rs -p no:cacheprovider --basetemp "$work/pytest" \
  --rootdir "$here" "$here/test_spark.py"
