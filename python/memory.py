"""Memory per entity of ``extract`` (dicts) and ``extract(compact=True)``
(tuples), on a text of N entities (``"Iran " * N``, default 1,000,000).

    python memory.py [N]

For each form, each in a fresh subprocess: the bytes the returned list
holds on the Python heap (tracemalloc: what stays while you keep the
result), and, without tracemalloc (it costs memory of its own), the
growth of the process's RSS over the call (what stays, as the kernel
sees it) and of its peak RSS (ru_maxrss: also the Rust side's working
memory during the call), each divided by the number of entities. A
measurement script, not a test.
"""

import subprocess
import sys

CHILD = r"""
import os, resource, sys, tracemalloc
import entitas
n, compact, traced = int(sys.argv[1]), sys.argv[2] == "compact", sys.argv[3] == "traced"
text = "Iran " * n
entitas.extract("Iran")  # build the default extractor first
rss = lambda: int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
if traced:
    tracemalloc.start()
    found = entitas.extract(text, compact=compact)
    print(tracemalloc.get_traced_memory()[0])
else:
    rss0, peak0 = rss(), peak()
    found = entitas.extract(text, compact=compact)
    print(rss() - rss0, peak() - peak0)
assert len(found) == n, len(found)
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"{n:,} entities ('Iran ' * {n:,})")
    for form in ("dict", "compact"):
        def run(mode):
            argv = [sys.executable, "-c", CHILD, str(n), form, mode]
            return list(map(int, subprocess.run(argv, check=True, capture_output=True, text=True).stdout.split()))

        (held,) = run("traced")
        rss, peak = run("rss")
        print(
            f"{form:8} held (tracemalloc) {held / n:6.0f} B/entity | RSS growth {rss / n:6.0f} B/entity"
            f" | peak RSS growth {peak / n:6.0f} B/entity ({peak / 1e6:,.0f} MB)"
        )


if __name__ == "__main__":
    main()
