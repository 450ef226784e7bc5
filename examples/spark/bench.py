"""Throughput of the Spark job against the binary alone (numbers for README.md).

    SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$VENV/bin/python \\
        $VENV/bin/python examples/spark/bench.py EXTRACT_BINARY INPUT.jsonl [REPEATS]

INPUT.jsonl holds {"id","text"} lines. Prints, per engine, the median wall
time of REPEATS runs (default 3) and documents/s and MB/s, where MB are
the UTF-8 bytes of the texts. Spark times exclude the session start-up and
include reading the input and writing the JSONL output to local disk. The
wheel engine runs only if `import entitas` works.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import job  # noqa: E402


def main():
    binary, path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    docs, text_bytes = 0, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs += 1
                text_bytes += len(json.loads(line)["text"].encode())
    mb = text_bytes / 1e6
    print(f"input: {path}: {docs} documents, {mb:.1f} MB of text, "
          f"{os.path.getsize(path) / 1e6:.1f} MB of JSONL; {os.cpu_count()} cores")
    work = tempfile.mkdtemp(prefix="entitas-spark-bench.")
    results = {}

    def report(name, times):
        t = statistics.median(times)
        results[name] = t
        print(f"{name:<22} {t:6.2f} s  {docs / t:9,.0f} docs/s  {mb / t:6.2f} MB/s   "
              f"(runs: {', '.join(f'{x:.2f}' for x in times)})", flush=True)

    times = []
    for _ in range(repeats):
        with open(os.path.join(work, "direct.jsonl"), "wb") as out:
            t = time.perf_counter()
            subprocess.run([binary, "--format", "jsonl", path], stdout=out, check=True)
            times.append(time.perf_counter() - t)
    report("binary alone", times)

    from pyspark.sql import SparkSession

    t = time.perf_counter()
    spark = (SparkSession.builder.master("local[2,4]").appName("entitas-bench")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print(f"{'Spark session start':<22} {time.perf_counter() - t:6.2f} s")
    engines = [("Spark TRANSFORM", ["--binary", binary])]
    try:
        import entitas  # noqa: F401

        engines.append(("Spark wheel", ["--engine", "wheel"]))
    except ImportError:
        print("Spark wheel: skipped (import entitas failed)")
    for name, flags in engines:
        times = []
        for i in range(repeats + 1):  # the first run warms the JVM and is not counted
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            t = time.perf_counter()
            job.run(spark, job.parse_args(["--input", path, "--jsonl-out", out, *flags]))
            if i:
                times.append(time.perf_counter() - t)
        report(name, times)
        with open(os.path.join(work, "direct.jsonl"), "rb") as f:
            assert job_output(out) == f.read(), f"{name}: output differs from the binary's"
    spark.stop()
    shutil.rmtree(work)


def job_output(folder):
    parts = sorted(p for p in os.listdir(folder) if p.startswith("part-"))
    return b"".join(open(os.path.join(folder, p), "rb").read() for p in parts)


if __name__ == "__main__":
    main()
