"""The compiled start-up cache: reused while its sources are unchanged, never required."""

from __future__ import annotations

import gc
import pickle
import re
import shutil
from pathlib import Path

import pytest

from plangraph import compiled, dictionary, lexicon


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(compiled.ENV_VAR, str(folder))
    return folder


class Counting:
    """A compile function that reads its source and counts its calls."""

    def __init__(self, source: Path) -> None:
        self.source, self.calls = source, 0

    def __call__(self) -> list[str]:
        self.calls += 1
        return self.source.read_text().split()


def load(source: Path, fn: Counting) -> list[str]:
    return compiled.load("words", [source], fn, list, Path(__file__))


def test_a_compiled_copy_is_reused_until_its_source_changes(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("a b")
    fn = Counting(source)
    assert load(source, fn) == ["a", "b"] and load(source, fn) == ["a", "b"]
    assert fn.calls == 1
    source.write_text("a b c")
    assert load(source, fn) == ["a", "b", "c"]
    assert fn.calls == 2
    assert len(list(cache.glob("words-*.pickle"))) == 1  # the stale copy is gone


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])  # empty, garbage, an int
def test_a_damaged_copy_is_compiled_again(cache, tmp_path, damage):
    source = tmp_path / "words.txt"
    source.write_text("a b")
    fn = Counting(source)
    load(source, fn)
    (entry,) = cache.glob("words-*.pickle")
    entry.write_bytes(damage)
    assert load(source, fn) == ["a", "b"]
    assert fn.calls == 2
    assert load(source, fn) == ["a", "b"] and fn.calls == 2  # and the repaired copy is used


def test_a_cache_folder_that_cannot_be_written_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(compiled.ENV_VAR, str(blocker / "cache"))
    source = tmp_path / "words.txt"
    source.write_text("a b")
    fn = Counting(source)
    assert load(source, fn) == ["a", "b"] and load(source, fn) == ["a", "b"]
    assert fn.calls == 2


def test_cache_folder_follows_xdg_when_not_set(tmp_path, monkeypatch):
    monkeypatch.delenv(compiled.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.cache_dir() == tmp_path / "plangraph"


def test_the_compiled_lexicon_is_the_one_read_from_csv_and_follows_an_edit(cache, tmp_path):
    root = tmp_path / "lexicon"
    shutil.copytree(lexicon.DEFAULT_ROOT, root)
    first = lexicon._load(root)
    lexicon._load.cache_clear()
    assert lexicon._load(root) == first == lexicon._compile(root)
    with (root / "programs.csv").open("a", encoding="utf-8") as fh:
        fh.write("program:试验工程,试验工程,,provincial,seed\n")
    lexicon._load.cache_clear()
    assert lexicon._load(root).entries["program:试验工程"].name == "试验工程"
    lexicon._load.cache_clear()


def test_the_compiled_general_dictionary_is_jiebas(cache):
    dictionary.general_dictionary.cache_clear()
    try:
        compiled_copy = dictionary.general_dictionary()  # compiles into the empty cache
        dictionary.general_dictionary.cache_clear()
        assert dictionary.general_dictionary() == compiled_copy == dictionary._read()
        assert list(cache.glob("jieba-dictionary-*.pickle"))
    finally:
        dictionary.general_dictionary.cache_clear()


PLACES = "(?:平安|健康)(?:" + "|".join(f"地{i}市" for i in range(3000)) + ")"


def test_a_regex_loaded_compiled_is_the_one_re_compiles(cache, monkeypatch):
    first = compiled.regex("places", PLACES)
    monkeypatch.setattr(compiled, "_program", lambda pattern: pytest.fail("compiled again"))
    again = compiled.regex("places", PLACES)  # from the cache folder
    assert first == again == re.compile(PLACES)
    assert [m.group() for m in again.finditer("建设平安地17市和健康地2999市")] == ["平安地17市", "健康地2999市"]


def test_a_changed_pattern_replaces_its_copy_and_a_damaged_one_is_compiled_again(cache):
    compiled.regex("places", PLACES)
    changed = PLACES.replace("健康", "法治")
    assert compiled.regex("places", changed) == re.compile(changed)
    (entry,) = cache.glob("regex-places-*.pickle")  # the stale copy is gone
    entry.write_bytes(pickle.dumps((0, [1, 2, 3], 0, {}, ())))  # a tuple, but no program
    assert compiled.regex("places", changed) == re.compile(changed)


def test_loading_a_copy_leaves_the_garbage_collector_as_it_found_it(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("a b")
    fn = Counting(source)
    load(source, fn)
    gc.disable()  # as build_pipeline does while it loads the lexicon
    try:
        assert load(source, fn) == ["a", "b"] and fn.calls == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert load(source, fn) == ["a", "b"] and gc.isenabled()


def test_a_loaded_copy_is_frozen_so_no_collection_walks_it_again(cache, tmp_path):
    """What a load makes lives as long as the process (the lexicon, jieba's dictionary): it is
    frozen, so neither a later collection nor a forked worker's marks it (``compiled.kept``)."""
    source = tmp_path / "words.txt"
    source.write_text("a b")
    fn = Counting(source)
    load(source, fn)  # compiled and kept
    frozen = gc.get_freeze_count()
    try:
        loaded = load(source, fn)  # read back
        assert loaded == ["a", "b"] and fn.calls == 1
        assert gc.get_freeze_count() > frozen and gc.isenabled()
    finally:
        gc.unfreeze()


def test_start_up_objects_are_frozen_and_the_collector_is_back_on():
    """``kept``: the objects made inside are frozen once it ends, the collector is off meanwhile
    and back as it was."""
    try:
        with compiled.kept():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(made)
        assert all(gc.is_tracked(m) for m in made)
    finally:
        gc.unfreeze()
