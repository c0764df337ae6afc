"""The Dask cluster mode gives the same JSON as a local run (LocalCluster on 127.0.0.1 only)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip(
    "distributed",
    reason="dask[distributed] is not installed; the cluster mode is the optional extra `cluster`",
)

from analyzer import batch, cli, cluster, report
from analyzer.records import Article

# self-contained rather than imported from test_batch: test modules are not a package here
ARTICLES = [
    Article("a", 'The minister said the plan "will cut costs by a third." Critics disagreed.'),
    Article(
        "b", "Officials told reporters that the bridge was safe. The mayor denied that any cracks were found."
    ),
    Article("c", "\u201cWe will appeal,\u201d a lawyer for the company said on Tuesday."),
]


def comparable(analysis) -> dict:
    found = report.to_json_dict(analysis)
    found.pop("versions")
    return found


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local,
        Client(local) as opened,
    ):
        yield opened


def test_cluster_gives_the_local_json_and_saves_once(client, parser, tmp_path):
    local = batch.run(ARTICLES, workers=1, progress=False)
    db = tmp_path / "a.sqlite"
    remote = cluster.run(ARTICLES, client=client, db_path=db, progress=False)
    assert not remote.failures
    assert [comparable(a) for a in remote.analyses] == [comparable(a) for a in local.analyses]
    assert remote.worker_peak_rss_mb and all(mb > 0 for mb in remote.worker_peak_rss_mb.values())
    # the client was the only writer; a rerun finds everything stored and starts no work
    again = cluster.run(ARTICLES, client=client, db_path=db, progress=False)
    assert again.skipped == len(ARTICLES) and not again.analyses


def test_cli_cluster_local_writes_the_same_files(parser, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for article in ARTICLES[:2]:
        (inputs / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
    out_local, out_cluster = tmp_path / "local", tmp_path / "cluster"
    assert cli.main(["analyze", str(inputs), "--out", str(out_local), "--quiet"]) == 0
    args = [
        "analyze",
        str(inputs),
        "--out",
        str(out_cluster),
        "--quiet",
        "--cluster",
        "local",
        "--workers",
        "1",
    ]
    assert cli.main(args) == 0

    def read(folder):
        docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}
        return {name: {k: v for k, v in doc.items() if k != "versions"} for name, doc in docs.items()}

    assert read(out_cluster) == read(out_local)
    assert set(read(out_local)) == {"a.json", "b.json"}


def test_cli_cluster_refuses_a_path_for_an_address(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text(ARTICLES[0].text, encoding="utf-8")
    assert cli.main(["analyze", "--cluster", str(text), str(text), "--quiet"]) == 2
    assert "scheduler address" in capsys.readouterr().err


def test_json_of_an_analysis_round_trips_through_the_report(parser):
    # the cluster ships analyses back pickled; the export must not depend on which process built them
    analysis = batch.run(ARTICLES[:1], workers=1, progress=False).analyses[0]
    assert report.to_json_dict(report.from_json_dict(report.to_json_dict(analysis))) == report.to_json_dict(
        analysis
    )
