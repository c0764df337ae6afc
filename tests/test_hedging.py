"""Hedge cues, the hedging score, the sentence-level decision and the cue F1."""

from __future__ import annotations

import pytest

from analyzer import hedging, lexicons
from analyzer.nlp import ParsedText, Sentence, Word
from analyzer.records import HEDGE_CATEGORIES, HedgeCue, Span, Statement


def plain_statement(text: str, content: str, cue: str | None = None) -> tuple[ParsedText, Statement]:
    """A statement over plain tokens: `content` and `cue` are substrings of `text` (first match)."""
    start = text.index(content)
    cue_spans = ()
    if cue is not None:
        cue_start = text.index(cue)
        cue_spans = (Span.of(text, cue_start, cue_start + len(cue)),)
    statement = Statement(Span.of(text, start, start + len(content)), "indirect", cue_spans, None, 0)
    return hedging.tokenize_plain(text), statement


def cues_of(text: str, content: str | None = None, cue: str | None = None) -> list[tuple[str, str]]:
    parsed, statement = plain_statement(text, content or text, cue)
    found = hedging.find_cues(parsed, statement)
    for c in found:
        assert c.span.check(text), c
    return [(c.span.text, c.category) for c in found if c.is_hedge]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The virus may have killed two visitors.", [("may", "modal")]),
        ("Their presence could cause an arms race.", [("could", "modal")]),
        ("The reactor might be unsafe.", [("might", "modal")]),
        (
            "It would be an outrage if Parliament were prevented from sitting.",
            [("would", "modal"), ("if", "conditional")],
        ),
        ("Without Nigeria the trade area would've been weaker.", [("would", "modal")]),
        ("The attack was probably planned for months.", [("probably", "adverb")]),
        ("It appears to be a forgery.", [("appears", "epistemic")]),
        ("The tenant is suspected of storing gas.", [("suspected", "epistemic")]),
        ("Some experts doubt the figures.", [("Some", "vague")]),
        ("Some 900 people were rescued.", [("Some", "approximator")]),
        ("About 900 people were rescued.", [("About", "approximator")]),
        ("At least 12 people died.", [("At least", "approximator")]),
        ("Sixty-six people or more were injured.", [("or more", "approximator")]),
        ("The plane carried an estimated 16 crew.", [("an estimated", "approximator")]),
        ("Many stores are selling out.", [("Many", "vague")]),
        ("The storm is likely to hit the coast.", [("likely", "epistemic")]),
        ("The storm will likely hit the coast.", [("likely", "adverb")]),
        ("I think everybody's sympathies are with the family.", [("think", "epistemic")]),
        ("It is said that the treaty was signed in secret.", [("said", "epistemic")]),
        ("The figure is disputed.", [("disputed", "epistemic")]),
        ("The plan is seen as a concession.", [("seen", "epistemic")]),
        ("Sources say the deal is off.", [("Sources", "vague")]),
        ("The chef is legendary.", [("legendary", "peacock")]),
        ("The resort is very popular with tourists.", [("very popular", "peacock")]),
    ],
)
def test_hedges_in_content(text, expected):
    assert cues_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He said it would comply with the order.",  # reported future, not a hedge
        "More than 900 asylum seekers were rescued.",  # a precise bound
        "Over 900 people were rescued.",
        "The government will withdraw the bill.",
        "Parliament should and must be recalled.",  # deontic
        "The missiles could not have originated in Yemen.",  # negated modal: impossibility
        "The missiles couldn't have come from Yemen.",  # the same, with an apostrophe
        "A single EU country could demand the removal.",  # permission
        "No project can be implemented without us.",
        "The protest began on May 5 in the capital.",  # the month
        "May his soul rest in eternal peace.",  # a wish
        "Only Congress may allocate funds in this way.",  # permission
        "Assessments will be carried out to confirm if he is fit for trial.",  # `if` as `whether`
        "The minister's claims were rejected by the court.",  # a noun after an apostrophe
        "Asylum claims will be assessed.",
        "The country showed its military might on parade.",
        "Around the world, markets fell.",  # `around` not before a number
        "They argued about Brexit for years.",
        "The sources said he left.",  # sources described earlier in the article, not vague
        "Two of the sources said he left.",
        "First and foremost, we must save lives.",
        "It is Africa's most populous country.",
        "There is hope, but his condition is very difficult.",
    ],
)
def test_not_hedges(text):
    assert cues_of(text) == []


