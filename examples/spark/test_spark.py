"""Integration test of examples/spark/job.py on Spark local[2,4].

Run by ci.sh, which builds the binary, makes the venv and sets:

  ENTITAS_EXTRACT   the release `extract` binary (required)
  ENTITAS_WHEEL     1 when the entitas wheel is installed in this venv
  SPARK_DOCS        number of generated documents (default 20000)

The oracle is the binary run directly on the same input: the Spark JSONL
output, its part files concatenated in name order, must equal it byte for
byte.
"""

import json
import os
import random
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import job  # noqa: E402

BINARY = os.environ.get("ENTITAS_EXTRACT", "")
DOCS = int(os.environ.get("SPARK_DOCS", "20000"))
MASTER = "local[2,4]"  # 2 cores, up to 4 attempts per task (local[2] never retries)
PARTITIONS = 4


# --------------------------------------------------------------------------
# A deterministic Indonesian-like corpus

PEOPLE = ["Sergei Shoigu", "Joko Widodo", "Prabowo Subianto", "Vladimir Putin", "Recep Tayyip Erdoğan",
          "Ebrahim Raisi", "Antony Blinken", "Retno Marsudi", "Ali Khamenei", "Xi Jinping"]
PLACES = ["Rusia", "Iran", "AS", "Amerika Serikat", "Jakarta", "Teheran", "Moskow", "Ukraina", "Israel",
          "Tiongkok", "Surabaya", "Laut China Selatan", "Indonesia", "Suriah", "Washington"]
ORGS = ["PBB", "NATO", "IRGC", "Korps Garda Revolusi Islam Iran", "TNI", "Kementerian Pertahanan",
        "Badan Intelijen Negara", "ASEAN", "Uni Eropa", "Kremlin"]
THINGS = ["rudal balistik", "drone Shahed-136", "rudal Fateh-110", "sistem S-400", "jet tempur Su-35"]
VERBS = ["mengatakan", "menyatakan", "membantah", "menegaskan", "mengonfirmasi", "melaporkan"]
WORDS = ["pemerintah", "pejabat", "laporan", "kerja sama", "pertahanan", "pekan lalu", "menurut",
         "sumber", "militer", "pengiriman", "sanksi", "ekonomi", "wilayah", "perbatasan", "kunjungan",
         "negara", "rakyat", "keamanan", "bersama", "dalam", "untuk", "yang", "dengan", "dan", "di"]
ODD = ["“kutipan”", "‘tanda’", "—", "…", "\\", "\t", "\n", "😀", "İran", "Rusia-Ukraina", "pro-Rusia",
       "PBB-nya", "Rusianya", "IRGC's", "CNN.com", "RUSIA", "as", "é", "\u00a0", "\"", "</b>"]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 9))]
    for pool in (PEOPLE, PLACES, ORGS, THINGS, VERBS):
        if rng.random() < 0.6:
            words.insert(rng.randrange(len(words) + 1), rng.choice(pool))
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
    if rng.random() < 0.3:
        words.insert(0, rng.choice(["Menteri Pertahanan", "Presiden", "Juru bicara", "Kepala"]))
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?", ","])


def generate(n, seed=20261126):
    rng = random.Random(seed)
    for i in range(n):
        text = " ".join(sentence(rng) for _ in range(rng.randint(1, 8)))
        if i % 997 == 5:
            text = ""  # an empty text is a document too
        yield {"id": f"doc-{i:06d}", "text": text}


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def run_binary(path, *flags):
    return subprocess.run([BINARY, "--format", "jsonl", *flags, path], check=True,
                          stdout=subprocess.PIPE).stdout


def concat_parts(folder):
    parts = sorted(p for p in os.listdir(folder) if p.startswith("part-"))
    return b"".join(open(os.path.join(folder, p), "rb").read() for p in parts)


def normalised(entity):
    """An entity as read back from Parquet: absent nested/alternatives filled in."""
    e = dict(entity)
    e.setdefault("nested", False)
    e.setdefault("alternatives", [])
    return e


# --------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    if not BINARY or not os.access(BINARY, os.X_OK):
        pytest.fail("ENTITAS_EXTRACT must name the built extract binary (ci.sh sets it)")
    work = tmp_path_factory.mktemp("spark")
    path = str(work / "docs.jsonl")
    write_jsonl(path, generate(DOCS))
    expected = run_binary(path)
    return {"work": work, "path": path, "expected": expected}


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master(MASTER).appName("entitas-test")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def args(*argv):
    return job.parse_args(["--min-partitions", str(PARTITIONS), *argv])


