"""Files that are not usable plans fail alone, with one line each; output is never half-written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from plangraph.build import build as build_module
from plangraph.build import loader
from plangraph.build import versions
from plangraph.build.build import build
from plangraph.read.ingest import read_source

from conftest import run_cli
from renderers import docx_bomb, docx_file, pdf_file

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
GOOD = PLANS / "hangzhou-shi_14th-fyp_proposal.txt"  # the shortest bundled plan

NEWS = """市民广场迎来周末亲子运动会
本报讯（记者 王明）昨天上午，市民广场热闹非凡，近千名市民带着孩子参加亲子运动会。
活动设置了亲子接力、趣味跳绳等项目。组织方表示，今后将每季度举办一次类似活动，并计划增加更多比赛项目。
一位参加活动的家长说，孩子玩得很开心，希望多举办这样的活动。
"""
RECIPE = """红烧肉的做法
主料：五花肉500克。辅料：冰糖、生抽、老抽、料酒、葱、姜。
1.五花肉切块，冷水下锅焯水。
2.锅中放少许油，小火炒化冰糖至枣红色。
3.放入肉块翻炒上色，加入生抽、老抽和料酒。
4.加开水没过肉块，小火炖一小时，大火收汁即可。
"""


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    """The shortest bundled plan among every kind of unusable file."""
    folder = tmp_path_factory.mktemp("inputs")
    text = read_source(GOOD).original
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\u3000\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(os.urandom(4096))
    (folder / "undecodable.txt").write_bytes("第一章 总则".encode("utf-8") + b"\x80\xff\x80\xff" * 50)
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    (folder / "recipe.md").write_text(RECIPE, encoding="utf-8")
    (folder / "scan.html").write_bytes(b"<html><body><img src='page1.png'><script>var a=1;</script></body></html>")
    whole = pdf_file(text[:3000], folder / "whole.pdf").read_bytes()
    (folder / "whole.pdf").unlink()
    (folder / "half.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "fake.pdf").write_bytes(b"this is not a pdf at all")
    whole = docx_file(text[:3000], folder / "whole.docx").read_bytes()
    (folder / "whole.docx").unlink()
    (folder / "half.docx").write_bytes(whole[: len(whole) // 2])
    (folder / "notzip.docx").write_bytes(b"PK\x03\x04 broken")
    pdf_file(text[:3000], folder / "locked.pdf", password="secret")
    docx_bomb(folder / "bomb.docx", 60)
    (folder / "endless.txt").write_text("第一章 规划\n" + "a" * 26_000_000, encoding="utf-8")  # 26 MB, under the size limit
    return folder


BAD = {
    "empty.txt": "empty file",
    "blank.md": "empty file",
    "binary.txt": "binary",
    "undecodable.txt": "unknown text encoding",
    "news.txt": "not a plan",
    "recipe.md": "not a plan",
    "scan.html": "no text found",
    "half.pdf": "damaged or truncated PDF",
    "fake.pdf": "damaged or truncated PDF",
    "half.docx": "damaged or truncated Word file",
    "notzip.docx": "damaged or truncated Word file",
    "locked.pdf": "encrypted PDF (it needs a password",
    "bomb.docx": "Word file inflates to 60.0 MB (> limit 50 MB: a zip bomb?",
    "endless.txt": "too much text (26.0 M characters > limit 25 M",
}


def test_each_bad_file_gets_one_line_and_the_plan_is_built(bad_folder, tmp_path):
    run = run_cli("build", bad_folder, "--out", tmp_path / "out")
    assert run.code == 1, run.err
    lines = [line for line in run.err.splitlines() if line.strip()]
    for name, reason in BAD.items():
        mine = [line for line in lines if name in line]
        assert len(mine) == 1, (name, run.err)
        assert mine[0].startswith(f"error: {name}: ") and reason in mine[0], mine[0]
    assert not any(GOOD.name in line for line in lines)
    assert len(lines) == len(BAD), run.err  # no tracebacks, no extra noise
    assert "plans: 1" in run.out
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0


def test_only_bad_files_exit_2_and_write_nothing(bad_folder, tmp_path):
    files = [bad_folder / name for name in BAD]
    run = run_cli("build", *files, "--out", tmp_path / "out")
    assert run.code == 2
    assert not (tmp_path / "out" / "graph.trig").exists()
    assert run.err.strip().splitlines()[-1] == "error: no plan could be built; nothing written"


def test_huge_file_is_refused_by_its_size_without_reading_it(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # a sparse 60 MB file: no disk, no time
        fh.truncate(60 * 1024 * 1024)
    read, open_ = Path.read_bytes, Path.open

    def guarded_read(self: Path) -> bytes:
        assert self.name != "huge.txt", "the huge file was read"
        return read(self)

    def guarded_open(self: Path, *args: object, **kwargs: object):
        assert self.name != "huge.txt", "the huge file was opened"
        return open_(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", guarded_read)
    monkeypatch.setattr(Path, "open", guarded_open)
    run = run_cli("build", huge, GOOD, "--out", tmp_path / "out")
    assert run.code == 1
    assert [line for line in run.err.splitlines() if line.strip()] == [
        "error: huge.txt: file too large (60.0 MB > limit 50.0 MB)"]
    # the limit is a setting
    run = run_cli("build", GOOD, "--out", tmp_path / "out2", "--max-size", "0.01")
    assert run.code == 2 and "file too large" in run.err


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A finished build that later, failing builds must leave as it is."""
    out = tmp_path_factory.mktemp("prev") / "out"
    result = build([GOOD], out)
    assert result.plans and not result.failures
    return out


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError, OSError])
@pytest.mark.parametrize("writer", ["write_files", "store loading"])
def test_interrupted_writing_leaves_the_previous_output(previous, monkeypatch, writer, error):
    """The files fail to be written, or the build fails while its store loads (in its own process)."""
    before = _digest(previous)

    def broken(*args: object, **kwargs: object) -> None:
        raise error("interrupted while writing")

    monkeypatch.setattr(*((build_module, "write_files") if writer == "write_files" else (loader.Loading, "wait")), broken)
    with pytest.raises(error):
        build([GOOD], previous, force=True)
    assert _digest(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out"]  # no staging folder left


def test_interrupted_publish_leaves_the_old_build_published(previous, monkeypatch):
    """Publishing is one rename of the .current pointer; failing at it leaves the old build and no new version."""
    before = _digest(previous)
    real = os.replace

    def flaky(src: os.PathLike, dst: os.PathLike) -> None:
        if Path(dst).name == versions.CURRENT:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(versions.os, "replace", flaky)
    with pytest.raises(KeyboardInterrupt):
        build([GOOD], previous, force=True)
    monkeypatch.setattr(versions.os, "replace", real)
    assert _digest(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out"]
    assert [p.name for p in (previous / versions.BUILDS).iterdir()] == [versions.current_version(previous)]
