"""The spaCy pipeline component ``"entitas"``: the entities of
:class:`entitas.Extractor` as spaCy spans.

spaCy finds it by itself through the ``spacy_factories`` entry point of the
entitas package (nothing to import)::

    import spacy
    nlp = spacy.blank("id")
    nlp.add_pipe("entitas", config={"nested": True})
    doc = nlp("Menteri Pertahanan Rusia Sergei Shoigu mengunjungi Iran.")
    [(e.text, e.label_, e.kb_id_) for e in doc.ents]

The flat entities go to ``doc.ents`` (replacing what was there); with
``nested=True`` every entity, the nested ones too, also goes to
``doc.spans["entitas"]`` (the key is the ``spans_key`` setting). Each span
has the entity's label as ``label_`` and its id as ``kb_id_`` and
``id_``/``ent_id_``.

An entity whose characters do not start and end on spaCy's token
boundaries (``Reuters`` in the glued ``dilansirReuters``, one token) is
made into a span with ``doc.char_span(..., alignment_mode=...)``:
``"expand"`` (the default) takes the whole tokens it touches (the span is
``dilansirReuters``, labelled ORGANIZATION), ``"contract"`` the tokens
wholly inside it (none here: the entity is left out), ``"strict"`` only
exact spans (the entity is left out). In ``doc.ents``, where spans may
not overlap, an expanded span that overlaps the one before it is left
out (``RusiaIran``: ``Rusia`` is kept, ``Iran`` is not).

This module imports spaCy; ``import entitas`` does not import this module.
"""

from typing import Iterable, Iterator, List, Optional

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import minibatch
except ImportError as e:  # pragma: no cover - only without spaCy
    raise ImportError(
        "entitas.spacy_component needs spaCy 3.8: pip install 'spacy>=3.8,<3.9' (or 'entitas[spacy]')"
    ) from e

from . import Extractor

SPANS_KEY = "entitas"
"""The default key of ``doc.spans`` that holds every entity (with
``nested=True``)."""

ALIGNMENT_MODES = ("expand", "contract", "strict")

DEFAULT_CONFIG = {
    "gazetteers": [],
    "default_gazetteers": True,
    "gazetteer_text": None,
    "case": "auto",
    "nested": False,
    "rules": True,
    "model": True,
    "alignment_mode": "expand",
    "spans_key": SPANS_KEY,
}


@Language.factory("entitas", default_config=DEFAULT_CONFIG)
def make_entitas(
    nlp: Language,
    name: str,
    gazetteers: List[str],
    default_gazetteers: bool,
    gazetteer_text: Optional[str],
    case: str,
    nested: bool,
    rules: bool,
    model: bool,
    alignment_mode: str,
    spans_key: str,
) -> "EntitasComponent":
    """The component, with the arguments of :class:`entitas.Extractor`
    (``gazetteers`` as a list of path strings, ``gazetteer_text`` as one
    TSV string) and two of its own: ``alignment_mode`` and ``spans_key``."""
    extractor = Extractor(
        gazetteers=list(gazetteers),
        default_gazetteers=default_gazetteers,
        case=case,
        nested=nested,
        rules=rules,
        gazetteer_text=gazetteer_text,
        model=model,
    )
    return EntitasComponent(
        nlp, name, extractor=extractor, alignment_mode=alignment_mode, spans_key=spans_key
    )


class EntitasComponent:
    """Sets ``doc.ents`` (and, for a nested extractor, ``doc.spans``) from
    an :class:`entitas.Extractor`. ``nlp.pipe`` hands each batch of texts to
    ``Extractor.extract_batch``, which runs on all cores."""

    def __init__(
        self,
        nlp: Optional[Language],
        name: str = "entitas",
        *,
        extractor: Extractor,
        alignment_mode: str = "expand",
        spans_key: str = SPANS_KEY,
    ):
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(
                f"alignment_mode must be one of {', '.join(map(repr, ALIGNMENT_MODES))}, "
                f"not {alignment_mode!r}"
            )
        self.name = name
        self.extractor = extractor
        self.alignment_mode = alignment_mode
        self.spans_key = spans_key
        self.nested = extractor.nested

    def __call__(self, doc: Doc) -> Doc:
        self.set_entities(doc, self.extractor.extract(doc.text))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for docs in minibatch(stream, size=batch_size):
            found = self.extractor.extract_batch([doc.text for doc in docs])
            for doc, entities in zip(docs, found):
                self.set_entities(doc, entities)
                yield doc

    def set_entities(self, doc: Doc, entities: List[dict]) -> None:
        """Writes ``entities`` (as ``Extractor.extract`` returns them for
        ``doc.text``) into ``doc``."""
        spans: List[Span] = []
        flat: List[Span] = []
        for e in entities:
            span = doc.char_span(
                e["char_start"],
                e["char_end"],
                label=e["label"],
                kb_id=e["id"],
                span_id=e["id"],
                alignment_mode=self.alignment_mode,
            )
            if span is None:  # not on token boundaries ("strict") or no whole token inside ("contract")
                continue
            spans.append(span)
            if not e["nested"] and (not flat or span.start >= flat[-1].end):
                flat.append(span)
        doc.ents = flat
        if self.nested:
            doc.spans[self.spans_key] = spans