def failed_task_attempts(sc, group):
    tracker = sc.statusTracker()
    failed = 0
    for job_id in tracker.getJobIdsForGroup(group):
        info = tracker.getJobInfo(job_id)
        for stage_id in info.stageIds if info else []:
            stage = tracker.getStageInfo(stage_id)
            failed += stage.numFailedTasks if stage else 0
    return failed


# --------------------------------------------------------------------------
# Tests


def test_corpus_is_big_enough(corpus):
    lines = corpus["expected"].count(b"\n")
    assert lines == DOCS >= 20000
    assert os.path.getsize(corpus["path"]) > 4 << 20


def test_transform_jsonl_is_the_binarys_output_and_parquet_reads_back(spark, corpus):
    out = corpus["work"] / "transform"
    summary = job.run(spark, args("--input", corpus["path"], "--binary", BINARY,
                                  "--jsonl-out", str(out / "jsonl"), "--parquet-out", str(out / "parquet")))
    assert summary["partitions"] >= PARTITIONS
    got = concat_parts(out / "jsonl")
    assert got == corpus["expected"], "Spark TRANSFORM output differs from the binary's"
    ids = [json.loads(line)["id"] for line in got.splitlines()]
    assert ids == sorted(ids) and len(set(ids)) == DOCS

    # Parquet: one row per document, the same entities, typed.
    rows = spark.read.parquet(str(out / "parquet")).collect()
    assert len(rows) == DOCS
    want = {}
    for line in corpus["expected"].splitlines():
        d = json.loads(line)
        want[d["id"]] = [normalised(e) for e in d["entities"]]
    got_rows = {r["id"]: [e.asDict() for e in r["entities"]] for r in rows}
    assert got_rows == want
    assert sum(map(len, want.values())) > DOCS  # the corpus does have entities


def test_failed_task_is_retried_and_output_is_still_exact(spark, corpus):
    work = corpus["work"] / "flaky"
    work.mkdir()
    marker = work / "failed-once"
    wrapper = work / "flaky-extract"
    # The first attempt to create the marker writes 100 result lines, then
    # exits 1: a task that fails after part of its output is written.
    wrapper.write_text(f"""#!/bin/sh
if mkdir '{marker}' 2>/dev/null; then
  '{BINARY}' "$@" | head -n 100
  exit 1
fi
exec '{BINARY}' "$@"
""")
    wrapper.chmod(0o755)
    sc = spark.sparkContext
    sc.setJobGroup("flaky", "one task fails once")
    try:
        job.run(spark, args("--input", corpus["path"], "--binary", str(wrapper),
                            "--jsonl-out", str(work / "jsonl")))
    finally:
        sc.setJobGroup("other", "")
    assert marker.is_dir(), "the failure was not injected"
    assert failed_task_attempts(sc, "flaky") >= 1, "Spark reports no failed task attempt"
    got = concat_parts(work / "jsonl")
    assert got == corpus["expected"], "output after the retry differs from the binary's"
    ids = [json.loads(line)["id"] for line in got.splitlines()]
    assert len(ids) == len(set(ids)) == DOCS  # every document exactly once


def test_bad_line_fails_the_job_unless_skipped(spark, corpus):
    work = corpus["work"] / "bad"
    work.mkdir()
    path = str(work / "bad.jsonl")
    good = list(generate(50, seed=7))
    with open(path, "w", encoding="utf-8") as f:
        for r in good[:20]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        f.write('{"id": "broken", "text": \n')
        for r in good[20:]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with pytest.raises(Exception) as failure:
        job.run(spark, job.parse_args(["--input", path, "--binary", BINARY, "--jsonl-out", str(work / "fail")]))
    assert "exited with status 1" in str(failure.value) or "status 1" in str(failure.value)
    job.run(spark, job.parse_args(["--input", path, "--binary", BINARY, "--skip-bad-lines",
                                   "--jsonl-out", str(work / "skip")]))
    assert concat_parts(work / "skip") == run_binary(path, "--skip-bad-lines")
    assert concat_parts(work / "skip").count(b"\n") == 50


