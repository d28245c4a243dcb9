"""The cluster build of README "Scale" on a real local Dask cluster: two worker
processes, two plans, byte-identical to `plangraph build` of the same files, with every
pass (reduce and publish included) run by the workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from dask.distributed import Client, LocalCluster

from plangraph.build.build import build
from plangraph.build.distributed import build_on_cluster
from plangraph.graph.store import open_store, query

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
FILES = [PLANS / "hangzhou-shi_14th-fyp_proposal.txt", PLANS / "huzhou-shi_14th-fyp_outline.txt"]


@pytest.mark.slow
def test_dask_cluster_build_equals_the_local_build(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        first = build_on_cluster(client, [FILES[0]], tmp_path / "cluster")
        result = build_on_cluster(client, [*FILES, broken], tmp_path / "cluster")  # published over the first
        nothing = build_on_cluster(client, [broken], tmp_path / "none")
        assert len(client.scheduler_info()["workers"]) == 2
    assert first.quads and first.quads < result.quads
    assert result.failures == ["broken.txt: empty file"]
    assert len(result.plans) == 2
    assert (nothing.plans, nothing.quads, nothing.failures) == ([], 0, ["broken.txt: empty file"])
    assert not (tmp_path / "none" / "graph.trig").exists()
    local = build(FILES, tmp_path / "local")
    assert result.quads == local.quads
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    st = open_store(tmp_path / "cluster")
    rows = list(query(st, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert int(rows[0]["n"].value) == local.quads
