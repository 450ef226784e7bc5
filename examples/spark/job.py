#!/usr/bin/env python3
"""Named entities in Indonesian text on Apache Spark, with entitas.

Reads JSONL (`{"id": ..., "text": ...}` per line) or TSV (`id<TAB>text` per
line) and writes, per document, `{"id": ..., "entities": [...]}`: as JSONL
(byte for byte what `extract --format jsonl` prints for the same input, in
input order) and/or as typed Parquet (`id STRING, entities ARRAY<STRUCT<...>>`).
`--explode` writes one row per entity instead.

Two engines:

* `--engine transform` (default): Spark SQL
  `SELECT TRANSFORM(value) USING './extract --format jsonl -' AS (line STRING)`.
  The `extract` example binary is shipped to the executors (`--files` or,
  when `--binary` names a local file, `SparkContext.addFile`) and runs as a
  streaming filter, one process per task. No Python worker is in the data
  path. Spark checks the child's exit status: a non-zero exit fails the task.
* `--engine wheel`: the entitas Python wheel (installed in the executors'
  Python) in `mapPartitions`: one `entitas.Extractor` per Python worker
  process, built once and reused, `extract_batch` on chunks of documents.

A malformed input line fails the task (and, after `spark.task.maxFailures`
attempts, the job) unless `--skip-bad-lines` is given; then such lines are
dropped and counted (on stderr of the task with `transform`, in the driver's
output with `wheel`). RDD.pipe is deliberately not used: PySpark's `pipe`
ignores the child's exit status unless `checkCode=True`, and silently loses
documents when the child dies.

    spark-submit --master yarn --files target/release/examples/extract \\
        examples/spark/job.py --input docs.jsonl --jsonl-out out/jsonl --parquet-out out/parquet

See README.md in this folder for the recipe, the failure semantics and
measured throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys

# Entity fields, in the order of the Rust `Entity` struct. `nested` and
# `alternatives` are omitted from the JSON when false / empty.
ENTITY_FIELDS = (
    "text STRING, label STRING, id STRING, canonical STRING, "
    "byte_start BIGINT, byte_end BIGINT, char_start BIGINT, char_end BIGINT, "
    "source STRING, nested BOOLEAN, alternatives ARRAY<STRING>"
)
# The schema of one output line. `id` is kept as text: a string id is its
# value, a numeric id its JSON text (`7`).
LINE_SCHEMA = f"id STRING, entities ARRAY<STRUCT<{ENTITY_FIELDS}>>"

WHEEL_CHUNK = 2000  # documents per extract_batch call


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Find named entities in Indonesian text with entitas on Spark.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--input", required=True, nargs="+", help="input file(s) or folder(s), any Spark path")
    p.add_argument("--input-format", choices=("jsonl", "tsv"), default="jsonl",
                   help='jsonl: {"id","text"} per line (default); tsv: id<TAB>text per line')
    p.add_argument("--jsonl-out", help="write JSONL here (a folder of part files)")
    p.add_argument("--parquet-out", help="write typed Parquet here")
    p.add_argument("--explode", action="store_true",
                   help="one row per entity (doc_id, n, entity fields) instead of one per document")
    p.add_argument("--engine", choices=("transform", "wheel"), default="transform")
    p.add_argument("--binary", default="extract",
                   help="transform: the extract binary; a local file is shipped with addFile, "
                        "a bare name is one shipped with spark-submit --files (default: extract)")
    p.add_argument("--skip-bad-lines", action="store_true",
                   help="drop malformed input lines instead of failing the job")
    p.add_argument("--nested", action="store_true", help="also report nested mentions")
    p.add_argument("--case", choices=("auto", "smart", "insensitive"), default="auto")
    p.add_argument("--no-rules", action="store_true", help="gazetteer matches only")
    p.add_argument("--gazetteer", action="append", default=[],
                   help="an extra gazetteer .tsv file (repeatable); shipped with addFile")
    p.add_argument("--min-partitions", type=int,
                   help="split the input into at least this many partitions "
                        "(spark.sql.files.minPartitionNum)")
    p.add_argument("--mode", default="errorifexists",
                   choices=("errorifexists", "overwrite"), help="what to do when an output exists")
    p.add_argument("--master", help="Spark master when run with plain python (default: spark-submit's)")
    args = p.parse_args(argv)
    if not args.jsonl_out and not args.parquet_out:
        p.error("give --jsonl-out and/or --parquet-out")
    return args


# --------------------------------------------------------------------------
# Input


def read_lines(spark, args):
    """The input as a DataFrame with one column `value`: one JSONL record
    per row, in input order (partition by partition)."""
    from pyspark.sql import functions as F

    if args.min_partitions:
        # Spark splits files into about total/min-partitions bytes, but no
        # split smaller than the open cost (4 MB): lower it.
        spark.conf.set("spark.sql.files.minPartitionNum", str(args.min_partitions))
        spark.conf.set("spark.sql.files.openCostInBytes", str(64 << 10))
    # Lines end at \n only, as for the binary (Spark's default also cuts at \r).
    df = spark.read.option("lineSep", "\n").text(args.input)
    if args.input_format == "tsv":
        # id<TAB>text; the text is everything after the first tab. A line
        # without a tab has no text: the extractor rejects it as malformed.
        parts = F.split(F.col("value"), "\t", 2)
        blank = F.trim(F.col("value")) == ""
        record = F.to_json(F.struct(parts[0].alias("id"), parts[1].alias("text")))
        df = df.select(F.when(blank, F.lit("")).otherwise(record).alias("value"))
    return df


# --------------------------------------------------------------------------
# Engine 1: SQL TRANSFORM over the extract binary


def extractor_flags(args, gazetteer_path):
    flags = []
    for g in args.gazetteer:
        flags += ["--gazetteer", gazetteer_path(os.path.basename(g))]
    if args.case != "auto":
        flags += ["--case", args.case]
    if args.nested:
        flags.append("--nested")
    if args.no_rules:
        flags.append("--no-rules")
    return flags


def ship(sc, path):
    """Ship a local file to the executors unless spark-submit --files did."""
    name = os.path.basename(path)
    shipped = {os.path.basename(f) for f in sc.getConf().get("spark.files", "").split(",") if f}
    if name not in shipped:
        sc.addFile(path)
    return name


def transform(spark, args, lines):
    from pyspark import SparkFiles

    sc = spark.sparkContext
    names = [ship(sc, g) for g in args.gazetteer]
    assert len(set(names)) == len(names), "gazetteer file names must differ"
    if os.path.isfile(args.binary):
        binary = ship(sc, args.binary)
    else:
        binary = args.binary
    # Files shipped with --files or addFile land in each executor's working
    # directory, where the TRANSFORM command runs; in local mode (driver and
    # executor in one JVM) they land in the driver's SparkFiles folder.
    local = sc.master.startswith("local[") or sc.master == "local"
    where = (lambda n: SparkFiles.get(n)) if local else (lambda n: "./" + n)
    cmd = [where(binary), "--format", "jsonl"] + extractor_flags(args, where)
    if args.skip_bad_lines:
        cmd.append("--skip-bad-lines")
    cmd.append("-")
    command = " ".join(shlex.quote(c) for c in cmd)
    # --files keeps the executable bit only on some cluster managers: set it.
    script = f"chmod +x {shlex.quote(where(binary))} 2>/dev/null; exec {command}"
    lines.createOrReplaceTempView("entitas_input")
    sql = f"SELECT TRANSFORM(value) USING '{escape_sql(script)}' AS (line STRING) FROM entitas_input"
    return spark.sql(sql)


def escape_sql(s):
    return s.replace("\\", "\\\\").replace("'", "\\'")


# --------------------------------------------------------------------------
# Engine 2: the Python wheel in mapPartitions

def _extractor(options):
    """The Extractor for these options, built once per Python worker process.

    The functions of this module reach the workers pickled by value, with a
    fresh copy of its globals per task; the cache lives on the imported
    `entitas` module instead, which a reused worker keeps between tasks."""
    import entitas

    cache = entitas.__dict__.setdefault("_spark_extractors", {})
    key = repr(sorted(options.items()))
    if key not in cache:
        gazetteers = [_spark_file(g) for g in options["gazetteers"]]
        cache[key] = entitas.Extractor(
            gazetteers=gazetteers or None, case=options["case"],
            nested=options["nested"], rules=options["rules"])
    return cache[key]


def _spark_file(name):
    from pyspark import SparkFiles

    return SparkFiles.get(name)


def _reject_constant(name):
    raise ValueError(f"invalid JSON number {name}")


def _parse_record(line):
    """(id, text) of one JSONL line; None for a blank line; ValueError if bad."""
    if not line.strip():
        return None
    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except ValueError as e:
        raise ValueError(f"invalid JSON: {e}") from None
    if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
        raise ValueError('expected an object with "id" and a string "text"')
    return record["id"], record["text"]


# The binary's key order (its serde structs): a record is `id`, `entities`;
# an entity its fields in this order, `nested` only when true,
# `alternatives` only when not empty.
ENTITY_KEYS = ("text", "label", "id", "canonical", "byte_start", "byte_end",
               "char_start", "char_end", "source")


def _entity_json(e):
    """One entity as the binary writes it."""
    out = {k: e[k] for k in ENTITY_KEYS}
    if e.get("nested"):
        out["nested"] = True
    if e.get("alternatives"):
        out["alternatives"] = list(e["alternatives"])
    return out


def _dumps(obj):
    # serde_json's compact form, keys in the order given, UTF-8 kept.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def wheel_partition(options, skipped=None):
    """A mapPartitions function: rows with `value` (JSONL) in, output lines out."""

    def run(rows):
        extractor = _extractor(options)
        chunk, number = [], 0

        def flush():
            found = extractor.extract_batch([text for _, text in chunk])
            for (doc_id, _), entities in zip(chunk, found):
                yield (_dumps({"id": doc_id, "entities": [_entity_json(e) for e in entities]}),)
            chunk.clear()

        for row in rows:
            number += 1
            try:
                record = _parse_record(row.value)
            except ValueError as e:
                if options["skip_bad_lines"]:
                    if skipped is not None:
                        skipped.add(1)
                    continue
                raise ValueError(f"entitas: partition line {number}: {e} "
                                 "(use --skip-bad-lines to skip it)") from None
            if record is None:
                continue
            chunk.append(record)
            if len(chunk) >= WHEEL_CHUNK:
                yield from flush()
        if chunk:
            yield from flush()

    return run


def wheel(spark, args, lines):
    sc = spark.sparkContext
    names = [ship(sc, g) for g in args.gazetteer]
    options = {
        "gazetteers": names, "case": args.case, "nested": args.nested, "rules": not args.no_rules,
        "skip_bad_lines": args.skip_bad_lines,
    }
    if __name__ != "__main__":
        # Imported (by a test or your own driver): ship this module's code
        # with the functions, so the workers need not import it.
        from pyspark import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    skipped = sc.accumulator(0)
    rdd = lines.rdd.mapPartitions(wheel_partition(options, skipped))
    return spark.createDataFrame(rdd, "line STRING"), skipped


# --------------------------------------------------------------------------
# Output


def typed(spark, line_df, explode):
    """JSONL lines to typed rows: one per document, or one per entity."""
    from pyspark.sql import functions as F

    parsed = line_df.select(F.from_json("line", LINE_SCHEMA, {"mode": "FAILFAST"}).alias("d"))
    # Absent `nested` / `alternatives` mean false / empty.
    entities = F.transform("d.entities", lambda e: e.withField(
        "nested", F.coalesce(e["nested"], F.lit(False))).withField(
        "alternatives", F.coalesce(e["alternatives"], F.array().cast("array<string>"))))
    docs = parsed.select(F.col("d.id").alias("id"), entities.alias("entities"))
    if not explode:
        return docs
    # The document's id is `doc_id` here: the entity has an `id` of its own.
    return docs.select(F.col("id").alias("doc_id"), F.posexplode("entities").alias("n", "entity")).select(
        "doc_id", "n", "entity.*")


def run(spark, args):
    """Runs the job on an existing SparkSession; returns a summary dict."""
    from pyspark.sql import functions as F

    lines = read_lines(spark, args)
    skipped = None
    if args.engine == "transform":
        out = transform(spark, args, lines)
    else:
        out, skipped = wheel(spark, args, lines)
    summary = {"partitions": lines.rdd.getNumPartitions()}
    if args.jsonl_out and not args.explode:
        # The lines exactly as the extractor printed them, in input order.
        out.write.mode(args.mode).text(args.jsonl_out)
        # Parquet from the written JSONL: no second extraction.
        out = spark.read.option("lineSep", "\n").text(args.jsonl_out).withColumnRenamed("value", "line")
    if args.parquet_out or args.explode:
        rows = typed(spark, out, args.explode)
        if args.parquet_out:
            rows.write.mode(args.mode).parquet(args.parquet_out)
        if args.explode and args.jsonl_out:
            if args.parquet_out:
                rows = spark.read.parquet(args.parquet_out)
            rows.select(F.to_json(F.struct("*")).alias("line")).write.mode(args.mode).text(args.jsonl_out)
    if skipped is not None:
        summary["skipped_bad_lines"] = skipped.value
    return summary


def main(argv=None):
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("entitas")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        summary = run(spark, args)
    finally:
        spark.stop()
    print("entitas:", json.dumps(summary), file=sys.stderr)


if __name__ == "__main__":
    main()
