"""Attribution on real parses of real-looking news sentences, one construction per case.

Expected values come from ../shared/ANNOTATION-GUIDE.md, not from the analyzer's output."""

from __future__ import annotations

import json

import pytest

from analyzer.attribution import extract_statements
from analyzer.quotes import find_quotations

from .conftest import SEED_GOLD


def statements_of(parser, text):
    return extract_statements(parser.parse(text))


def statements_by_cue(parser, text):
    return {s.cue_text: s for s in statements_of(parser, text)}


def only(parser, text):
    found = statements_of(parser, text)
    assert len(found) == 1, [(s.content.text, s.speaker and s.speaker.text, s.cue_text) for s in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "kind"),
    [
        # direct quotes: curly, straight, single, cue before or after
        (
            "“We will not sell the app,” the company said.",
            "We will not sell the app",
            "the company",
            "said",
            "direct",
        ),
        ('The minister said: "The deal is dead."', "The deal is dead.", "The minister", "said", "direct"),
        ("‘It is over,’ she told reporters.", "It is over", "she", "told", "direct"),
        # indirect speech: with and without `that`, cue after, told, belief and denial verbs
        (
            "The minister said that the talks had failed.",
            "the talks had failed",
            "The minister",
            "said",
            "indirect",
        ),
        (
            "President Trump said he would ban the app.",
            "he would ban the app",
            "President Trump",
            "said",
            "indirect",
        ),
        # `according to`: the source ends at the comma (the parse made `districts` its conjunct),
        # an appositive on the source and a relative clause on it are no content, and a time
        # after a final `according to X` goes with the attribution
        (
            "According to local news, school districts across the area announced school closings.",
            "school districts across the area announced school closings",
            "local news",
            "According to",
            "according_to",
        ),
        (
            "According to John Smith, a spokesman for the firm, the deal is off.",
            "the deal is off",
            "John Smith",
            "According to",
            "according_to",
        ),
        (
            "But according to a second source, who also declined to be identified, Poehl's comments "
            "were seen by bankers as a pointer to further moves.",
            "Poehl's comments were seen by bankers as a pointer to further moves",
            "a second source",
            "according to",
            "according_to",
        ),
        (
            "Robert Mugabe, former president of Zimbabwe, has died, according to current president "
            "Emmerson Mnangagwa on Friday.",
            "Robert Mugabe, former president of Zimbabwe, has died",
            "current president Emmerson Mnangagwa",
            "according to",
            "according_to",
        ),
        (
            "According to the ministry, the two men, three farmers and a cook, were killed.",
            "the two men, three farmers and a cook, were killed",
            "the ministry",
            "According to",
            "according_to",
        ),
        # a subject `it` the parse took for an expletive
        (
            "Nigeria announced it planned to join the AfCFTA.",
            "it planned to join the AfCFTA",
            "Nigeria",
            "announced",
            "indirect",
        ),
        # a locative `there` between the speaker and the cue says which residents
        (
            "Residents there told the press the officers claimed to be seeking a bomb.",
            "the officers claimed to be seeking a bomb",
            "Residents there",
            "told",
            "indirect",
        ),
        # a past tense the tagger took for a participle, after a speaker set off by a relative clause
        (
            "Agnès Callamard, a UN rapporteur who had investigated the case, cautioned justice does not come swiftly.",
            "justice does not come swiftly",
            "Agnès Callamard",
            "cautioned",
            "indirect",
        ),
        (
            "The talks had failed, the minister said on Monday.",
            "The talks had failed",
            "the minister",
            "said",
            "indirect",
        ),
        (
            "Three people familiar with the matter told Reuters that China opposes the sale.",
            "China opposes the sale",
            "Three people familiar with the matter",
            "told",
            "indirect",
        ),
        (
            "Analysts believe the economy will shrink this year.",
            "the economy will shrink this year",
            "Analysts",
            "believe",
            "indirect",
        ),
        (
            "The company denied that it had shared user data.",
            "it had shared user data",
            "The company",
            "denied",
            "indirect",
        ),
        (
            "TikTok has said it would not comply with the request.",
            "it would not comply with the request",
            "TikTok",
            "has said",
            "indirect",
        ),
        # apostrophes are not quote marks
        (
            "ByteDance’s lawyers said the app’s data was safe.",
            "the app’s data was safe",
            "ByteDance’s lawyers",
            "said",
            "indirect",
        ),
        # according to
        (
            "According to Reuters, the deal was signed on Friday.",
            "the deal was signed on Friday",
            "Reuters",
            "according to",
            "according_to",
        ),
        (
            "The deal was signed on Friday, according to the newspaper.",
            "The deal was signed on Friday",
            "the newspaper",
            "according to",
            "according_to",
        ),
        # the parse hangs `according to` on a word inside the claim (`began`, `members`): the
        # source vouches for the whole clause
        (
            "More than 1000 people have been arrested since the protests began in June, according to The Guardian.",
            "More than 1000 people have been arrested since the protests began in June",
            "The Guardian",
            "according to",
            "according_to",
        ),
        (
            "Hamza bridged a gap between newer members and veteran members, according to Soufan.",
            "Hamza bridged a gap between newer members and veteran members",
            "Soufan",
            "according to",
            "according_to",
        ),
        # a second clause with its own subject that the parse hangs on the cue is still said...
        (
            "Officials said the fishermen first noticed the boat and a warship was sent to retrieve them.",
            "the fishermen first noticed the boat and a warship was sent to retrieve them",
            "Officials",
            "said",
            "indirect",
        ),
        # ...but the speaker's own next action is not
        (
            "The spokesman said the plan would work, and left the room.",
            "the plan would work",
            "The spokesman",
            "said",
            "indirect",
        ),
        # `call` with a small clause (object + predicate) that the parse does not mark as xcomp
        (
            'Schiff called it "a non-starter".',
            'it "a non-starter"',
            "Schiff",
            "called",
            "mixed",
        ),
        (
            "The United Nations called the resulting humanitarian crisis the worst in the world.",
            "the resulting humanitarian crisis the worst in the world",
            "The United Nations",
            "called",
            "indirect",
        ),
        # parse repairs: the clause's subject taken for the cue's object; an xcomp with its own
        # subject; a fronted clause parsed as an adverbial clause
        (
            "Fars News said the crash involved pilot error.",
            "the crash involved pilot error",
            "Fars News",
            "said",
            "indirect",
        ),
        (
            "PG&E stated it scheduled the blackouts in response to forecasts for high winds.",
            "it scheduled the blackouts in response to forecasts for high winds",
            "PG&E",
            "stated",
            "indirect",
        ),
        (
            "A total of 39 are confirmed dead, officials told state media.",
            "A total of 39 are confirmed dead",
            "officials",
            "told",
            "indirect",
        ),
        # a quotation right next to its cue, wherever the parse hangs it
        (
            '"We take security seriously," she said, but refused to give details.',
            "We take security seriously",
            "she",
            "said",
            "direct",
        ),
        (
            'Erdogan cited the treaty and said, "They need to stand by us", while addressing the press.',
            "They need to stand by us",
            "Erdogan",
            "said",
            "direct",
        ),
        (
            '"A lot of people think that," said a protester using a pseudonym.',
            "A lot of people think that",
            "a protester using a pseudonym",
            "said",
            "direct",
        ),
        # `that` right after the cue (or after `all claims`) by word order, and a quotation the
        # content opens runs to its closing mark
        (
            'They concluded that the agreement is "null and void" and "does not comply with the Law of the Sea".',
            'the agreement is "null and void" and "does not comply with the Law of the Sea"',
            "They",
            "concluded",
            "mixed",
        ),
        (
            "Saudi Arabia initially denied all claims that Khashoggi was slain in the consulate.",
            "Khashoggi was slain in the consulate",
            "Saudi Arabia",
            "denied",
            "indirect",
        ),
        (
            'The ministry denounced the summit, calling the agreements "legitimate and fully compatible with law".',
            'the agreements "legitimate and fully compatible with law"',
            "The ministry",
            "calling",
            "mixed",
        ),
        ("He said that the deal was dead, and left the room.", "the deal was dead", "He", "said", "indirect"),
        # `call`/`term`/`describe` with a quotation in the second phrase, by word order
        (
            'The minister called the stabbing "an act of inexplicable barbarity."',
            'the stabbing "an act of inexplicable barbarity."',
            "The minister",
            "called",
            "mixed",
        ),
        (
            'The State Department described him in March as an "emerging" figure in the group.',
            'him in March as an "emerging" figure in the group',
            "The State Department",
            "described",
            "mixed",
        ),
        # the name before an appositive or participial phrase when the parse gives the cue no subject
        (
            "In a News.com.au report, Dr Gary Mortimer, retail expert from Queensland University of "
            "Technology, said the stores fill the stock every night.",
            "the stores fill the stock every night",
            "Dr Gary Mortimer",
            "said",
            "indirect",
        ),
        (
            "Reuters, citing anonymous sources, reported both production and export of oil had been disrupted.",
            "both production and export of oil had been disrupted",
            "Reuters",
            "reported",
            "indirect",
        ),
        # in the middle of the clause, the whole clause is the content (guide rule 10)
        (
            "Rescuers, working in freezing temperatures, according to the ministry, recovered ten survivors.",
            "Rescuers, working in freezing temperatures, according to the ministry, recovered ten survivors",
            "the ministry",
            "according to",
            "according_to",
        ),
        # `V X as Y` small clauses (corpora/ANNOTATION-DECISIONS.md): content is `X as Y`
        (
            'Boeing referred to the 707 involved as a "cargo plane".',
            'the 707 involved as a "cargo plane"',
            "Boeing",
            "referred",
            "mixed",
        ),
        (
            "The United States government labeled Soleimani as a terrorist and levied sanctions against him.",
            "Soleimani as a terrorist",
            "The United States government",
            "labeled",
            "indirect",
        ),
        (
            "Trump has cited an Internal Revenue Service audit as prohibiting him from releasing them.",
            "an Internal Revenue Service audit as prohibiting him from releasing them",
            "Trump",
            "has cited",
            "indirect",
        ),
        (
            'The United States justified the strike, which was approved by President Donald Trump, as "defensive" in nature.',
            'the strike, which was approved by President Donald Trump, as "defensive" in nature',
            "The United States",
            "justified",
            "mixed",
        ),
        # `cited Y as stating P` is `quoted Y as saying P` (guide rule 14)
        (
            "It cited the Air Force as stating Saha Airlines owned the plane, and claimed a sixteenth death.",
            "Saha Airlines owned the plane",
            "the Air Force",
            "cited ... as stating",
            "indirect",
        ),
        # a relative word before the speaker belongs to the reported clause (rule 10)
        (
            "The fires are continuing, which state media said were under control.",
            "which state media said were under control",
            "state media",
            "said",
            "indirect",
        ),
        # the clause after a semicolon and a writer's `despite` contrast are not what was said
        (
            "Officials said three people died; their identities were not provided.",
            "three people died",
            "Officials",
            "said",
            "indirect",
        ),
        (
            "The Investigative Committee says it has found no trace of explosives despite reports of a depot.",
            "it has found no trace of explosives",
            "The Investigative Committee",
            "says",
            "indirect",
        ),
        # a final relative clause or `meaning ...` is the writer's gloss (rule 9); a middle one stays
        (
            "According to Johnson, this break will allow him to develop plans for his administration, "
            "which he is to present on October 14, the same day the Queen is scheduled to give a speech.",
            "this break will allow him to develop plans for his administration",
            "Johnson",
            "According to",
            "according_to",
        ),
        (
            "The Aviation Herald reported the landing at Fath, which has a much shorter runway, was a mistake.",
            "the landing at Fath, which has a much shorter runway, was a mistake",
            "The Aviation Herald",
            "reported",
            "indirect",
        ),
        # a fronted time phrase or connective the parse took for the subject is no speaker
        (
            "Yesterday afternoon, Nancy Pelosi, the Speaker of the House, announced that she would launch an inquiry.",
            "she would launch an inquiry",
            "Nancy Pelosi",
            "announced",
            "indirect",
        ),
        # a predicate sharing the reported clause's subject, in its tense, stays in the content
        (
            'Brudziński said Adamowicz required resuscitation, and was in a "serious" condition.',
            'Adamowicz required resuscitation, and was in a "serious" condition',
            "Brudziński",
            "said",
            "mixed",
        ),
        # gerunds: `accusing X of V-ing`, and one the parse made adverbial right after the cue
        (
            "Solicitor General Jose Calida filed a petition on February 10, accusing the network of violating its franchise.",
            "violating its franchise",
            "Solicitor General Jose Calida",
            "accusing",
            "indirect",
        ),
        (
            "Sharif Hotak, of the provincial council, described witnessing 35 bodies in one hospital.",
            "witnessing 35 bodies in one hospital",
            "Sharif Hotak",
            "described",
            "indirect",
        ),
        # the object of `concluded` taken for the reported clause's subject
        (
            "However, a UN report eventually concluded evidence supported his murder by Saudi agents.",
            "evidence supported his murder by Saudi agents",
            "a UN report",
            "concluded",
            "indirect",
        ),
    ],
)
def test_statement_constructions(parser, text, content, speaker, cue, kind):
    statement = only(parser, text)
    assert statement.content.text == content
    assert statement.speaker is not None and statement.speaker.text == speaker
    assert statement.cue_text == cue
    assert statement.kind == kind


