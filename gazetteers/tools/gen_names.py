#!/usr/bin/env python3
"""Writes rules/names-given.txt and rules/names-family.txt: the name lexicons of rule `name`.

    pip install faker==40.54.0            # in a throw-away venv
    python3 gazetteers/tools/gen_names.py  # from the repository root

A lexicon is evidence, not a list of entities: a capitalized word run that holds one of these
names and another capitalized word is a person (see src/rules/names.rs). Sources:

* gazetteers/curated/names/*.txt: given and family names by naming tradition (Indonesian:
  Javanese, Sundanese, Balinese, Batak, Minahasa, Maluku, Papua, Minang, Bugis, Arabic-derived,
  Chinese-Indonesian; foreign: Arabic/Persian/Turkish, Russian/Ukrainian, Hebrew, Chinese,
  Korean, Japanese, South and South-East Asian, European), written from the maintainers' own
  knowledge. `^` marks a family name written first (Chinese, Korean, Vietnamese).
* Faker 40.54.0 (MIT), the person providers of the locales written in Latin script:
  first names of id_ID en_US en_GB de_DE fr_FR es_ES it_IT nl_NL pt_BR pl_PL tr_TR, the
  romanized first names of ja_JP and zh_CN; last names of id_ID en_US en_GB de_DE fr_FR es_ES
  it_IT nl_NL pt_BR pl_PL (male forms) tr_TR, romanized last names of ja_JP and zh_CN.

Filters, for every source: a name is folded (NFKD, marks dropped, lower case); names that are
common Indonesian words (rules/common-words.txt, rules/stopwords.txt), titles or title words
(rules/titles.txt, rules/title-words.txt), head nouns (rules/heads.txt) and words of
gazetteers/curated/names/not-names.txt are left out, and Faker's names that are words of
ENGLISH_WORDS below; so are names of fewer than three letters unless a curated
file marks them `^`. Output: folded, sorted, one a line, `^` kept on family names written first.
"""
import importlib
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CURATED = os.path.join(ROOT, "gazetteers", "curated", "names")
FAKER_VERSION = "40.54.0"
FIRST = "id_ID en_US en_GB de_DE fr_FR es_ES it_IT nl_NL pt_BR pl_PL tr_TR".split()
LAST = "id_ID en_US en_GB de_DE fr_FR es_ES it_IT nl_NL pt_BR tr_TR".split()
# English words that are also surnames or given names: capitalized in Indonesian text they are
# mostly the word (a title of a song, a brand: `Burger King`, `Golden State`).
ENGLISH_WORDS = set("""
black white brown green gray grey young king long price rich bell bond banks hill hall wood
woods stone star golden love hope grace joy faith will may june april august summer winter
page street park church field fields lane mark rose lily ruby pearl dawn angel amber autumn
crystal destiny diamond ivory jade jewel honey sky storm river ocean rain frost snow fox wolf
bird swan hunter fisher baker cook carter mason miller smith turner walker archer shepherd
marshall stewart porter taylor chase cash major noble sharp strong bright swift small little
short best good west east north south moon day knight bishop pope dean judge chancellor
sterling royal duke earl prince princess queen lord master gold silver iron steel glass rock
lake pond brook forest meadow valley ridge cliff bay bank banks cross ford hart hay heath
holly ivy hazel holmes house hope just kind lamb lion mann love may mercy money morning
""".split())


def fold(w):
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.lower().replace("\u2019", "'")


def words_of(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            out.extend(line.split())
    return out


def stop_words():
    stop = set()
    for name in ("common-words.txt", "stopwords.txt", "title-words.txt"):
        stop.update(fold(w) for w in words_of(os.path.join(ROOT, "rules", name)))
    for name in ("titles.txt", "heads.txt"):
        with open(os.path.join(ROOT, "rules", name), encoding="utf-8") as f:
            for line in f:
                line = line.strip().lstrip("+")
                if not line or line.startswith("#"):
                    continue
                parts = line.split("\t")[-1].split()
                if len(parts) == 1:
                    stop.add(fold(parts[0]))
    stop.update(fold(w) for w in words_of(os.path.join(CURATED, "not-names.txt")))
    return stop


def faker_names(locales, attrs):
    out = []
    for loc in locales:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for a in attrs:
            v = getattr(p, a, None)
            if v is None:
                continue
            out.extend(v.keys() if hasattr(v, "keys") else v)
    return out


def main():
    from importlib.metadata import version

    if version("faker") != FAKER_VERSION:
        sys.exit(f"need faker=={FAKER_VERSION}, found {version('faker')}")
    stop = stop_words()
    given, family, first_family = set(), set(), set()

    def keep(w, short_ok=False, english=False):
        f = fold(w)
        if not re.fullmatch(r"[a-z][a-z'-]*[a-z]|[a-z]", f):
            return None
        if f in stop or (len(f) < 3 and not short_ok) or (english and f in ENGLISH_WORDS):
            return None
        return f

    for name in sorted(os.listdir(CURATED)):
        if not name.endswith(".txt") or name == "not-names.txt":
            continue
        target = given if name.startswith("given") else family
        for w in words_of(os.path.join(CURATED, name)):
            if w.startswith("^"):
                f = keep(w[1:], short_ok=True)
                if f:
                    first_family.add(f)
            else:
                f = keep(w)
                if f:
                    target.add(f)
    for w in faker_names(FIRST, ["first_names", "first_names_male", "first_names_female"]):
        f = keep(w, english=True)
        if f:
            given.add(f)
    for w in faker_names(["ja_JP", "zh_CN"], ["first_romanized_names"]):
        f = keep(w, english=True)
        if f:
            given.add(f)
    for w in faker_names(LAST, ["last_names", "last_names_male", "last_names_female"]):
        f = keep(w, english=True)
        if f:
            family.add(f)
    for w in faker_names(["pl_PL"], ["male_last_names"]) + faker_names(
        ["ja_JP", "zh_CN"], ["last_romanized_names"]
    ):
        f = keep(w, english=True)
        if f:
            family.add(f)
    family -= first_family
    header = (
        "# Generated by gazetteers/tools/gen_names.py from gazetteers/curated/names/*.txt (own\n"
        f"# knowledge) and Faker {FAKER_VERSION} (MIT) person providers. Folded, one a line.\n"
        "# Do not edit: regenerate. Evidence for rule `name`, not entities.\n"
    )
    with open(os.path.join(ROOT, "rules", "names-given.txt"), "w", encoding="utf-8") as f:
        f.write("# Given names." + header[1:])
        f.writelines(w + "\n" for w in sorted(given))
    with open(os.path.join(ROOT, "rules", "names-family.txt"), "w", encoding="utf-8") as f:
        f.write("# Family names; `^`: written first (Chinese, Korean, Vietnamese)." + header[1:])
        f.writelines(w + "\n" for w in sorted(family))
        f.writelines("^" + w + "\n" for w in sorted(first_family))
    print(f"given {len(given)}, family {len(family)}, family first {len(first_family)}")


if __name__ == "__main__":
    main()
