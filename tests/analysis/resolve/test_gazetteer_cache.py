"""The gazetteer cache is rebuilt, never trusted, when it is stale or corrupt."""

import marshal

from intercity.analysis.resolve import Gazetteer, resolve_many
from intercity.analysis.resolve import gazetteer as gazetteer_module

TINY = {
    "places": {1: (1, "Testville", 10.0, 10.0, "FR", 1000, "")},
    "exact": {"FR": {"testville": ((1, 1),)}},
    "loose": {"FR": {"testville": (1,)}},
}


def _fake_build(calls):
    def build(min_population):
        calls.append(min_population)
        return TINY

    return build


def test_cache_is_written_then_reused(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(gazetteer_module, "_build_index", _fake_build(calls))
    first = Gazetteer.load(tmp_path)
    second = Gazetteer.load(tmp_path)
    assert (first.source, second.source, len(calls)) == ("built", "cache", 1)
    assert second.get(1)[1] == "Testville"


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(gazetteer_module, "_build_index", _fake_build(calls))
    Gazetteer.load(tmp_path)
    (cache_file,) = tmp_path.glob("gazetteer-*.marshal")
    cache_file.write_bytes(b"\x00garbage")
    assert Gazetteer.load(tmp_path).source == "built"
    cache_file.write_bytes(cache_file.read_bytes()[:40])  # truncated
    assert Gazetteer.load(tmp_path).source == "built"
    assert len(calls) == 3


def test_cache_with_another_header_is_rebuilt(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(gazetteer_module, "_build_index", _fake_build(calls))
    Gazetteer.load(tmp_path)
    (cache_file,) = tmp_path.glob("gazetteer-*.marshal")
    with cache_file.open("wb") as fh:
        marshal.dump({"format": -1}, fh)
        marshal.dump(TINY, fh)
    assert Gazetteer.load(tmp_path).source == "built"


def test_environment_variable_chooses_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_build_index", _fake_build([]))
    monkeypatch.setenv("INTERCITY_CACHE_DIR", str(tmp_path / "c"))
    Gazetteer.load()
    assert list((tmp_path / "c").glob("gazetteer-*.marshal"))


def test_resolve_many_dedupes_and_keeps_order(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_build_index", _fake_build([]))
    gaz = Gazetteer.load(tmp_path)
    seen = []
    original = gaz.resolve
    gaz.resolve = lambda *a: seen.append(a) or original(*a)
    rows = [("Testville", "FR")] * 3 + [("Nowhere", "FR", None, None)]
    out = resolve_many(rows, gaz)
    assert [r.status for r in out] == ["matched", "matched", "matched", "unmatched"]
    assert len(seen) == 2
