"""Attribution scores with their factors, and the article profile."""

from __future__ import annotations

import json

import pytest

from analyzer import credibility
from analyzer.records import HedgeCue, Source, Span, Statement

TEXT = (
    "Police chief Anna Kowalska said 12 people died in the fire, as she indicated. "
    "A source, speaking on condition of anonymity, claimed 12 people died in the fire. "
    "Officials confirmed the building had no permit."
)


def span_of(phrase: str, text: str = TEXT, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span.of(text, start, start + len(phrase))


def statement(content: str, cue: str, speaker: str, speaker_type: str, source_id: int, **kwargs) -> Statement:
    occurrence = kwargs.pop("occurrence", 0)
    return Statement(
        content=span_of(content, occurrence=occurrence),
        kind=kwargs.pop("kind", "indirect"),
        cue=(span_of(cue),) if cue else (),
        speaker=span_of(speaker),
        sentence_index=0,
        source_id=source_id,
        speaker_canonical=kwargs.pop("canonical", speaker),
        speaker_type=speaker_type,
        **kwargs,
    )


def source(source_id: int, canonical: str, speaker_type: str, **kwargs) -> Source:
    return Source(source_id, canonical, speaker_type, mentions=(), **kwargs)


NAMED = statement(
    "12 people died in the fire", "said", "Anna Kowalska", "person", 1, canonical="Anna Kowalska"
)
ANONYMOUS = statement("12 people died in the fire", "claimed", "A source", "anonymous", 2, occurrence=1)
OFFICIALS = statement("the building had no permit", "confirmed", "Officials", "unnamed_group", 3)
SOURCES = [
    source(1, "Anna Kowalska", "person"),
    source(2, "A source", "anonymous", flags=("bare_sources",)),
    source(3, "officials", "unnamed_group"),
]


def factors_by_name(scored: Statement) -> dict[str, float]:
    return {f.name: f.value for f in scored.attribution_factors}


def test_scores_are_in_range_and_factors_add_up():
    for scored in credibility.score_statements([NAMED, ANONYMOUS, OFFICIALS], SOURCES):
        assert 0.0 <= scored.attribution_score <= 1.0
        assert sum(f.value for f in scored.attribution_factors) == pytest.approx(scored.attribution_score)
        assert all(f.reason for f in scored.attribution_factors)
        names = {f.name for f in scored.attribution_factors}
        assert {"base", "speaker", "on_record", "anonymity_explained", "knowledge_basis", "directness",
                "cue_commitment"} <= names  # fmt: skip


def test_named_on_record_beats_unnamed_group_beats_anonymous():
    named, anonymous, officials = credibility.score_statements([NAMED, ANONYMOUS, OFFICIALS], SOURCES)
    assert named.attribution_score > officials.attribution_score > anonymous.attribution_score


@pytest.mark.parametrize(
    ("speaker_type", "canonical", "expected"),
    [
        ("person", "Anna Kowalska", credibility.SPEAKER_VALUES["named"]),
        ("person", "the mayor", credibility.SPEAKER_VALUES["role"]),
        ("government", "Emergencies Ministry", credibility.SPEAKER_VALUES["named"]),
        ("media", "Reuters", credibility.SPEAKER_VALUES["media"]),
        ("document", "the report", credibility.SPEAKER_VALUES["document"]),
        ("unnamed_group", "officials", credibility.SPEAKER_VALUES["unnamed_group"]),
        ("anonymous", "a source", credibility.SPEAKER_VALUES["anonymous"]),
    ],
)
def test_speaker_type_and_specificity(speaker_type, canonical, expected):
    item = statement(
        "12 people died in the fire", "said", "Anna Kowalska", speaker_type, 9, canonical=canonical
    )
    [scored] = credibility.score_statements([item], [source(9, canonical, speaker_type)])
    assert factors_by_name(scored)["speaker"] == pytest.approx(expected)


def test_explained_anonymity_and_knowledge_basis_raise_the_score():
    bare = source(2, "A source", "anonymous")
    described = source(
        2,
        "A source",
        "anonymous",
        anonymity_reason=span_of("speaking on condition of anonymity"),
        knowledge_basis=span_of("A source"),  # any span: only its presence matters here
    )
    [unexplained] = credibility.score_statements([ANONYMOUS], [bare])
    [explained] = credibility.score_statements([ANONYMOUS], [described])
    assert explained.attribution_score > unexplained.attribution_score
    assert (
        factors_by_name(explained)["anonymity_explained"]
        > 0
        > factors_by_name(unexplained)["anonymity_explained"]
    )
    assert factors_by_name(explained)["knowledge_basis"] > 0 > factors_by_name(unexplained)["knowledge_basis"]


def test_plural_sources_without_evidence_cost_a_little():
    plural = source(2, "sources", "anonymous", flags=("plural_without_evidence",))
    [scored] = credibility.score_statements([ANONYMOUS], [plural])
    assert factors_by_name(scored)["sources_plural"] < 0


@pytest.mark.parametrize(
    ("kind", "value"),
    [("direct", 0.10), ("mixed", 0.05), ("indirect", 0.0), ("according_to", -0.05)],
)
def test_direct_beats_indirect(kind, value):
    [scored] = credibility.score_statements([statement("12 people died", "said", "Anna Kowalska", "person", 1,
                                                       kind=kind)], SOURCES)  # fmt: skip
    assert factors_by_name(scored)["directness"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("cue", "commitment"),
    # `indicated` is tentative in reporting_verbs.tsv but read as neutral, as hedging reads it
    [("said", 0.0), ("claimed", -0.10), ("confirmed", 0.05), ("indicated", 0.0)],
)
def test_cue_commitment_from_reporting_verbs(cue, commitment):
    [scored] = credibility.score_statements(
        [statement("12 people died", cue, "Anna Kowalska", "person", 1)], SOURCES
    )
    assert factors_by_name(scored)["cue_commitment"] == pytest.approx(commitment)


def test_cue_lemma_reads_inflected_and_auxiliary_cues():
    text = "The ministry has claimed it. They believes it. He told us. It was denied."
    for phrase, lemma in [
        ("has claimed", "claim"),
        ("believes", "believe"),
        ("told", "tell"),
        ("denied", "deny"),
    ]:
        item = Statement(Span.of(text, 0, 3), "indirect", (span_of(phrase, text),), None, 0)
        assert credibility.cue_lemma(item) == lemma


def test_ambiguous_pronoun_lowers_the_score():
    clear = statement("12 people died", "said", "Anna Kowalska", "person", 1)
    ambiguous = statement("12 people died", "said", "Anna Kowalska", "person", 1, speaker_ambiguous=True)
    first, second = credibility.score_statements([clear, ambiguous], SOURCES)
    assert second.attribution_score < first.attribution_score
    assert factors_by_name(second)["ambiguous_speaker"] < 0


def test_a_statement_without_a_source_still_gets_factors():
    lonely = Statement(span_of("12 people died"), "indirect", (), None, 0)
    [scored] = credibility.score_statements([lonely], [])
    assert 0.0 <= scored.attribution_score <= 1.0
    assert factors_by_name(scored)["speaker"] == credibility.SPEAKER_VALUES["none"]


# --- profile ---------------------------------------------------------------------------------------------------


def test_profile_counts_and_shares():
    hedged = statement("the building had no permit", "confirmed", "Officials", "unnamed_group", 3,
                       hedges=(HedgeCue(span_of("no"), "negation"),))  # fmt: skip
    items = credibility.score_statements([NAMED, ANONYMOUS, hedged], SOURCES)
    profile = credibility.article_profile(items, SOURCES)
    json.dumps(profile)  # plain JSON values only
    assert profile["statements"] == 3
    assert profile["sources"] == 3
    assert profile["share_named"] == pytest.approx(1 / 3, abs=1e-3)
    assert profile["share_anonymous"] == pytest.approx(1 / 3, abs=1e-3)
    assert profile["share_unnamed_group"] == pytest.approx(1 / 3, abs=1e-3)
    assert profile["share_document"] == 0.0
    assert profile["share_anonymous_explained"] == 0.0
    assert profile["first_source_anonymous"] is False
    assert profile["share_hedged"] == 0.0  # negation is not a hedge


def test_corroboration_needs_two_independent_sources():
    profile = credibility.article_profile([NAMED, ANONYMOUS, OFFICIALS], SOURCES)
    assert profile["corroborated_statements"] == 2  # the named and the anonymous death toll
    assert profile["claims_only_anonymous"] == 0  # backed by the named police chief

    same_source = statement("12 people died in the fire", "claimed", "A source", "anonymous", 1, occurrence=1)
    profile = credibility.article_profile([NAMED, same_source], SOURCES)
    assert profile["corroborated_statements"] == 0


def test_claims_resting_only_on_anonymous_sources():
    profile = credibility.article_profile([ANONYMOUS, OFFICIALS], SOURCES)
    assert profile["claims_only_anonymous"] == 1
    assert profile["first_source_anonymous"] is True


def test_overlapping_spans_do_not_corroborate_each_other():
    outer = statement("12 people died in the fire", "said", "Anna Kowalska", "person", 1)
    inner = statement("people died in the fire", "said", "Anna Kowalska", "media", 4)
    profile = credibility.article_profile([outer, inner], [*SOURCES, source(4, "Reuters", "media")])
    assert profile["corroborated_statements"] == 0


def test_empty_article_profile():
    profile = credibility.article_profile([], [])
    json.dumps(profile)
    assert profile["statements"] == 0
    assert profile["share_named"] == 0.0
    assert profile["first_source_anonymous"] is False
