"""Throughput of ``Extractor.extract_batch`` against a Python loop of
``Extractor.extract``, on a file with one document per line.

    python bench.py CORPUS.txt [--repeat 5] [--nested]

Prints documents/s and MB/s (UTF-8 bytes of the documents) for each, the
best and the median of the runs, and checks that both give the same
entities. A measurement script, not a test.
"""

import argparse
import os
import statistics
import time

import entitas


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--nested", action="store_true")
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        docs = [line.rstrip("\n") for line in f]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    t = time.perf_counter()
    extractor = entitas.Extractor(nested=args.nested)
    print(f"build: {time.perf_counter() - t:.2f} s; {len(docs)} docs, {mb:.2f} MB, {os.cpu_count()} cores")

    loop = lambda: [extractor.extract(d) for d in docs]  # noqa: E731
    batch = lambda: extractor.extract_batch(docs)  # noqa: E731
    assert loop() == batch(), "batch differs from one by one"
    n_entities = sum(map(len, batch()))
    print(f"{n_entities} entities")

    for name, run in (("loop of extract", loop), ("extract_batch", batch)):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
        best, median = min(times), statistics.median(times)
        print(
            f"{name:16} best {best:.3f} s: {len(docs) / best:9.0f} docs/s {mb / best:6.2f} MB/s"
            f" | median {median:.3f} s: {len(docs) / median:9.0f} docs/s {mb / median:6.2f} MB/s"
        )


if __name__ == "__main__":
    main()