def test_mixed_content_with_scare_quotes(parser):
    statement = only(parser, "Trump said the buyers would be ‘well-compensated’ for the deal.")
    assert statement.kind == "mixed"
    assert statement.content.text == "the buyers would be ‘well-compensated’ for the deal"


def test_cue_interrupting_a_clause_keeps_the_whole_clause(parser):
    text = "It would not be possible, the sources said, for any bank to lend the money."
    statement = only(parser, text)
    assert statement.speaker.text == "the sources"
    assert statement.content.text.startswith("It would not be possible")
    assert statement.content.text.endswith("lend the money")


def test_quoted_as_saying_gives_the_quoted_speaker(parser):
    statement = only(parser, "The newspaper quoted the minister as saying the plan was dead.")
    assert statement.speaker.text == "the minister"
    assert statement.content.text == "the plan was dead"
    assert statement.cue_text == "quoted ... as saying"


def test_headline_is_annotated_like_a_sentence(parser):
    text = "Trump says TikTok must be sold by September\n\nThe president spoke at the White House."
    statement = statements_of(parser, text)[0]
    assert statement.speaker.text == "Trump"
    assert statement.content.text == "TikTok must be sold by September"


def test_nested_attribution_gives_two_statements(parser):
    found = statements_of(parser, "Sources tell Reuters the officials think the sale is a mistake.")
    speakers = sorted(s.speaker.text for s in found)
    assert speakers == ["Sources", "the officials"]
    inner = next(s for s in found if s.speaker.text == "the officials")
    assert inner.content.text == "the sale is a mistake"


