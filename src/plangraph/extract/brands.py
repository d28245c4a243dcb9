"""Component: city brand programs, a brand word plus a region name (平安杭州, 健康中国)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, load_lexicon, place_names
from .candidates import Candidate, candidates_of, text_of, token_spans
from .patterns import Patterns, load_patterns

NATION = ("中国",)
# what may follow a brand and say only what kind of work it is: 数字绍兴建设行动 is the campaign 数字绍兴
KIND_OF_WORK = re.compile(r"(?:建设)?(?:行动计划|专项行动|行动|工程|计划)|建设")


class BrandPrograms:
    """Every plan runs 平安X, 法治X, 健康X campaigns named after its own region."""

    def __init__(self, patterns: Patterns, lexicon: Lexicon) -> None:
        regions = sorted((*place_names(lexicon), *NATION), key=lambda r: (-len(r), r))
        brands = sorted(patterns.brand_words, key=lambda b: (-len(b), b))
        self.regex = re.compile(f"(?:{'|'.join(brands)})(?:{'|'.join(map(re.escape, regions))})")

    def __call__(self, doc: Doc) -> Doc:
        out = candidates_of(doc)
        token_ends = {b for _, b in token_spans(doc)}
        text = text_of(doc)
        for m in self.regex.finditer(text):
            if m.end() not in token_ends:  # not 平安杭州湾 cut inside a word
                continue
            out.append(Candidate(m.start(), m.end(), "Program", m.group(), "brands.city-brand", priority=2))
            kind = KIND_OF_WORK.match(text, m.end())
            if kind and kind.end() in token_ends:  # 实施数字绍兴建设行动: the name with its kind, labelled as the brand
                full = m.group() + kind.group()
                out.append(Candidate(m.start(), kind.end(), "Program", m.group(), "brands.city-brand", aliases=(full,), priority=2))
        return doc


@Language.factory("plangraph_brands", default_config={"lexicon_root": None, "patterns_root": None})
def make_brands(nlp: Language, name: str, lexicon_root: str | None, patterns_root: str | None) -> BrandPrograms:
    return BrandPrograms(load_patterns(patterns_root), load_lexicon(lexicon_root))