def test_tsv_input_and_explode(spark, corpus):
    work = corpus["work"] / "tsv"
    work.mkdir()
    docs = [{"id": d["id"], "text": d["text"].replace("\t", " ").replace("\n", " ")}
            for d in generate(3000, seed=11)]
    with open(work / "docs.tsv", "w", encoding="utf-8") as f:
        f.writelines(f"{d['id']}\t{d['text']}\n" for d in docs)
    write_jsonl(str(work / "docs.jsonl"), docs)
    expected = run_binary(str(work / "docs.jsonl"), "--nested")
    job.run(spark, args("--input", str(work / "docs.tsv"), "--input-format", "tsv", "--nested",
                        "--binary", BINARY, "--jsonl-out", str(work / "jsonl")))
    assert concat_parts(work / "jsonl") == expected

    job.run(spark, args("--input", str(work / "docs.tsv"), "--input-format", "tsv", "--nested", "--explode",
                        "--binary", BINARY, "--parquet-out", str(work / "exploded")))
    rows = spark.read.parquet(str(work / "exploded")).collect()
    want = sorted((d["id"], n, json.dumps(normalised(e), sort_keys=True))
                  for d in map(json.loads, expected.splitlines()) for n, e in enumerate(d["entities"]))
    got = sorted((r["doc_id"], r["n"], json.dumps({k: v for k, v in r.asDict().items() if k not in ("doc_id", "n")},
                                              sort_keys=True)) for r in rows)
    assert got == want
    assert any(r["nested"] for r in rows)


@pytest.mark.skipif(os.environ.get("ENTITAS_WHEEL") != "1",
                    reason="the entitas wheel is not installed (ci.sh builds it with maturin when it can)")
def test_wheel_engine_matches_the_binary(spark, corpus):
    out = corpus["work"] / "wheel"
    summary = job.run(spark, args("--input", corpus["path"], "--engine", "wheel",
                                  "--jsonl-out", str(out / "jsonl"), "--parquet-out", str(out / "parquet")))
    assert summary["partitions"] >= PARTITIONS
    assert concat_parts(out / "jsonl") == corpus["expected"], "wheel engine output differs from the binary's"
    assert spark.read.parquet(str(out / "parquet")).count() == DOCS
    # A bad line fails the job here too, unless skipped.
    bad = corpus["work"] / "wheel-bad.jsonl"
    bad.write_text('{"id": 1, "text": "Iran"}\nnot json\n{"id": 2, "text": "Rusia"}\n')
    with pytest.raises(Exception, match="invalid JSON"):
        job.run(spark, job.parse_args(["--input", str(bad), "--engine", "wheel",
                                       "--jsonl-out", str(out / "bad-fail")]))
    job.run(spark, job.parse_args(["--input", str(bad), "--engine", "wheel", "--skip-bad-lines",
                                   "--jsonl-out", str(out / "bad-skip")]))
    assert concat_parts(out / "bad-skip") == run_binary(str(bad), "--skip-bad-lines")


def test_spark_submit_recipe_ships_the_binary_with_files(corpus):
    """The README's recipe: spark-submit --files extract job.py, on separate
    executor JVMs (local-cluster), where the binary runs as ./extract."""
    import pyspark

    submit = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")
    out = corpus["work"] / "submit"
    master = os.environ.get("SPARK_SUBMIT_MASTER", "local-cluster[2,1,1024]")
    proc = subprocess.run(
        [submit, "--master", master, "--conf", "spark.ui.enabled=false",
         "--conf", "spark.task.maxFailures=4",
         "--files", BINARY, os.path.join(HERE, "job.py"),
         "--input", corpus["path"], "--min-partitions", str(PARTITIONS),
         "--jsonl-out", str(out / "jsonl"), "--parquet-out", str(out / "parquet")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert concat_parts(out / "jsonl") == corpus["expected"]


def test_gazetteer_is_shipped_to_the_executors(spark, corpus):
    work = corpus["work"] / "gazetteer"
    work.mkdir()
    gazetteer = work / "partai.tsv"
    gazetteer.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\tPDI-P\n", encoding="utf-8")
    path = str(work / "docs.jsonl")
    write_jsonl(path, [{"id": i, "text": t} for i, t in enumerate(
        ["Ketua PDIP bertemu Duta Besar Iran.", "PDI-P dan IRGC.", "tanpa nama"])])
    expected = run_binary(path, "--gazetteer", str(gazetteer))
    assert b'"PARTY"' in expected
    engines = [["--binary", BINARY]] + ([["--engine", "wheel"]] if os.environ.get("ENTITAS_WHEEL") == "1" else [])
    for n, engine in enumerate(engines):
        job.run(spark, job.parse_args(["--input", path, "--gazetteer", str(gazetteer), *engine,
                                       "--jsonl-out", str(work / f"out{n}")]))
        assert concat_parts(work / f"out{n}") == expected, engine