def test_quote_without_cue_inherits_the_previous_speaker(parser):
    text = "The mayor said the bridge would reopen in May. “We are confident it will be ready.”"
    found = statements_of(parser, text)
    assert len(found) == 2
    assert found[1].kind == "direct" and found[1].cue == ()
    assert found[1].speaker == found[0].speaker
    assert found[1].content.text == "We are confident it will be ready."


def test_quote_interrupted_by_its_cue_gives_two_statements(parser):
    text = "“The deal is fair,” the minister said, “and we will sign it next week.”"
    found = statements_of(parser, text)
    assert [s.content.text for s in found] == ["The deal is fair", "and we will sign it next week."]
    assert [s.cue_text for s in found] == ["said", ""]
    assert found[0].speaker == found[1].speaker


def test_multi_paragraph_quote_is_one_statement(parser):
    text = "“We started in March.\n\n“Then the money ran out,” the founder said."
    found = statements_of(parser, text)
    assert len(found) == 1
    assert found[0].content.text == "We started in March.\n\n“Then the money ran out"
    assert found[0].speaker.text == "the founder"


def test_a_quotation_opening_the_next_sentence_belongs_to_the_cue_before_it(parser):
    text = 'Chuck Schumer said on Friday "We made a plea to the president once again: reopen the government."'
    statement = only(parser, text)
    assert statement.kind == "direct" and statement.speaker.text == "Chuck Schumer"
    assert statement.content.text == "We made a plea to the president once again: reopen the government."


