"""Tests of the Python package against the Rust library's golden files.

Run after installing the wheel (``python/ci.sh`` does both):
``pytest python/tests``.
"""

import concurrent.futures
import pickle
import re
from pathlib import Path

import pytest

import entitas

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"
KEYS = {
    "text",
    "label",
    "id",
    "canonical",
    "byte_start",
    "byte_end",
    "char_start",
    "char_end",
    "source",
    "nested",
    "alternatives",
}


@pytest.fixture(scope="module")
def article():
    return (GOLDEN / "founding-article.txt").read_text(encoding="utf-8")


def expected(name):
    """The lines of a golden file written by the Rust test tests/golden.rs:
    ``byte_start..byte_end  char_start..char_end  [nested ]LABEL  id  text``."""
    rows = []
    for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
        bytes_, chars, label, id_, text = line.split("  ", 4)
        bs, be = map(int, bytes_.split(".."))
        cs, ce = map(int, chars.split(".."))
        nested = label.startswith("nested ")
        rows.append((bs, be, cs, ce, label.removeprefix("nested "), id_, text, nested))
    return rows


def rows(entities):
    return [
        (
            e["byte_start"],
            e["byte_end"],
            e["char_start"],
            e["char_end"],
            e["label"],
            e["id"],
            e["text"],
            e["nested"],
        )
        for e in entities
    ]


def check_spans(text, entities):
    data = text.encode("utf-8")
    for e in entities:
        assert text[e["char_start"] : e["char_end"]] == e["text"], e
        assert data[e["byte_start"] : e["byte_end"]].decode("utf-8") == e["text"], e


def test_founding_article_agrees_with_rust(article):
    got = entitas.extract(article)
    want = expected("founding-article.expected")
    assert len(want) == 64
    assert rows(got) == want
    check_spans(article, got)
    # The article has non-ASCII characters (quotes, dashes, no-break
    # spaces) before most mentions, so byte and char offsets differ.
    assert sum(e["byte_start"] != e["char_start"] for e in got) > 40


def test_entity_dict(article):
    e = entitas.extract("Korps Garda Revolusi Islam Iran (IRGC) memamerkan rudal kepada Rusia.")
    assert [x["id"] for x in e] == ["organization:IRGC", "organization:IRGC", "country:RUS"]
    assert set(e[1]) == KEYS
    assert e[1]["text"] == "IRGC"
    assert e[1]["canonical"] == "Korps Garda Revolusi Islam Iran"
    assert e[1]["source"].startswith(("gazetteer:", "rule:"))
    assert e[1]["nested"] is False
    assert isinstance(e[1]["alternatives"], list)
    for x in entitas.extract(article):
        assert set(x) == KEYS
        assert all(isinstance(x[k], int) for k in ("byte_start", "byte_end", "char_start", "char_end"))


def test_char_offsets_are_python_indices_beyond_the_bmp():
    # Astral characters are one Python index but two UTF-16 units and four
    # UTF-8 bytes.
    text = "🇮🇩😀 Menteri Pertahanan Rusia Sergei Shoigu tiba di Teheran — “Iran”."
    got = entitas.extract(text)
    assert [e["text"] for e in got][:2] == ["Rusia", "Sergei Shoigu"]
    assert got[0]["char_start"] == text.index("Rusia")
    assert got[0]["byte_start"] == len(text[: text.index("Rusia")].encode("utf-8"))
    check_spans(text, got)


def test_nested_gives_the_two_nested_iran(article):
    extractor = entitas.Extractor(nested=True)
    got = extractor.extract(article)
    assert rows(got) == expected("founding-article.nested.expected")
    nested = [e for e in got if e["nested"]]
    assert [(e["text"], e["id"]) for e in nested] == [("Iran", "country:IRN")] * 2
    check_spans(article, got)
    # Flat output: no nested mention, same as the module-level function.
    assert entitas.Extractor().extract(article) == entitas.extract(article)


def test_batch_equals_one_by_one(article):
    extractor = entitas.Extractor()
    texts = [p for p in article.split("\n")] + [
        "",
        "🇮🇩 Rusia–Ukraina",
        "PRESIDEN AS JOE BIDEN",
        article,
        "tanpa entitas sama sekali",
    ] * 3
    batch = extractor.extract_batch(texts)
    assert len(batch) == len(texts)
    assert batch == [extractor.extract(t) for t in texts]
    assert sum(map(len, batch)) > 200
    # Any iterable of str: a generator, a tuple; an empty one.
    assert extractor.extract_batch(t for t in texts[:5]) == batch[:5]
    assert extractor.extract_batch(tuple(texts[:5])) == batch[:5]
    assert extractor.extract_batch([]) == []
    with pytest.raises(TypeError, match="iterable of str"):
        extractor.extract_batch("Rusia")
    with pytest.raises(TypeError):
        extractor.extract_batch(["Rusia", 3])


