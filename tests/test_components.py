"""Each extraction component alone, on small made-up sentences (the rule catalogue and
test_extract.py read plan text): what it proposes, and what it leaves alone.

Each runs alone (``nlp.select_pipes``), so these tests also show that a component needs
none of the others; the last one composes components with ``nlp.add_pipe`` as a user would."""

from __future__ import annotations

import pytest
import spacy

from plangraph.extract import build_pipeline
from plangraph.extract.candidates import Candidate, Context, filter_candidates

HUZHOU = Context(region_key="region:330500", province_code="33")


def proposals(component: str, text: str, context: Context = HUZHOU) -> set[tuple[str, str]]:
    """(text, type) of what ``component`` alone proposes for a sentence of a Huzhou plan."""
    nlp = build_pipeline()
    doc = nlp.make_doc(text)
    doc._.plangraph.context = context
    with nlp.select_pipes(enable=[component]):
        doc = nlp(doc)
    return {(text[c.start : c.end], c.type) for c in doc._.plangraph.candidates}


@pytest.mark.parametrize(
    ("component", "text", "found", "not_found"),
    [
        # a platform the lexicon knows, and the places in its name; a 大连 inside 大连接 is no city
        ("plangraph_lexicon", "加快建设湖州莫干山高新区", ("湖州莫干山高新区", "Platform"), ("大连", "Region")),
        ("plangraph_lexicon", "构建万物互联的大连接网络", None, ("大连", "Region")),
        # a town of the plan's own city by its full name; 城南 is an everyday word
        ("plangraph_towns", "加快织里镇童装产业转型升级", ("织里镇", "Region"), None),
        ("plangraph_towns", "加快城南片区改造提升", None, ("城南", "Region")),
        # a quoted name framed as an action; a counted set is none
        ("plangraph_quoted", "深入实施“青山绿水”行动", ("“青山绿水”行动", "Program"), None),
        ("plangraph_quoted", "坚持“三农”工作重中之重", None, ("三农", "Program")),
        # an invented name before a known suffix; a kind of thing with no name is none
        ("plangraph_suffixes", "加快建设青溪湖科创走廊", ("青溪湖科创走廊", "Platform"), None),
        ("plangraph_suffixes", "打造一批特色小镇", None, ("特色小镇", "Platform")),
        # invented items of a list closed by a kind word
        ("plangraph_lists", "发展甲乙材料、丙丁装备、戊己服务等产业", ("丙丁装备", "Industry"), ("产业", "Industry")),
        ("plangraph_lists", "推进东溪、西溪等工程", ("西溪", "Program"), None),
        # a brand word and a region; a brand word and no region is none
        ("plangraph_brands", "加快建设平安湖州", ("平安湖州", "Program"), None),
        ("plangraph_brands", "全面推进健康生活方式", None, ("健康生活", "Program")),
    ],
)
def test_a_component_alone_on_a_made_up_sentence(component, text, found, not_found):
    got = proposals(component, text)
    if found:
        assert found in got, got
    if not_found:
        assert not_found not in got, got
    if not found:
        assert not got, got


def test_the_filter_keeps_the_longest_name_and_the_regions_inside_it():
    cands = [
        Candidate(0, 8, "Platform", "湖州莫干山高新区", "lexicon.name"),
        Candidate(0, 8, "Platform", "湖州莫干山高新区", "suffixes.name"),
        Candidate(0, 2, "Region", "湖州市", "lexicon.name"),
        Candidate(2, 8, "Platform", "莫干山高新区", "suffixes.name"),
    ]
    kept = filter_candidates(cands)
    assert [(c.start, c.end, c.type) for c in kept] == [(0, 2, "Region"), (0, 8, "Platform")]
    assert kept[1].rule == "lexicon.name+suffixes.name"  # every rule that found the kept span


def test_the_relation_component_reads_the_chosen_mentions():
    """The relation component runs after the filter, on ``doc._.plangraph.entities``: a region at the
    start of a platform's name locates it."""
    nlp = build_pipeline()
    doc = nlp.make_doc("加快建设湖州莫干山高新区")
    doc._.plangraph.context = HUZHOU
    doc = nlp(doc)
    names = [doc.text[c.start : c.end] for c in doc._.plangraph.entities]
    relations = {(names[s], p, names[o]) for s, p, o, _ in doc._.plangraph.relations if isinstance(s, int) and isinstance(o, int)}
    assert ("湖州莫干山高新区", "locatedIn", "湖州") in relations


def test_components_run_after_spacys_own_chinese_tokenizer():
    """``spacy.blank("zh")`` cuts characters; a plangraph component added to it reads names
    with a segmenter of its own, and the pipeline's tokenizer stays spaCy's."""
    nlp = spacy.blank("zh")
    for name in ("plangraph_lexicon", "plangraph_lists", "plangraph_filter"):
        nlp.add_pipe(name)
    doc = nlp("发展甲乙材料、丙丁装备、戊己服务等产业，建设湖州莫干山高新区")
    assert len(doc) == len(doc.text)  # one token a character
    names = {doc.text[c.start : c.end] for c in doc._.plangraph.entities}
    assert {"丙丁装备", "湖州莫干山高新区"} <= names


def test_the_least_items_of_an_open_list_is_a_setting_of_the_lists_component():
    """``min_listed``: without a closing kind word, a list of two is read only when set to 2."""
    text = "大力发展化工新材料、生物基新材料"
    assert ("生物基新材料", "Industry") not in proposals("plangraph_lists", text)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "plangraph.segmenter"}}})
    nlp.add_pipe("plangraph_lists", config={"min_listed": 2})
    doc = nlp(text)
    assert "生物基新材料" in {text[c.start : c.end] for c in doc._.plangraph.candidates}