def test_a_scare_quote_after_the_reported_subject_stays_mixed(parser):
    statement = only(parser, 'Trump said the buyers would be "very well compensated for the deal".')
    assert statement.kind == "mixed"


def test_a_reported_clause_the_parse_broke_into_several_clauses_stays_whole(parser):
    text = (
        "US President Donald Trump said he has told people involved in the sale of the US assets of "
        "ByteDance's TikTok that the deal must be struck by September 15 and the government must be "
        "well compensated, or the service will be closed"
    )
    statement = only(parser, text)
    assert statement.content.text.startswith("he has told people")
    assert statement.content.text.endswith("or the service will be closed")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a second predicate of the reported subject after `, and`
        (
            'Brudziński said Adamowicz required resuscitation, and was in a "serious" condition; TVN24 '
            "reported he received surgery.",
            'Adamowicz required resuscitation, and was in a "serious" condition',
        ),
        # the reported clause's predicate after a relative clause on its subject
        (
            "The Investigative Committee said they believe gas, which leaks relatively frequently in Russia, "
            "was the trigger for the disaster.",
            "they believe gas, which leaks relatively frequently in Russia, was the trigger for the disaster",
        ),
        # a clause that ends in a bare modal, whose verb the parse hung on the cue
        (
            "United States President Donald Trump said on Friday he can and may declare a national state "
            "of emergency, which he said would allow him to act without approval from Congress.",
            "he can and may declare a national state of emergency",
        ),
        # a conditional and its main clause
        (
            "They said if spot prices move higher there will be no problem finding OPEC crude.",
            "if spot prices move higher there will be no problem finding OPEC crude",
        ),
    ],
)
def test_a_reported_clause_split_by_the_parse_is_joined(parser, text, content):
    assert statements_of(parser, text)[0].content.text == content


def test_a_participle_cue_after_the_reported_clause_is_a_statement_of_its_own(parser):
    text = (
        "Murphy claimed she made this decision without influence from the White House, insisting she "
        'was "never directly or indirectly pressured by any Executive Branch official".'
    )
    by_cue = statements_by_cue(parser, text)
    assert by_cue["claimed"].content.text == "she made this decision without influence from the White House"
    assert by_cue["insisting"].speaker.text == "Murphy"
    assert by_cue["insisting"].content.text.startswith('she was "never')


def test_small_clauses_by_adjectives_and_a_shared_subject_after_and(parser):
    text = (
        "In his statement, Israeli Prime Minister Benjamin Netanyahu found the air strike justified "
        "and called Trump's order swift, forceful and decisive."
    )
    found = [(s.cue_text, s.content.text, s.speaker.text) for s in statements_of(parser, text)]
    speaker = "Israeli Prime Minister Benjamin Netanyahu"
    assert found == [
        ("found", "the air strike justified", speaker),
        ("called", "Trump's order swift, forceful and decisive", speaker),
    ]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            'Coles reported that with the restriction in place, "many stores are still selling out within '
            'an hour", and called the demand "unprecedented".',
            'with the restriction in place, "many stores are still selling out within an hour"',
            'the demand "unprecedented"',
        ),
        (
            'The comments called her political party fascist and termed her a "corrupt oaf".',
            "her political party fascist",
            'her a "corrupt oaf"',
        ),
    ],
)
def test_the_speakers_next_cue_after_and_is_a_statement_of_its_own(parser, text, first, second):
    assert [s.content.text for s in statements_of(parser, text)] == [first, second]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # a fronted `according to` whose source the parse hung on the clause after the semicolon
        (
            "According to the U.S. embassy in Beijing, the infected 60-year-old western man died on "
            'February 6; Chinese authorities referred to him as "Chinese-American."',
            "According to",
            "the infected 60-year-old western man died on February 6",
        ),
        # the speaker's own participle cue ends the content ...
        (
            "It added that the impact of the changes for workers had not been considered, adding such "
            'changes should "put the interests of poor people first".',
            "added",
            "the impact of the changes for workers had not been considered",
        ),
        # ... but a reported speaker's participle stays in it
        (
            "Poehl emphasised in his comments the close talks between central banks, saying that markets "
            "had not realised the significance of the session, the sources said.",
            "said",
            "Poehl emphasised in his comments the close talks between central banks, saying that markets "
            "had not realised the significance of the session",
        ),
    ],
)
def test_content_of_the_statement_with_cue(parser, text, cue, content):
    by_cue = statements_by_cue(parser, text)
    assert by_cue[cue].content.text == content


