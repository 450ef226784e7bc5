"""Named entities in Indonesian text, found with gazetteers.

``entitas.extract(text)`` uses the default gazetteers embedded in the
library; ``entitas.Extractor(...)`` adds your own gazetteers, nested
mentions, a case policy, and ``extract_batch`` on all cores.

>>> import entitas
>>> [(e["text"], e["label"], e["id"]) for e in entitas.extract("Menteri Pertahanan Rusia Sergei Shoigu mengunjungi Iran.")]
[('Rusia', 'COUNTRY', 'country:RUS'), ('Sergei Shoigu', 'PERSON', 'person:sergei-shoigu'), ('Iran', 'COUNTRY', 'country:IRN')]

The code is the native module ``entitas._entitas`` (Rust); this package
re-exports it. ``entitas.spacy_component`` is the spaCy pipeline component
``"entitas"``: spaCy loads it by itself (entry point ``spacy_factories``),
and ``import entitas`` never imports spaCy.
"""

from ._entitas import Extractor, __version__, extract

__all__ = ["extract", "Extractor", "__version__"]
