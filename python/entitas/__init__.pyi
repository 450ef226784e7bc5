"""Named entities in Indonesian text, found with gazetteers.

``extract(text)`` uses the default gazetteers embedded in the library;
``Extractor(...)`` adds your own gazetteers, nested mentions, a case policy
and ``extract_batch`` on all cores.
"""

import os
from typing import Iterable, List, Literal, Optional, Sequence, Tuple, TypedDict, Union, final, overload

__all__ = ["extract", "Extractor", "__version__"]

__version__: str

class Entity(TypedDict):
    """One mention, as returned by ``extract``: a plain ``dict`` at run time,
    this type exists only for type checkers (``if TYPE_CHECKING: from
    entitas import Entity``).

    Offsets are half-open and point into the original text:
    ``text[char_start:char_end] == entity["text"]`` (char offsets are Python
    ``str`` indices, i.e. code points, not UTF-16 units) and
    ``text.encode("utf-8")[byte_start:byte_end].decode("utf-8") == entity["text"]``.
    """

    text: str
    """The mention exactly as it appears in the input."""
    label: str
    """``PERSON``, ``ORGANIZATION``, ``COUNTRY``, ``LOCATION``, ``WEAPON``, or a
    label declared by a gazetteer with ``@custom-label``."""
    id: str
    """A stable id, the same for every alias: ``country:USA`` for ``AS``."""
    canonical: str
    """The canonical name: ``Korps Garda Revolusi Islam Iran`` for ``IRGC``."""
    byte_start: int
    """Start in bytes of the UTF-8 encoding of the text."""
    byte_end: int
    """End (exclusive) in bytes."""
    char_start: int
    """Start as a Python string index."""
    char_end: int
    """End (exclusive) as a Python string index."""
    source: str
    """What produced it: ``gazetteer:countries`` or ``rule:title``..."""
    nested: bool
    """True for a mention inside another one (only with ``nested=True``)."""
    alternatives: List[str]
    """Ids of the other entities the same span could have been, best first,
    when the name is ambiguous; empty otherwise."""

CompactEntity = Tuple[int, int, str, str]
"""One mention in the compact form (``compact=True``): ``(char_start,
char_end, label, id)``, a plain ``tuple``. Within one call, repeated labels
and ids are the same ``str`` object; ``text[char_start:char_end]`` is the
mention."""

@overload
def extract(text: str, *, compact: Literal[False] = False) -> List[Entity]: ...
@overload
def extract(text: str, *, compact: Literal[True]) -> List[CompactEntity]: ...
def extract(text: str, *, compact: bool = False) -> Union[List[Entity], List[CompactEntity]]:
    """Find the entities in ``text`` with the default gazetteers (flat output,
    auto case, all rules), sorted by start offset: dicts, or with
    ``compact=True`` tuples ``(char_start, char_end, label, id)`` (136
    bytes per entity instead of 930).

    The default extractor is built on the first call and shared afterwards.
    The GIL is released while the text is searched.
    """

@final
class Extractor:
    """A compiled set of gazetteers that finds entities in text.

    Immutable and thread-safe: share one between threads. Every method
    releases the GIL while it searches. Picklable (it is rebuilt from its
    arguments where it is unpickled).
    """

    def __new__(
        cls,
        gazetteers: Optional[Sequence[Union[str, "os.PathLike[str]"]]] = None,
        default_gazetteers: bool = True,
        case: Literal["auto", "smart", "insensitive"] = "auto",
        nested: bool = False,
        rules: bool = True,
        gazetteer_text: Optional[Union[str, Sequence[Union[str, Sequence[str]]]]] = None,
        model: bool = True,
    ) -> "Extractor":
        """Read and compile the gazetteers.

        :param gazetteers: gazetteer files (``.tsv``) or folders (every
            ``.tsv`` in them, in name order); they take priority over the
            default gazetteers.
        :param default_gazetteers: include the gazetteers embedded in the
            library.
        :param case: ``"auto"`` (the default: line by line, by whether its
            capitals mark names), ``"smart"`` (an alias with capitals matches
            those capitals or all caps) or ``"insensitive"`` (case ignored).
        :param nested: also report mentions inside longer ones, with
            ``"nested": True``.
        :param rules: run the rule stage (titles, saying verbs, head nouns,
            acronyms, coreference); ``False`` gives gazetteer matches only.
        :param gazetteer_text: one more gazetteer from memory, in the file
            format: a TSV ``str``, or a list of rows (each a line ``str`` or a
            list of ``str`` cells); errors name ``<gazetteer_text>:line:col``.
        :param model: run the learned tagger (people, organizations and
            places where gazetteers and rules found nothing, source
            ``model:tagger``); only with the default gazetteers and rules on.
        :raises TypeError: ``gazetteers`` is a single ``str`` (write
            ``[path]``) or holds something that is not a path.
        :raises ValueError: a malformed gazetteer line (the message starts
            with ``file:line:column:``), a duplicate id, a folder without
            ``.tsv`` files, or a bad ``case``.
        :raises OSError: a gazetteer file that cannot be read
            (``FileNotFoundError``, ``PermissionError``...).
        """
    @overload
    def extract(self, text: str, *, compact: Literal[False] = False) -> List[Entity]: ...
    @overload
    def extract(self, text: str, *, compact: Literal[True]) -> List[CompactEntity]: ...
    def extract(self, text: str, *, compact: bool = False) -> Union[List[Entity], List[CompactEntity]]:
        """Find the entities in ``text``, sorted by start offset (tuples
        ``(char_start, char_end, label, id)`` with ``compact=True``)."""
    @overload
    def extract_batch(self, texts: Iterable[str], *, compact: Literal[False] = False) -> List[List[Entity]]: ...
    @overload
    def extract_batch(self, texts: Iterable[str], *, compact: Literal[True]) -> List[List[CompactEntity]]: ...
    def extract_batch(
        self, texts: Iterable[str], *, compact: bool = False
    ) -> Union[List[List[Entity]], List[List[CompactEntity]]]:
        """Find the entities in many texts on all cores, with the GIL
        released; one list per text, in the order of ``texts`` (the same as
        ``[self.extract(t, compact=compact) for t in texts]``; compact
        labels and ids are shared across the batch). A single ``str`` is
        refused with ``TypeError``."""
    @property
    def nested(self) -> bool:
        """Whether nested mentions are reported (``nested=True``)."""
    @property
    def entity_count(self) -> int:
        """Number of entities in the gazetteers."""
    @property
    def pattern_count(self) -> int:
        """Number of distinct folded aliases the automaton searches for."""