def test_a_cue_parsed_as_a_conjunct_after_a_comma_reports_the_clause_before_it(parser):
    text = (
        "However, Chinese officials believe a forced sale would make both ByteDance and China appear weak, "
        "the sources said, speaking on condition of anonymity given the sensitivity of the matter."
    )
    by_cue = statements_by_cue(parser, text)
    assert by_cue["said"].speaker.text == "the sources"
    assert by_cue["said"].content.text == (
        "Chinese officials believe a forced sale would make both ByteDance and China appear weak"
    )


def test_that_clause_after_a_briefing_stops_at_the_speakers_next_act(parser):
    text = (
        "Asked about TikTok, spokesman Zhao Lijian said at a regular press briefing that the US was "
        "abusing the concept of national security, and urged it to stop."
    )
    statement = only(parser, text)
    assert statement.speaker.text == "spokesman Zhao Lijian"
    assert statement.content.text == "the US was abusing the concept of national security"


def test_a_speakers_next_act_is_not_part_of_what_it_said(parser):
    text = "Beijing has said it firmly opposes the orders and on August 28 moved to give itself a say."
    statement = only(parser, text)
    assert statement.content.text == "it firmly opposes the orders"


def test_odd_number_of_quote_marks_does_not_break_the_article(parser):
    found = statements_of(parser, "Officials said “the plan will work. Nobody else commented.")
    assert len(found) >= 1
    assert found[0].speaker.text == "Officials"


@pytest.mark.parametrize(
    "text",
    [
        "The company denied the charges on Monday.",  # noun-phrase object
        "He threatened to ban the app.",  # infinitive commitment
        "The minister urged them to stop the sale.",  # infinitive directive
        "The app is said to be popular with teenagers.",  # agentless passive
        "The ministry did not immediately respond to a request for comment.",  # no comment
        "TikTok has 100 million users in the United States.",  # the narrator's own sentence
        "The denial that it shared data came late.",  # noun-only cue
        "She called the police at once.",  # `call` without a small clause
        "He called his mother the next day.",  # a time phrase is not a predicate
        "The union called for a strike on Monday.",
        "When the vote closed, the speaker thanked the members.",  # an adverbial clause, no cue
        "The company reported the theft of two laptops.",  # object only, no clause after it
        "The company announced (in a statement) a recall of the cars.",
        # an adjunct before the comma is no reported clause
        "Also on Sunday, the United States announced a complete withdrawal from the region.",
        "While many transactions occur in dollars, the union announced a payment system.",
        # a finite verb only inside the object's infinitive or relative clause
        "The United States announced a naval coalition to patrol the Gulf which was joined by Australia.",
        # `as` verbs without their `as` small clause, or with a clause after `as`
        "She criticized the plan as she left the building.",
        "The company listed its shares in London.",
        "The agency described the damage in a report.",
        # unidentifiable sources, demands, plans and a writer's clause after the object
        "Estimates suggest 8000 migrants may be currently at sea in the region.",
        "The President insists that the budget include funding for the wall.",
        "The Turkish President pledged converting Hagia Sophia to a mosque.",
        "Mugabe assumed the presidency in 1987, he also became head of the armed forces.",
        # no proposition: an indirect question or relative clause after a preposition
        "Members of the committee do not agree on how impeachment inquiries work.",
        # indirect questions (corpora/ANNOTATION-DECISIONS.md)
        "The agency did not mention if there were casualties.",
        "The Justice Department refused to say whether it would appeal.",
        # a noun-phrase object whose clause-looking verb coordinates with the cue
        "PG&E announced the schedule in a press release late yesterday and followed it up with a press conference.",
        # a lone word, or a noun phrase whose finite verb is in a relative clause
        "He expects rising production costs, as suppliers try to meet demand, and fewer specials.",
        "Turkey and Libya agreed on a line as their shared maritime border that would make the sea a part of the EEZ.",
        # a bare past participle after a noun: the noun is what was named, not a speaker
        'Hungary launched a military development program dubbed "Zrínyi 2026" in 2017 to renew its equipment.',
        "China celebrated a holiday called National Day, but in Hong Kong it was met with protests.",
        # a finite verb after a subordinator belongs to an adverbial clause, not to the object
        "President Trump declared a state of emergency so he could begin the construction of the wall.",
        # `to be` after a directive, and an agentless raising passive
        "The minister asked the residents to be patient during the works.",
        "The mayor is reported to have visited the hospital on Monday.",
        # a noun phrase with a participle after a comma is no small clause
        "Both sides hope to find some solution, coupled with new leadership at home.",
    ],
)
def test_non_statements_stay_out(parser, text):
    assert statements_of(parser, text) == []


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        # object + `to be`: the reported clause is both (guide rule 2, small clauses)
        (
            "On July 31, multiple news outlets reported Hamza bin Laden to be dead citing sources within "
            "the United States Department of Defense.",
            "Hamza bin Laden to be dead",
            "multiple news outlets",
            "reported",
        ),
        # a passive with an agent: the whole clause (corpora/ANNOTATION-DECISIONS.md, rule 10)
        (
            "Politicians and the Archbishop of Gdańsk, Sławoj Leszek Głódź, were reported by local media "
            "to have visited the hospital while Adamowicz received emergency surgery.",
            "Politicians and the Archbishop of Gdańsk, Sławoj Leszek Głódź, were reported by local media "
            "to have visited the hospital while Adamowicz received emergency surgery",
            "local media",
            "were reported",
        ),
    ],
)
def test_a_reported_clause_as_object_or_passive_subject_with_an_infinitive(
    parser, text, content, speaker, cue
):
    statement = only(parser, text)
    assert statement.content.text == content
    assert statement.speaker is not None and statement.speaker.text == speaker
    assert statement.cue_text == cue


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        # `apologized for` + gerund clause counts (corpora/ANNOTATION-DECISIONS.md, statements)
        (
            "The company apologized for its website being inaccessible due to high volume of traffic.",
            "its website being inaccessible due to high volume of traffic",
            "The company",
            "apologized",
        ),
        # a gerund clause with its own subject is a proposition (guide rule 2)
        (
            "Then both nations issued statements speaking of an imminent incursion into northeast Syria, "
            "and the US statement spoke of Turkey assuming the duty of guarding captured ISIS militants.",
            "Turkey assuming the duty of guarding captured ISIS militants",
            "the US statement",
            "spoke",
        ),
        # `to` before a gerund is a preposition, not an infinitive; the trailing `according to` is
        # another source's cue
        (
            "Trump has admitted to ordering the payments, according to prosecutors.",
            "ordering the payments",
            "Trump",
            "has admitted",
        ),
    ],
)
def test_a_gerund_clause_after_a_preposition(parser, text, content, speaker, cue):
    found = [s for s in statements_of(parser, text) if s.cue_text == cue]
    assert len(found) == 1
    assert found[0].content.text == content
    assert found[0].speaker is not None and found[0].speaker.text == speaker