def test_threads_share_one_extractor(article):
    extractor = entitas.Extractor(nested=True)
    texts = [article, "Presiden Prabowo bertemu Putin di Moskow.", ""] + article.split("\n")
    serial = [extractor.extract(t) for t in texts]
    jobs = texts * 20
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(extractor.extract, jobs))
        batches = list(pool.map(extractor.extract_batch, [texts] * 8))
    assert results == serial * 20
    assert batches == [serial] * 8


def test_bad_gazetteer_raises_value_error_with_location(tmp_path):
    bad = tmp_path / "partai.tsv"
    bad.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\nrusak\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        entitas.Extractor(gazetteers=[str(bad)])
    message = str(info.value)
    assert re.fullmatch(re.escape(str(bad)) + r":3:\d+: bad field count: .*", message), message

    unknown = tmp_path / "label.tsv"
    unknown.write_text("@label PARTY\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"label\.tsv:1:\d+: unknown label `PARTY`"):
        entitas.Extractor(gazetteers=[unknown])  # a pathlib.Path works too

    dup = tmp_path / "dup.tsv"
    dup.write_text("@label COUNTRY\nRUS\tRusia Lagi\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"duplicate id `country:RUS`"):
        entitas.Extractor(gazetteers=[dup])

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match=r"empty: folder holds no \.tsv"):
        entitas.Extractor(gazetteers=[empty])


def test_missing_gazetteer_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.tsv"
    with pytest.raises(FileNotFoundError) as info:
        entitas.Extractor(gazetteers=[missing])
    assert info.value.filename == str(missing)
    assert str(info.value) == f"[Errno 2] No such file or directory: {str(missing)!r}"


def test_bad_case_raises_value_error():
    with pytest.raises(ValueError, match="case must be 'auto', 'smart' or 'insensitive'"):
        entitas.Extractor(case="upper")


def test_options(tmp_path):
    gaz = tmp_path / "partai.tsv"
    gaz.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\tPDI-P\n", encoding="utf-8")
    own = entitas.Extractor(gazetteers=[gaz])
    got = own.extract("Ketua PDIP bertemu Duta Besar Iran.")
    assert [(e["text"], e["label"], e["id"], e["canonical"], e["source"]) for e in got] == [
        ("PDIP", "PARTY", "party:pdip", "PDI Perjuangan", "gazetteer:partai"),
        ("Iran", "COUNTRY", "country:IRN", "Iran", "gazetteer:countries"),
    ]
    only = entitas.Extractor(gazetteers=[gaz], default_gazetteers=False)
    assert [e["id"] for e in only.extract("Ketua PDIP bertemu wartawan di Iran.")] == ["party:pdip"]
    assert only.entity_count == 1 and own.entity_count > 1000
    assert only.pattern_count >= 2

    # Auto case (the default): in a line with capitals a lower-case name is
    # not one; in a line without any capital it is (unless it is a common
    # word). Smart case is the same in every line.
    mixed = "Menteri pertahanan rusia tiba di Iran."
    assert [e["id"] for e in entitas.Extractor(rules=False).extract(mixed)] == ["country:IRN"]
    assert {"country:RUS", "country:IRN"} <= {
        e["id"] for e in entitas.Extractor(case="insensitive").extract(mixed)
    }
    lower = "menteri pertahanan rusia sergei shoigu tiba di iran."
    assert {"country:RUS", "country:IRN"} <= {
        e["id"] for e in entitas.Extractor(rules=False).extract(lower)
    }
    assert "country:RUS" not in {
        e["id"] for e in entitas.Extractor(case="smart", rules=False).extract(lower)
    }
    assert repr(entitas.Extractor()).count("case='auto'") == 1
    no_rules = entitas.Extractor(rules=False).extract("Kata Jenderal Budi Santoso kepada wartawan.")
    assert all(e["source"].startswith("gazetteer:") for e in no_rules)


def test_repr_and_pickle(tmp_path):
    gaz = tmp_path / "partai.tsv"
    gaz.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\n", encoding="utf-8")
    e = entitas.Extractor(gazetteers=[gaz], case="insensitive", nested=True, rules=False)
    assert repr(e) == (
        f"Extractor(gazetteers=[{str(gaz)!r}], default_gazetteers=True, "
        "case='insensitive', nested=True, rules=False)"
    )
    copy = pickle.loads(pickle.dumps(e))
    assert repr(copy) == repr(e)
    text = "ketua pdip bertemu duta besar korps garda revolusi islam iran."
    assert copy.extract(text) == e.extract(text)
    assert entitas.__version__.count(".") == 2


def test_readme_examples():
    """The ```python blocks of python/README.md run, in order, in one namespace."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", readme, flags=re.S | re.M)
    assert len(blocks) >= 3
    namespace = {}
    for block in blocks:
        exec(compile(block, "python/README.md", "exec"), namespace)


def test_gazetteers_must_be_a_list_of_paths():
    with pytest.raises(TypeError, match=r"not a str: write gazetteers=\['x.tsv'\]"):
        entitas.Extractor(gazetteers="x.tsv")
    with pytest.raises(TypeError, match="list of paths"):
        entitas.Extractor(gazetteers=[3])


def test_gazetteer_from_memory():
    tsv = "@label ORGANIZATION\nui\tUniversitas Indonesia\tUI\n"
    rows = ["@label ORGANIZATION", ["ui", "Universitas Indonesia", "UI"]]
    text = "Mahasiswa UI berdemo."
    for given in (tsv, rows):
        e = entitas.Extractor(gazetteer_text=given, default_gazetteers=False)
        found = [(x["text"], x["label"], x["canonical"]) for x in e.extract(text)]
        assert found == [("UI", "ORGANIZATION", "Universitas Indonesia")]
        again = pickle.loads(pickle.dumps(e))
        assert again.extract(text) == e.extract(text)
    with pytest.raises(ValueError, match="<gazetteer_text>:2"):
        entitas.Extractor(gazetteer_text="@label ORGANIZATION\nui\t\n")
    with pytest.raises(TypeError, match="gazetteer_text"):
        entitas.Extractor(gazetteer_text=[1])


def test_compact_tuples_match_the_dicts(article):
    extractor = entitas.Extractor(nested=True)
    texts = article.split("\n") + ["", "Rusia–Ukraina 🇮🇩 Iran"]
    for text in texts + [article]:
        want = [(e["char_start"], e["char_end"], e["label"], e["id"]) for e in extractor.extract(text)]
        got = extractor.extract(text, compact=True)
        assert got == want
        assert all(type(t) is tuple and len(t) == 4 for t in got)
    assert entitas.extract(article, compact=True) == [
        (e["char_start"], e["char_end"], e["label"], e["id"]) for e in entitas.extract(article)
    ]
    batch = extractor.extract_batch(texts, compact=True)
    assert batch == [extractor.extract(t, compact=True) for t in texts]
    assert sum(map(len, batch)) > 50
    with pytest.raises(TypeError):
        extractor.extract(article, True)  # keyword-only


def test_compact_shares_label_and_id_strings(tmp_path):
    text = "Rusia dan Iran. " * 1000
    found = entitas.extract(text, compact=True)
    assert len(found) == 2000
    # One str object per distinct label and id in a call...
    assert len({id(label) for _, _, label, _ in found}) == 1
    assert len({id(i) for _, _, _, i in found}) == 2
    # ... across a whole batch...
    batch = entitas.Extractor().extract_batch([text, text], compact=True)
    assert len({id(i) for doc in batch for _, _, _, i in doc}) == 2
    # ... and the built-in labels are the same objects in every call.
    assert entitas.extract("Iran", compact=True)[0][2] is found[0][2]
    # Custom labels are shared too; offsets are Python string indices.
    gaz = tmp_path / "partai.tsv"
    gaz.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\n", encoding="utf-8")
    text = "— PDIP, PDIP dan PDIP."
    party = entitas.Extractor(gazetteers=[gaz], default_gazetteers=False).extract(text, compact=True)
    assert [text[s:e] for s, e, _, _ in party] == ["PDIP"] * 3
    assert {(label, i) for _, _, label, i in party} == {("PARTY", "party:pdip")}
    assert len({id(label) for _, _, label, _ in party}) == 1


def test_compact_is_smaller_than_dicts():
    import tracemalloc

    text = "Iran " * 20_000
    held = {}
    for compact in (False, True):
        tracemalloc.start()
        found = entitas.extract(text, compact=compact)
        held[compact] = tracemalloc.get_traced_memory()[0] / len(found)
        tracemalloc.stop()
        del found
    # Measured 930 and 136 bytes per entity on CPython 3.11 (python/memory.py).
    assert held[True] < 200 < 600 < held[False], held


def test_model_option():
    text = "Kata Budi Santoso kepada wartawan di Jakarta."
    with_model = entitas.Extractor()
    without = entitas.Extractor(model=False)
    assert repr(without).endswith("rules=True, model=False)")
    assert repr(with_model).endswith("rules=True)")
    assert all(not e["source"].startswith("model:") for e in without.extract(text))
    assert pickle.loads(pickle.dumps(without)).extract(text) == without.extract(text)
    assert repr(pickle.loads(pickle.dumps(without))) == repr(without)
    assert entitas.Extractor(nested=True).nested and not without.nested


def test_package_layout():
    import subprocess
    import sys

    # The installed package (not the checkout), with the native module inside.
    assert Path(entitas.__file__).name == "__init__.py"
    assert Path(entitas.__file__).parent.joinpath("py.typed").is_file()
    assert entitas._entitas.extract is entitas.extract
    assert entitas.Extractor.__module__ == "entitas"
    # `import entitas` does not import spaCy.
    code = "import sys, entitas; entitas.extract('Iran'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