def test_span_is_the_cue_word_only():
    text = "The purchase appeared to circumvent the ministry."
    [(span_text, category)] = cues_of(text)
    assert (span_text, category) == ("appeared", "epistemic")


def test_only_cues_inside_the_content_count():
    text = "Officials may resign, the minister said, and the vote will go ahead."
    assert cues_of(text, content="the vote will go ahead") == []
    assert cues_of(text, content="Officials may resign") == [("may", "modal")]


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        ("Mujahid claimed 190 were dead.", "190 were dead", "claimed", [("claimed", "reporting_verb")]),
        ("He estimated this would take 24 hours.", "this would take 24 hours", "estimated",
         [("estimated", "reporting_verb")]),
        ("The officials think that a sale will make them weak.", "a sale will make them weak", "think",
         [("think", "reporting_verb")]),
        ("The ministry has claimed it was an accident.", "it was an accident", "has claimed",
         [("claimed", "reporting_verb")]),
        ("A spokesman reportedly said the talks had failed.", "the talks had failed", "said",
         [("reportedly", "adverb")]),
        ("The governor indicated 68 people were missing.", "68 people were missing", "indicated", []),
        ("The ministry confirmed the crash.", "the crash", "confirmed", []),
        ("Police said he was arrested.", "he was arrested", "said", []),
    ],
)  # fmt: skip
def test_the_statements_own_cue(text, content, cue, expected):
    assert cues_of(text, content=content, cue=cue) == expected


def test_inner_tentative_cue_is_epistemic_for_the_outer_statement():
    text = "According to ABC News, Basya also believes the asylum seekers may have left the boat."
    outer = cues_of(text, content="Basya also believes the asylum seekers may have left the boat")
    assert outer == [("believes", "epistemic"), ("may", "modal")]


def test_negation_and_boosters_are_recorded_but_not_hedges():
    text = "The government firmly denies it and will not back down."
    parsed, statement = plain_statement(text, text)
    found = hedging.find_cues(parsed, statement)
    recorded = {(c.span.text, c.category) for c in found}
    assert ("firmly", "booster") in recorded
    assert ("not", "negation") in recorded
    assert not any(c.is_hedge for c in found)


def test_every_span_indexes_the_text():
    text = "Officials, who couldn’t be named, said about 40 people may’ve died; some 30 were reportedly hurt."
    parsed, statement = plain_statement(text, text)
    found = hedging.find_cues(parsed, statement)
    assert found
    for cue in found:
        assert text[cue.span.start : cue.span.end] == cue.span.text


# --- the parse decides where it can: hand-built UD parses -------------------------------------------


def hand_parse(rows: list[tuple[str, str, int, str]]) -> ParsedText:
    """A one-sentence ParsedText from (word, upos, head, deprel) rows, words joined by spaces."""
    words, offset = [], 0
    for index, (form, upos, head, deprel) in enumerate(rows, start=1):
        words.append(Word(index, form, form.lower(), upos, "", "", head, deprel, offset, offset + len(form)))
        offset += len(form) + 1
    text = " ".join(r[0] for r in rows)
    return ParsedText(text, (Sentence(0, 0, len(text), tuple(words)),))


def parsed_cues(parsed: ParsedText) -> list[tuple[str, str]]:
    statement = Statement(Span.of(parsed.text, 0, len(parsed.text)), "indirect", (), None, 0)
    return [(c.span.text, c.category) for c in hedging.find_cues(parsed, statement) if c.is_hedge]