def test_according_to_in_mid_sentence_and_the_cue_inside_its_clause(parser):
    # `according to X` before a coordinated clause of the writer's reports the clause before it,
    # and the cue inside that clause is a statement of its own (guide rule 7)
    found = statements_of(
        parser,
        "Trump has admitted to ordering the payments, according to prosecutors, but the U.S. Justice "
        "Department maintains a policy of not charging the sitting president with a crime.",
    )
    got = sorted((s.cue_text, s.content.text, s.speaker.text if s.speaker else None, s.kind) for s in found)
    assert got == [
        ("according to", "Trump has admitted to ordering the payments", "prosecutors", "according_to"),
        ("has admitted", "ordering the payments", "Trump", "indirect"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The company apologized for the delay.",  # a noun phrase after the preposition
        "She spoke to reporters after the meeting.",
        "The minister warned of rising prices.",  # a gerund that is an adjective
        # a listener after `to`, and the speaker's own participle after it
        'Lib Dem chairman Matthew Taylor has now written to the watchdog saying: "The advice we have '
        'received on several previous occasions is that such phone calls are illegal."',
    ],
)
def test_a_preposition_without_a_gerund_clause_reports_nothing(parser, text):
    assert [s for s in statements_of(parser, text) if s.kind != "direct"] == []


@pytest.mark.parametrize(
    "text, cue, content, speaker, kind",
    [
        # quoted fragments under directive and non-reporting verbs (corpora/ANNOTATION-DECISIONS.md,
        # direct quotations)
        (
            "\"True justice takes time and I know it's painful, but that's the reality of the world we "
            'live in," she said, asking Cengiz to be "patient and resilient."',
            "asking",
            "patient and resilient.",
            "she",
            "direct",
        ),
        (
            "Specifically, she was directing six of the House's committees to \"proceed with their "
            'investigations under [the] umbrella" of impeachment.',
            "was directing",
            "proceed with their investigations under [the] umbrella",
            "she",
            "direct",
        ),
        (
            'The State Department gave its "deepest sympathies".',
            "gave",
            "deepest sympathies",
            "The State Department",
            "direct",
        ),
        (
            'Members of the House of Commons protested by shouting "shame on you!" during the final session.',
            "shouting",
            "shame on you!",
            "Members of the House of Commons",
            "direct",
        ),
        # `read` after a thing that carries writing frames its words
        (
            'Members of the House of Commons protested by holding signs which read "silenced" during the session.',
            "read",
            "silenced",
            "signs",
            "direct",
        ),
        (
            'The Home Office letter reads "we may extend the use of the questionnaire as a means to gather '
            'additional information from other claimants awaiting an asylum decision in due course".',
            "reads",
            "we may extend the use of the questionnaire as a means to gather additional information from "
            "other claimants awaiting an asylum decision in due course",
            "The Home Office letter",
            "direct",
        ),
        # a naming small clause keeps what was named (decisions: small clauses)
        (
            'The Syrian refugee team named their robot "Robogee."',
            "named",
            'their robot "Robogee."',
            "The Syrian refugee team",
            "mixed",
        ),
    ],
)
def test_a_quoted_fragment_under_a_verb_that_is_no_cue(parser, text, cue, content, speaker, kind):
    found = [s for s in statements_of(parser, text) if s.cue_text == cue]
    assert len(found) == 1
    assert found[0].content.text == content
    assert found[0].speaker is not None and found[0].speaker.text == speaker
    assert found[0].kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # the quotation is the participle's, after a comma
        'The minister praised the plan, saying "it will save lives".',
        # inside a reported clause the quote marks are the outer speaker's
        'Tory leader Michael Howard said Lord Butler had given the "most damaging testimony" he could remember.',
        # a person reading a title says nothing
        'She read "War and Peace" last summer.',
        # a verb between the fragment verb and the quotation
        'The company gave a statement to reporters who called the plan "a waste".',
    ],
)
def test_a_quotation_beyond_a_break_is_no_fragment_of_the_verb(parser, text):
    assert not any(
        s.cue_text in ("praised", "gave", "had given", "read") for s in statements_of(parser, text)
    )


