"""Component: city brand programs, a brand word plus a region name (平安杭州, 健康中国)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, load_lexicon
from .candidates import Candidate, candidates_of, text_of, token_spans
from .patterns import Patterns, load_patterns
from .proper import place_names

NATION = ("中国",)


class BrandPrograms:
    """Every plan runs 平安X, 法治X, 健康X campaigns named after its own region."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon) -> None:
        regions = sorted((*place_names(lexicon), *NATION), key=lambda r: (-len(r), r))
        brands = sorted(patterns.brand_words, key=lambda b: (-len(b), b))
        self.regex = re.compile(f"(?:{'|'.join(brands)})(?:{'|'.join(map(re.escape, regions))})")

    def __call__(self, doc: Doc) -> Doc:
        out = candidates_of(doc)
        token_ends = {b for _, b in token_spans(doc)}
        for m in self.regex.finditer(text_of(doc)):
            if m.end() in token_ends:  # not 平安杭州湾 cut inside a word
                out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.city-brand", priority=2))
        return doc


@Language.factory("plangraph_brands", default_config={"lexicon_root": None, "patterns_root": None})
def make_brands(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> BrandPrograms:
    return BrandPrograms(load_patterns(patterns_root), load_lexicon(lexicon_root))