def test_parse_if_as_whether_is_not_a_condition():
    # "They asked if he left": `if` marks a ccomp, an indirect question
    parsed = hand_parse(
        [("They", "PRON", 2, "nsubj"), ("asked", "VERB", 0, "root"), ("if", "SCONJ", 5, "mark"),
         ("he", "PRON", 5, "nsubj"), ("left", "VERB", 2, "ccomp")]
    )  # fmt: skip
    assert parsed_cues(parsed) == []


def test_parse_if_on_an_adverbial_clause_is_a_condition():
    parsed = hand_parse(
        [("They", "PRON", 2, "nsubj"), ("leave", "VERB", 0, "root"), ("if", "SCONJ", 5, "mark"),
         ("he", "PRON", 5, "nsubj"), ("stays", "VERB", 2, "advcl")]
    )  # fmt: skip
    assert parsed_cues(parsed) == [("if", "conditional")]


def test_parse_could_with_an_agent_subject_is_permission():
    parsed = hand_parse(
        [("Prosecutors", "NOUN", 3, "nsubj"), ("could", "AUX", 3, "aux"), ("view", "VERB", 0, "root"),
         ("records", "NOUN", 3, "obj")]
    )  # fmt: skip
    assert parsed_cues(parsed) == []


def test_parse_could_with_a_thing_as_subject_is_possibility():
    parsed = hand_parse(
        [("Presence", "NOUN", 3, "nsubj"), ("could", "AUX", 3, "aux"), ("cause", "VERB", 0, "root"),
         ("war", "NOUN", 3, "obj")]
    )  # fmt: skip
    assert parsed_cues(parsed) == [("could", "modal")]


def test_parse_can_only_as_possibility():
    dangerous = hand_parse(
        [("Forces", "NOUN", 4, "nsubj"), ("can", "AUX", 4, "aux"), ("be", "AUX", 4, "cop"),
         ("dangerous", "ADJ", 0, "root")]
    )  # fmt: skip
    returned = hand_parse(
        [("Claims", "NOUN", 4, "nsubj:pass"), ("can", "AUX", 4, "aux"), ("be", "AUX", 4, "aux:pass"),
         ("returned", "VERB", 0, "root")]
    )  # fmt: skip
    assert parsed_cues(dangerous) == [("can", "modal")]
    assert parsed_cues(returned) == []


def test_parse_may_as_a_proper_noun_is_the_month():
    parsed = hand_parse([("In", "ADP", 2, "case"), ("May", "PROPN", 4, "obl"), ("they", "PRON", 4, "nsubj"),
                         ("met", "VERB", 0, "root")])  # fmt: skip
    assert parsed_cues(parsed) == []


# --- the real parser -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said it would comply with the order.", []),
        ("It would be a constitutional outrage if Parliament were prevented from sitting.",
         [("would", "modal"), ("if", "conditional")]),
        ("More than 900 people were rescued, and about 40 may have drowned.",
         [("about", "approximator"), ("may", "modal")]),
        ("The minister's claims were rejected.", []),
    ],
)  # fmt: skip
def test_with_the_shipped_parser(parser_if_available, text, expected):
    parsed = parser_if_available.parse(text)
    statement = Statement(Span.of(text, 0, len(text)), "indirect", (), None, 0)
    found = hedging.find_cues(parsed, statement)
    assert all(c.span.check(text) for c in found)
    assert [(c.span.text, c.category) for c in found if c.is_hedge] == expected


# --- the score ---------------------------------------------------------------------------------------------


def cue(text: str, category: str, start: int = 0) -> HedgeCue:
    return HedgeCue(Span(start, start + len(text), text), category)


def test_no_cues_no_hedging():
    assert hedging.hedging_score([]) == (0.0, ())


@pytest.mark.parametrize(
    "cues",
    [
        [cue("may", "modal")],
        [cue("may", "modal"), cue("might", "modal", 10), cue("could", "modal", 20)],
        [cue("reportedly", "adverb"), cue("claimed", "reporting_verb", 20), cue("some", "vague", 40),
         cue("if", "conditional", 50), cue("about", "approximator", 60), cue("seems", "epistemic", 70)],
        [cue("may", "modal"), cue("certainly", "booster", 10), cue("not", "negation", 20)],
    ],
)  # fmt: skip
def test_score_is_in_range_and_factors_add_up(cues):
    score, factors = hedging.hedging_score(cues)
    assert 0.0 <= score <= 1.0
    assert sum(f.value for f in factors) == pytest.approx(score)
    assert all(f.name and f.reason for f in factors)
    assert len(factors) == len(cues)