@pytest.mark.parametrize(
    "text, content",
    [
        # a bracketed aside among the cue's adjuncts does not end the search for the clause
        (
            "PG&E announced via Twitter around 11:30 am (1830 UTC), phase one had been completed.",
            "phase one had been completed",
        ),
        (
            "The ministry announced on Monday (local time) that the border would reopen.",
            "the border would reopen",
        ),
        # a second `that` clause after a conjunction is part of what was said
        (
            'She informed police she had diplomatic immunity, but "that she had no plans to leave the '
            'country in the near future".',
            'she had diplomatic immunity, but "that she had no plans to leave the country in the near future"',
        ),
        (
            "The minister said the talks had failed, and that new elections would be held in May.",
            "the talks had failed, and that new elections would be held in May",
        ),
        # a final `, when` clause on a date is the writer's gloss (guide rule 9)
        (
            'Maróth noted the military had been "effectively disarmed" by 2010, when Viktor Orbán regained '
            "the prime ministry of Hungary for his second term.",
            'the military had been "effectively disarmed" by 2010',
        ),
        # a `when` clause opening the reported clause stays
        ("He said that when the crisis hit, prices rose.", "when the crisis hit, prices rose"),
    ],
)
def test_content_span_of_the_only_statement(parser, text, content):
    assert only(parser, text).content.text == content


def test_a_nested_report_gives_the_outer_and_the_inner_statement(parser):
    # `Znak.com reported its source said P`: two statements (guide rule 7), the outer with the inner
    # speaker and cue in its content; a writer's `, while ...` is in neither
    text = (
        'Znak.com reported its source said "three terrorists" were killed in a firefight on Monday '
        "night, while footage from the scene showed the vehicle burn."
    )
    found = {(s.speaker.text, s.content.text) for s in statements_of(parser, text)}
    assert found == {
        ("Znak.com", 'its source said "three terrorists" were killed in a firefight on Monday night'),
        ("its source", '"three terrorists" were killed in a firefight on Monday night'),
    }


def test_an_unnamed_source_set_off_by_a_relative_clause_is_the_inner_speaker(parser):
    text = (
        "Reuters reported on Monday a German government source, whom they did not name, said the ban "
        "on Mahan Air is not part of any broader plan."
    )
    found = {(s.speaker.text, s.content.text) for s in statements_of(parser, text)}
    inner = "the ban on Mahan Air is not part of any broader plan"
    assert ("a German government source", inner) in found
    assert ("Reuters", f"a German government source, whom they did not name, said {inner}") in found


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "FSB sources have ascribed the explosion to terrorism.",
            "the explosion to terrorism",
            "FSB sources",
        ),
        (
            "The United Nations rates the Rohingya among the world's most persecuted groups.",
            "the Rohingya among the world's most persecuted groups",
            "The United Nations",
        ),
    ],
)
def test_small_clauses_with_to_and_among(parser, text, content, speaker):
    statement = only(parser, text)
    assert (statement.content.text, statement.speaker.text) == (content, speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            'Senator Lindsey Graham spoke on Fox News, "This is going to lead to the reemergence of ISIS."',
            "This is going to lead to the reemergence of ISIS.",
            "Senator Lindsey Graham",
            "spoke",
        ),
        (
            '"ISIS is not defeated. The caliphate is destroyed, but there are thousands of fighters", Graham continued.',
            "ISIS is not defeated. The caliphate is destroyed, but there are thousands of fighters",
            "Graham",
            "continued",
        ),
    ],
)
def test_a_verb_framing_a_quotation_is_its_cue(parser, text, content, speaker, cue):
    statement = only(parser, text)
    assert (statement.content.text, statement.speaker.text, statement.cue_text, statement.kind) == (
        content,
        speaker,
        cue,
        "direct",
    )


@pytest.mark.parametrize(
    "text",
    [
        'The film, "Jaws", opened in cinemas across the country in 1975.',
        'The band played "Hey Jude" and then left the stage.',
    ],
)
def test_a_title_in_quotation_marks_is_no_framed_quotation(parser, text):
    assert statements_of(parser, text) == []


def test_a_quotation_after_a_judging_verb_with_a_noun_object_is_its_subjects(parser):
    text = (
        "Brett McGurk, a former envoy, also criticized the decision via Twitter. "
        '"The statement tonight demonstrates a complete lack of understanding of the situation."'
    )
    statement = only(parser, text)
    assert statement.speaker.text == "Brett McGurk"
    assert statement.cue == () and statement.kind == "direct"
    assert statement.content.text.startswith("The statement tonight demonstrates")


def test_negated_inner_cue_gives_no_inner_statement(parser):
    text = "ByteDance said the government had never suggested that it should shut down the app."
    statement = only(parser, text)
    assert statement.speaker.text == "ByteDance"


def test_same_speaker_nested_cue_is_one_statement(parser):
    text = "Trump said he has told people involved in the sale that the price must be fair."
    statement = only(parser, text)
    assert statement.speaker.text == "Trump"


def test_quotation_finder_ignores_apostrophes():
    text = 'The sources’ view: ByteDance’s app isn\'t ‘safe’, they said. "Yes," he said.'
    inner = [text[q.inner_start : q.inner_end] for q in find_quotations(text)]
    assert inner == ["safe", "Yes,"]


