"""Tests of the spaCy component ``"entitas"`` (entitas/spacy_component.py).

They need spaCy 3.8: without it they are skipped, unless
``ENTITAS_REQUIRE_SPACY=1`` (set by python/ci.sh, which installs spaCy),
where a missing spaCy is a failure.
"""

import os

import pytest

import entitas

if os.environ.get("ENTITAS_REQUIRE_SPACY") == "1":
    import spacy  # a missing spaCy fails here: ci.sh installs it
else:
    spacy = pytest.importorskip(
        "spacy", reason="spaCy is not installed (pip install 'spacy>=3.8,<3.9'); python/ci.sh installs it"
    )

SENTENCE = "Menteri Pertahanan Rusia Sergei Shoigu bertemu pejabat Korps Garda Revolusi Islam Iran di Teheran."


_NLP = []


def blank(config=None):
    """``spacy.blank("id")`` (the Indonesian tokenizer) with only the
    component "entitas", made with ``config``. spacy.blank("id") takes
    about 4 s (its tokenizer exceptions), so one is made and its pipe
    replaced each time: a pipeline returned before is changed too."""
    if not _NLP:
        _NLP.append(spacy.blank("id"))
    nlp = _NLP[0]
    if "entitas" in nlp.pipe_names:
        nlp.remove_pipe("entitas")
    nlp.add_pipe("entitas", config=config or {})
    return nlp


def ents(doc):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_found_through_the_entry_point():
    from importlib.metadata import distribution

    points = [p for p in distribution("entitas").entry_points if p.group == "spacy_factories"]
    assert [(p.name, p.value) for p in points] == [("entitas", "entitas.spacy_component:make_entitas")]
    assert "entitas" in spacy.blank("xx").factory_names  # spaCy imported it by itself


def test_doc_ents_with_several_labels():
    nlp = blank()
    assert nlp.pipe_names == ["entitas"]
    doc = nlp(SENTENCE)
    assert ents(doc) == [
        ("Rusia", "COUNTRY", "country:RUS"),
        ("Sergei Shoigu", "PERSON", "person:sergei-shoigu"),
        ("Korps Garda Revolusi Islam Iran", "ORGANIZATION", "organization:IRGC"),
        ("Teheran", "LOCATION", "location:tehran"),
    ]
    # The same entities as the library, span for span.
    found = entitas.extract(SENTENCE)
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents] == [
        (e["char_start"], e["char_end"], e["label"], e["id"]) for e in found
    ]
    # kb_id_ and the entity id (id_ / ent_id_) are the entity's id, also on
    # the tokens.
    for span in doc.ents:
        assert span.id_ == span.ent_id_ == span.kb_id_
        assert {t.ent_kb_id_ for t in span} == {span.kb_id_}
        assert {t.ent_id_ for t in span} == {span.kb_id_}
    assert doc[2].ent_type_ == "COUNTRY" and doc[2].ent_iob_ == "B"
    # Flat output: no span group.
    assert "entitas" not in doc.spans


def test_nested_spans():
    doc = blank({"nested": True})(SENTENCE)
    spans = [(s.text, s.label_, s.kb_id_) for s in doc.spans["entitas"]]
    assert ("Iran", "COUNTRY", "country:IRN") in spans
    assert ("Korps Garda Revolusi Islam Iran", "ORGANIZATION", "organization:IRGC") in spans
    # doc.ents gets the flat ones only: everything but the nested Iran.
    assert [s for s in spans if s != ("Iran", "COUNTRY", "country:IRN")] == ents(doc)
    nested = entitas.Extractor(nested=True).extract(SENTENCE)
    assert [(s.start_char, s.end_char) for s in doc.spans["entitas"]] == [
        (e["char_start"], e["char_end"]) for e in nested
    ]
    # Another key.
    doc = blank({"nested": True, "spans_key": "ner_all"})(SENTENCE)
    assert "entitas" not in doc.spans and len(doc.spans["ner_all"]) == len(nested)


def test_config_options(tmp_path):
    gaz = tmp_path / "partai.tsv"
    gaz.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\n", encoding="utf-8")
    text = "Ketua PDIP bertemu menteri pertahanan rusia di Iran."
    assert ents(blank({"gazetteers": [str(gaz)]})(text)) == [
        ("PDIP", "PARTY", "party:pdip"),
        ("Iran", "COUNTRY", "country:IRN"),
    ]
    assert ents(blank({"gazetteers": [str(gaz)], "default_gazetteers": False})(text)) == [
        ("PDIP", "PARTY", "party:pdip")
    ]
    tsv = "@label ORGANIZATION\nui\tUniversitas Indonesia\tUI\n"
    assert ents(blank({"gazetteer_text": tsv, "default_gazetteers": False})("Mahasiswa UI berdemo.")) == [
        ("UI", "ORGANIZATION", "organization:ui")
    ]
    # case: a lower-case name in a line with capitals is found only with
    # case="insensitive".
    assert "country:RUS" not in {e.kb_id_ for e in blank({"rules": False})(text).ents}
    assert "country:RUS" in {e.kb_id_ for e in blank({"case": "insensitive"})(text).ents}
    # rules off (gazetteer matches only) and model off, as the Extractor.
    said = "Sutarjo Hadiprayitno datang ke Gedung Serbaguna Kecamatan Lembah Hijau kemarin."
    sources = {e["source"] for e in entitas.extract(said)}
    assert "model:tagger" in sources and any(s.startswith("rule:") for s in sources)
    for config, extractor in (
        ({"rules": False}, entitas.Extractor(rules=False)),
        ({"model": False}, entitas.Extractor(model=False)),
        ({}, entitas.Extractor()),
    ):
        assert [(e.start_char, e.end_char, e.kb_id_) for e in blank(config)(said).ents] == [
            (e["char_start"], e["char_end"], e["id"]) for e in extractor.extract(said)
        ]
    assert len(blank({"model": False})(said).ents) < len(blank()(said).ents)
    # Bad values are refused when the pipe is added.
    with pytest.raises(ValueError, match="case must be"):
        blank({"case": "upper"})
    with pytest.raises(ValueError, match="alignment_mode must be one of"):
        blank({"alignment_mode": "nearest"})
    with pytest.raises(FileNotFoundError):
        blank({"gazetteers": [str(tmp_path / "nope.tsv")]})


