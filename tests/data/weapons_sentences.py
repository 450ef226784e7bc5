#!/usr/bin/env python3
"""Turns tests/data/weapons-sentences.txt (markup: [[weapon]], {{hard negative}})
into tests/data/weapons-sentences.jsonl in the format of the shared eval sets:
{"id", "text", "entities": [{"start", "end", "label", "text"}], "negatives": [...], "part"}
(part "a": written with the rules; part "b": written after them, not tuned on;
part "c": written for the second round, before its rules)
(code point offsets, end-exclusive). Standard library only, deterministic."""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).parent
MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


def parse(line):
    text, ents, negs, pos = "", [], [], 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]
        name = m.group(1) or m.group(2)
        span = {"start": len(text), "end": len(text) + len(name), "label": "WEAPON", "text": name}
        (ents if m.group(1) else negs).append(span)
        text += name
        pos = m.end()
    text += line[pos:]
    for n in negs:
        n.pop("label")
    return text, ents, negs


def main():
    out, part = [], "a"
    for line in (HERE / "weapons-sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# part ") and line[7:8].isalpha():
            part = line[7].lower()
        if not line.strip() or line.startswith("#"):
            continue
        text, ents, negs = parse(line)
        out.append({"id": f"weapons-{len(out):04d}", "text": text, "entities": ents,
                    "negatives": negs, "part": part})
    with open(HERE / "weapons-sentences.jsonl", "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(out), "sentences,", sum(len(r["entities"]) for r in out), "weapons,",
          sum(len(r["negatives"]) for r in out), "hard negatives,",
          sum(1 for r in out if r["entities"]), "with a weapon")


main()