# The speaker phrase at the cue (guide rule 12; decisions: speakers), one construction per case.
@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # a participle modifier and a bracketed abbreviation stay in a fronted-adjunct speaker
        pytest.param(
            "Late on Sunday, the Kurdish-led Syrian Democratic Forces (SDF) announced it had entered into "
            "an agreement with the government of Syria.",
            "announced",
            "the Kurdish-led Syrian Democratic Forces (SDF)",
            id="participle-compound-and-abbreviation",
        ),
        pytest.param(
            "The Welsh Local Government Association (WLGA) said the cuts were unavoidable.",
            "said",
            "The Welsh Local Government Association (WLGA)",
            id="bracketed-abbreviation",
        ),
        # a comma the parse hung on the head ends the phrase too
        pytest.param(
            "According to PG&E's schedule, by noon today over half a million customers could be affected.",
            "According to",
            "PG&E's schedule",
            id="comma-hung-on-the-head",
        ),
        # the comma inside a date is no break
        pytest.param(
            "According to a March 14, 2019 NATO press release, Hungary spent an estimated 1.15% of its GDP "
            "on military expenditures in 2018; NATO guidelines call for 2%.",
            "According to",
            "a March 14, 2019 NATO press release",
            id="date-before-the-noun",
        ),
        # `with X V-ing`: X is the participle's subject, not the main clause's
        pytest.param(
            "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, with "
            "officials saying this is for security reasons.",
            "saying",
            "officials",
            id="with-absolute-oblique-of-the-participle",
        ),
        pytest.param(
            "Rescue work was suspended on Tuesday, with Zinichev describing the building as unsafe.",
            "describing",
            "Zinichev",
            id="with-absolute-name",
        ),
        # a participle after a comma belongs to the main clause, not to a relative clause before it
        pytest.param(
            "The Court of Session in Scotland issued an opinion on the suspension of the Parliament which "
            "went into effect on Tuesday, finding it to be unlawful.",
            "finding",
            "The Court of Session in Scotland",
            id="participle-after-a-relative-clause",
        ),
        # a time phrase the parse took for the participle's subject is none, nor part of the speaker
        pytest.param(
            "This Thursday the United States Commission on International Religious Freedom (USCIRF) also "
            "criticized the move, this time not only implying approval would be required, but also "
            "recommending to maintain the status of the monument as a museum.",
            "implying",
            "the United States Commission on International Religious Freedom (USCIRF)",
            id="time-phrase-as-subject",
        ),
        # a passive cue with an agent: the agent speaks, not the passive subject who listens
        pytest.param(
            'In a meeting that day he was told by Emergencies Minister Yevgeny Zinichev of "presumably '
            'between 36 and 40 people under the rubble", while Deputy Governor Oleg Klimov indicated 68 '
            "people were missing.",
            "was told",
            "Emergencies Minister Yevgeny Zinichev",
            id="passive-agent",
        ),
        # `quoted X ..., with Y stating`: Y's own cue, not `quoted Y as saying`
        pytest.param(
            "It quoted critics like immigration barrister Colin Yeo, and Joint Council for the Welfare of "
            'Immigrants campaigner Caitlin Boswell, with Boswell stating: "People fleeing desperate '
            'circumstances clearly need this government to make quicker and fairer asylum decisions."',
            "stating",
            "Boswell",
            id="with-participle-after-quoted",
        ),
        # a verb framing a quotation after an aside set off by commas (decisions: speakers)
        pytest.param(
            'Facebook released a statement which read, in part, "This judgment raises critical questions '
            'around freedom of expression."',
            "read",
            "a statement",
            id="framed-quotation-after-an-aside",
        ),
    ],
)
def test_speaker_phrases(parser, text, cue, speaker):
    found = statements_of(parser, text)
    assert [s.speaker.text for s in found if s.cue_text == cue] == [speaker]
    assert not [s for s in found if s.cue_text.startswith("quoted")]


def test_a_speaker_phrase_does_not_run_into_its_content(parser):
    text = (
        "A similar fast-track system backed by the British Red Cross in September 2021 for 3,000 Afghan "
        "refugees was reportedly rejected by Prime Minister Boris Johnson over fears it would amount to "
        "amnesty, which the Home Office today rejects."
    )
    for statement in statements_of(parser, text):
        assert (
            statement.speaker.end <= statement.content.start
            or statement.content.end <= statement.speaker.start
        )


def test_seed_article_finds_every_gold_statement_with_its_speaker(parser, seed_text):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    found = statements_of(parser, seed_text)
    from analyzer.evaluate import match, speaker_mention_matches
    from analyzer.report import statement_dict

    predicted = [statement_dict(s) for s in found]
    pairs = dict(match(seed_text, gold["statements"], predicted))
    missing = [g["content"] for i, g in enumerate(gold["statements"]) if i not in pairs]
    assert not missing
    wrong_speaker = [
        (g["speaker"], predicted[pairs[i]]["speaker"])
        for i, g in enumerate(gold["statements"])
        if not speaker_mention_matches(seed_text, g, predicted[pairs[i]])
    ]
    assert not wrong_speaker


def test_every_span_indexes_the_text(seed_analysis):
    text = seed_analysis.text
    for span in seed_analysis.all_spans():
        assert text[span.start : span.end] == span.text