def test_glued_text_alignment():
    # spaCy keeps "dilansirReuters" and "RusiaIran" as one token each;
    # entitas finds Reuters, Rusia and Iran inside them.
    text = "Berita itu dilansirReuters kemarin, kata pejabat RusiaIran."
    found = [(e["text"], e["id"]) for e in entitas.extract(text)]
    assert found == [
        ("Reuters", "organization:REUTERS"),
        ("Rusia", "country:RUS"),
        ("Iran", "country:IRN"),
    ]
    # expand (the default): the whole token; of the two entities in one
    # token, doc.ents keeps the first.
    doc = blank()(text)
    assert [t.text for t in doc][2:4] == ["dilansirReuters", "kemarin"]
    assert ents(doc) == [
        ("dilansirReuters", "ORGANIZATION", "organization:REUTERS"),
        ("RusiaIran", "COUNTRY", "country:RUS"),
    ]
    # ... and with nested=True the span group has all three.
    doc = blank({"nested": True})(text)
    assert [(s.text, s.kb_id_) for s in doc.spans["entitas"]] == [
        ("dilansirReuters", "organization:REUTERS"),
        ("RusiaIran", "country:RUS"),
        ("RusiaIran", "country:IRN"),
    ]
    # contract and strict: no whole token inside, the entities are left out.
    for mode in ("contract", "strict"):
        assert ents(blank({"alignment_mode": mode})(text)) == []
    # An aligned entity is the same in every mode.
    for mode in ("expand", "contract", "strict"):
        assert ents(blank({"alignment_mode": mode})("Rusia dan Iran."))[1] == ("Iran", "COUNTRY", "country:IRN")


def test_pipe_over_many_docs():
    nlp = blank({"nested": True})
    texts = [SENTENCE, "", "tanpa entitas", "Presiden Prabowo bertemu Putin di Moskow."] * 300
    docs = list(nlp.pipe(texts, batch_size=64))
    assert len(docs) == len(texts)
    one_by_one = [nlp(t) for t in texts[:4]]
    for doc, single in zip(docs, one_by_one * 300):
        assert doc.text == single.text
        assert ents(doc) == ents(single)
        assert [(s.text, s.kb_id_) for s in doc.spans["entitas"]] == [
            (s.text, s.kb_id_) for s in single.spans["entitas"]
        ]
    assert sum(len(d.ents) for d in docs) > 1000
    # The component's own pipe runs extract_batch.
    component = nlp.get_pipe("entitas")
    assert [ents(d) for d in component.pipe(nlp.make_doc(t) for t in texts[:8])] == [
        ents(d) for d in docs[:8]
    ]


def test_to_disk_and_load_round_trip(tmp_path):
    gaz = tmp_path / "partai.tsv"
    gaz.write_text("@custom-label PARTY\npdip\tPDI Perjuangan\tPDIP\n", encoding="utf-8")
    tsv = "@label ORGANIZATION\nui\tUniversitas Indonesia\tUI\n"
    config = {"gazetteers": [str(gaz)], "gazetteer_text": tsv, "nested": True, "case": "insensitive"}
    nlp = blank(config)
    text = "Ketua PDIP dan mahasiswa UI bertemu pejabat korps garda revolusi islam iran."
    want = nlp(text)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["entitas"]
    assert loaded.get_pipe_config("entitas") == nlp.get_pipe_config("entitas")
    got = loaded(text)
    assert ents(got) == ents(want)
    assert ("PDIP", "PARTY", "party:pdip") in ents(got) and ("UI", "ORGANIZATION", "organization:ui") in ents(got)
    assert [(s.text, s.kb_id_) for s in got.spans["entitas"]] == [(s.text, s.kb_id_) for s in want.spans["entitas"]]
    # The component saves nothing but its config: gazetteer files are named
    # by path (read again where the pipeline loads), gazetteer_text is kept
    # in config.cfg itself.
    assert sorted(p.name for p in (tmp_path / "pipeline").iterdir()) == ["config.cfg", "meta.json", "tokenizer", "vocab"]
    assert "Universitas Indonesia" in (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")


def test_readme_spacy_example():
    """The ```py blocks of python/README.md (the spaCy ones) run."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```py\n(.*?)^```$", readme, flags=re.S | re.M)
    assert len(blocks) >= 1
    for block in blocks:
        exec(compile(block, "python/README.md", "exec"), {})