def test_score_has_diminishing_returns_per_category():
    one, _ = hedging.hedging_score([cue("may", "modal")])
    two, factors = hedging.hedging_score([cue("may", "modal"), cue("might", "modal", 10)])
    assert one < two < 2 * one
    assert factors[1].value < factors[0].value


def test_boosters_lower_the_score_a_little():
    plain, _ = hedging.hedging_score([cue("may", "modal")])
    boosted, factors = hedging.hedging_score([cue("may", "modal"), cue("clearly", "booster", 10)])
    assert plain - hedging.BOOSTER_WEIGHT == pytest.approx(boosted)
    assert factors[-1].name == "booster: clearly"


def test_annotate_fills_the_statements():
    text = "The ministry claimed that some 30 people may have died."
    parsed, statement = plain_statement(text, "some 30 people may have died", "claimed")
    [annotated] = hedging.annotate(parsed, [statement])
    assert [c.span.text for c in annotated.hedges] == ["claimed", "some", "may"]
    assert annotated.hedging_score > 0
    assert [f.name for f in annotated.hedging_factors] == [
        "reporting_verb: claimed",
        "approximator: some",
        "modal: may",
    ]
    assert annotated.content == statement.content


# --- sentence level and lexicon ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("It is believed that the castle was built in 1200 .", True),
        ("Some historians argue that he never visited Rome .", True),
        ("The species may have been introduced by sailors .", True),
        ("He probably died in 1340 .", True),
        ("The castle was built in 1200 .", False),
        ("The dish may be served with rice .", False),  # dynamic possibility: not counted alone
        ("He did not attend the ceremony .", False),
        ("The band is n't touring this year .", False),
    ],
)
def test_is_hedged_sentence(sentence, hedged):
    assert hedging.is_hedged_sentence(sentence) is hedged


def test_lexicon_rows_are_well_formed():
    allowed = set(HEDGE_CATEGORIES) | set(hedging.RECORDED_CATEGORIES)
    rows = lexicons.rows(hedging.LEXICON)
    assert len(rows) > 100
    for row in rows:
        assert len(row) == 2, row
        assert row[0] == row[0].lower() and row[0].strip() == row[0], row
        assert row[1] in allowed, row
    assert {row[1] for row in rows} == allowed
    header = (lexicons.LEXICON_DIR / "hedge_cues.tsv").read_text(encoding="utf-8").split("\n\n")[0]
    for source in ("CoNLL-2010", "Hyland", "style guides", "gold"):
        assert source in header


def test_weak_alone_rows_are_in_the_lexicon():
    phrases = {row[0] for row in lexicons.rows(hedging.LEXICON)}
    assert phrases >= hedging.WEAK_ALONE


# --- cue F1 --------------------------------------------------------------------------------------------------


def test_cue_f1_matches_spans_exactly_and_ignores_negation():
    gold = [cue("may", "modal", 5), cue("some", "vague", 20)]
    predicted = [cue("may", "modal", 5), cue("some 30", "approximator", 20), cue("not", "negation", 40)]
    result = hedging.cue_f1([(predicted, gold)])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 1)
    assert result["f1"] == pytest.approx(0.5)


def test_cue_f1_can_require_the_category():
    gold = [cue("likely", "adverb", 5)]
    predicted = [cue("likely", "epistemic", 5)]
    assert hedging.cue_f1([(predicted, gold)])["f1"] == 1.0
    assert hedging.cue_f1([(predicted, gold)], match_category=True)["f1"] == 0.0


def test_cue_f1_of_nothing_is_zero():
    assert hedging.cue_f1([])["f1"] == 0.0
