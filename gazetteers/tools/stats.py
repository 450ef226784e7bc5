#!/usr/bin/env python3
"""Print the counts that gazetteers/README.md reports: entities and aliases
per file (aliases as written, before @variants), and the weapons by kind and
origin (from the `# origin: XXX; kind: yyy` section comments).

    python3 gazetteers/tools/stats.py
"""
import collections
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def entity_lines(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if s and not s.startswith("#") and not s.startswith("@"):
            yield line


def main():
    print("| file | entities | aliases (as written) |")
    print("|---|---:|---:|")
    for path in sorted(HERE.glob("*.tsv")):
        lines = list(entity_lines(path))
        aliases = sum(len(l.split("\t")) - 1 for l in lines)
        print(f"| `{path.name}` | {len(lines):,} | {aliases:,} |")
    kinds, origins = collections.Counter(), collections.Counter()
    section = None
    for line in (HERE / "weapons.tsv").read_text(encoding="utf-8").splitlines():
        m = re.match(r"# origin: (\w+); kind: ([\w-]+)", line)
        if m:
            section = m.groups()
        elif line.strip() and not line.startswith(("#", "@")) and section:
            origins[section[0]] += 1
            kinds[section[1]] += 1
    print("\nweapons by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("weapons by origin: " + ", ".join(f"{k} {n}" for k, n in origins.most_common()))


if __name__ == "__main__":
    main()
