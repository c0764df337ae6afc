"""Speakers: who each speaker mention really is.

In: `ParsedText` and the `Statement`s from attribution. Out: the statements with `source_id`,
`speaker_canonical`, `speaker_type` (and `speaker_ambiguous`) filled, and one `Source` per
canonical referent with its mentions, role, anonymity reason and knowledge basis.

Resolution is by ordered rules, most specific first (guide rules 12-15):
1. names: a mention whose proper-noun words are a subset of a fuller name in the article resolves
   to the fullest such name (`Trump` -> `Donald Trump`); titles and honorifics are dropped, and a
   phrase that ends by naming someone after a title is that person (`ABS-CBN CEO Carlo
   Katigbak`); a joint subject joins its conjuncts (`Reuters and NBC`); a document by a named
   author is the author's (`Mike Pompeo's tweet`); a name in apposition after a description is
   its referent (`One news site, Znak.com`), and so is a name right before a role description
   set off by commas (`Carrie Lam, the chief executive of Hong Kong,`); a bare surname with no
   fuller name is the one fuller name it is a close spelling variant of (`Saree` -> `Yahya
   Sarea`; several: ambiguous); a `<Modifier> <Body>` name takes the article's `<Body> of
   <Modifier>` form (`State Department` -> `United States Department of State`); a news
   outlet's report is the outlet (`a report from ABC Australia`);
2. pronouns (he/she/it/they/we/I) resolve to the nearest earlier speaker, subject or titled name
   of a compatible kind and gender (`he` takes unnamed individuals and spokespeople too), never to
   a phrase inside a quotation; an antecedent description is resolved in turn (`the network` ->
   `ABS-CBN Corporation`); a tie between two candidates is reported as ambiguous
   (`speaker_ambiguous`);
3. definite descriptions (`the sources`, `the company`, `the court`) resolve to the earliest
   earlier source, or the nearest body named with the noun, whose head noun or type matches, else
   the body the article names most (`the network` -> `ABS-CBN Corporation`); a role description
   is the one person named with that title, before it or else later (`Chelyabinsk's governor`);
   a possessed group is the earlier group with its noun (`Johnson's critics`); a partitive (`Two
   of the sources`) stays its own referent;
4. everything else is its own referent.
A cue word, a time phrase or a bracketed abbreviation that ends the speaker phrase is left out
(`local media reporting`, `officials on Saturday`, `the Syrian Democratic Forces (SDF)`); the
abbreviation later resolves to the name it was defined for (`NFP` -> `Notes from Poland`).
Types come from lexicons (speaker_nouns.tsv, named_bodies.tsv) over the parse, the learned
classifier for unlisted common nouns, and the article's own words: a bare name that `reports` is
a news outlet, one its phrase calls `its` is a body.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from analyzer import lexicons
from analyzer.nlp import ParsedText, Sentence, Word
from analyzer.quotes import find_quotations
from analyzer.records import Source, Span, Statement

logger = logging.getLogger(__name__)

HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "prof.",
        "rev",
        "rev.",
    ]
)
TITLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "governor",
        "mayor",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "general",
        "gen.",
        "judge",
        "justice",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "executive",
        "ceo",
        "director",
        "leader",
        "speaker",
        "ambassador",
        "commissioner",
        "deputy",
        "foreign",
        "vice",
        "us",
        "u.s.",
        "uk",
        "former",
        "acting",
        "state",
        "attorney",
        "solicitor",
        "minister's",
        "ministry",
        "official",
        "officials",
    ]
)
# gendered titles and nouns that stand next to a person's name (`spokeswoman X`, `X, his wife`)
FEMALE_NOUNS = (
    "mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame", "spokeswoman", "chairwoman",
    "congresswoman", "businesswoman", "mother", "wife", "daughter", "sister", "fiancée", "widow",
    "actress", "girlfriend", "grandmother",
)  # fmt: skip
MALE_NOUNS = (
    "mr", "king", "prince", "lord", "sir", "spokesman", "chairman", "congressman", "businessman",
    "father", "husband", "son", "brother", "fiancé", "widower", "actor", "boyfriend", "grandfather",
)  # fmt: skip
MALE = frozenset(["he", "him", "his", "himself"])
FEMALE = frozenset(["she", "her", "hers", "herself"])
NEUTER = frozenset(["it", "its", "itself"])
PLURAL = frozenset(["they", "them", "their", "themselves", "we", "us", "our"])
FIRST_PERSON = frozenset(["i", "me", "my", "we", "us", "our"])
PRONOUNS = MALE | FEMALE | NEUTER | PLURAL | FIRST_PERSON
GROUP_TYPES = ("anonymous", "unnamed_group", "organization", "government", "media")


@dataclass
class _Mention:
    span: Span
    words: list[Word]
    head: Word | None
    kind: str  # "name", "pronoun", "description"
    speaker_type: str
    plural: bool
    canonical: str = ""
    ambiguous: bool = False


def _words_in(sentence: Sentence, start: int, end: int) -> list[Word]:
    return [w for w in sentence.words if start <= w.start and w.end <= end]


def _sentence_at(parsed: ParsedText, position: int) -> Sentence | None:
    for sentence in parsed.sentences:
        if sentence.start <= position < sentence.end + 1:
            return sentence
    return None


def _head(words: list[Word]) -> Word | None:
    """The syntactic head of a phrase: the word whose head lies outside the phrase."""
    indices = {w.index for w in words}
    for word in words:
        if word.head not in indices:
            return word
    return words[-1] if words else None


def _joined(words: list[Word]) -> str:
    """The words as written: a space only where the text has one (`Abdul-Mahdi`, `ABS-CBN`)."""
    out = ""
    for k, word in enumerate(words):
        out += (" " if k and word.start > words[k - 1].end else "") + word.text
    return out


def _touching_hyphen(words: list[Word], k: int) -> bool:
    """`-` at `k` written between two capitalised words, or a name particle and a capitalised
    word, with no space (`Abdul-Mahdi`, `el-Sisi`)."""
    return (
        0 < k < len(words) - 1
        and words[k].text in ("-", "‐", "–")
        and words[k - 1].end == words[k].start
        and words[k].end == words[k + 1].start
        and (words[k - 1].text[:1].isupper() or re.fullmatch(NAME_PARTICLES, words[k - 1].text))
        and words[k + 1].text[:1].isupper()
    )


def _article_name_runs(parsed: ParsedText) -> list[list[Word]]:
    """Runs of adjacent proper nouns in the article, honorifics left out. Hyphenated parts belong
    to the run, and so does a name the sentence splitter cut at a plain space (`Ricardo Rosselló`
    | `Nevares, Puerto Rico's governor, ...`)."""
    runs: list[list[Word]] = []
    run: list[Word] = []
    for sentence in parsed.sentences:
        words = list(sentence.words)
        if run and not (
            words and words[0].upos == "PROPN" and parsed.text[run[-1].end : words[0].start] == " "
        ):
            runs.append(run)
            run = []
        for k, word in enumerate(words):
            in_name = word.upos == "PROPN" and word.text.lower() not in HONORIFICS
            if (
                in_name
                or (_touching_hyphen(words, k) and run)
                or (
                    word.text[:1].isupper()
                    and k + 2 < len(words)
                    and _touching_hyphen(words, k + 1)
                    and not run
                    and words[k + 2].upos == "PROPN"
                )
            ):
                run.append(word)
            elif run:
                runs.append(run)
                run = []
        if run and words and run[-1] is not words[-1]:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _name_words(words: list[Word]) -> list[Word]:
    """The proper-name part of a phrase, without titles and honorifics."""
    names = [w for w in words if w.upos == "PROPN" and w.text.lower() not in HONORIFICS]
    # a name is the last run of proper nouns (`US President Donald Trump` -> Donald Trump)
    if not names:
        return []
    run = [names[-1]]
    for w in reversed(names[:-1]):
        if w.index == run[0].index - 1 and w.text.lower() not in TITLE_WORDS:
            run.insert(0, w)
        else:
            break
    return run


def _type_of(
    words: list[Word], head: Word | None, text: str, names_in_article: frozenset[str] = frozenset()
) -> tuple[str, bool]:
    """Speaker type and plurality of a mention from lexicons and the parse. `names_in_article`
    holds the words tagged as proper nouns elsewhere in the article."""
    phrase = text.lower().strip()
    phrase_no_the = re.sub(r"^the\s+", "", phrase)
    bodies = lexicons.table("named_bodies")
    for candidate in (phrase, phrase_no_the):
        if candidate in bodies:
            return bodies[candidate][0], False
    if phrase_no_the in lexicons.table("places"):
        return "government", False  # `Saudi Arabia`, where the tagger took `Saudi` for an adjective
    first, _, rest = phrase_no_the.partition(" ")
    if first in bodies and rest in lexicons.table("places"):
        return bodies[first][0], False  # a body's national branch (`ABC Australia`, `BBC Scotland`)
    nouns = lexicons.table("speaker_nouns")
    if head is not None and (head.upos == "NUM" or _quantity_of(words, head)):
        # `Two of the sources`, `A number of Senators`: the noun of the partitive says what the
        # number counts
        counted = [w for w in words if w.index > head.index and w.upos in ("NOUN", "PROPN")]
        head = counted[-1] if counted else head
    head_text = (head.text if head else phrase.split()[-1] if phrase.split() else "").lower()
    if head is not None and head_text not in nouns and nouns.get(head.lemma.lower(), ("",))[0] in _BODY_TYPES:
        head_text = head.lemma.lower()  # `agencies`, `parties`: bodies in the plural are still bodies
    plural = bool(head and ("Number=Plur" in head.feats or head.xpos in ("NNS", "NNPS")))
    lowered = {w.text.lower() for w in words}
    if (
        plural
        and head is not None
        and head_text not in nouns
        and head.lemma.lower() in TITLE_WORDS | ROLE_HEADS
    ):
        return "unnamed_group", True  # `A number of Senators`
    if head is not None and _is_pronoun(head):
        pron = head.text.lower()
        return ("person" if pron in MALE | FEMALE | {"i", "me"} else ""), pron in PLURAL
    anonymous_marker = any(w in lowered for w in ("anonymous", "unnamed", "unidentified")) or any(
        re.search(pattern, phrase) for pattern, kind in lexicons.rows("anonymity") if kind == "knowledge"
    )
    name_head = _name_in_apposition(words, head)
    if name_head is not None and not anonymous_marker:
        # `Opposition leader Jeremy Corbyn`, `broadcaster TVN24`: the name says who speaks
        return _type_of_name(words, name_head, nouns), False
    if head is not None and _looks_like_name(words, head, names_in_article) and head_text not in nouns:
        return _type_of_name(words, head, nouns), False  # `Trump` tagged NOUN at a sentence start
    if head_text in nouns:
        kind, number = nouns[head_text][0], nouns[head_text][1]
        names = _name_words(words)
        if kind == "person" and not names and anonymous_marker:
            return "anonymous", plural
        if kind in ("anonymous", "unnamed_group"):
            if names and head.upos == "PROPN":
                return "person", False
            if anonymous_marker or kind == "anonymous" or "source" in head_text:
                # `officials` with a knowledge or anonymity phrase are anonymous sources
                return ("anonymous" if (anonymous_marker or kind == "anonymous") else kind), number == "pl"
            return kind, number == "pl"
        if kind == "person" and head_text in SPOKESPEOPLE and names and head.upos == "NOUN":
            # `a Woolworths spokesperson`: the name before the noun is the body it speaks for
            # (guide rule 15); a one-word name there is a body unless a lexicon says otherwise
            body_type = _type_of_name(words, names[-1], nouns)
            if body_type == "person" and len(_name_run(words, names[-1])) == 1:
                body_type = "organization"
            return body_type, False
        if kind == "person" and not names:
            # an unnamed spokesman takes the type of the body it speaks for (guide rule 15)
            for w in words:
                body = nouns.get(w.text.lower())
                if body and body[0] in ("organization", "government", "media") and w is not head:
                    return body[0], False
            if any(w.upos == "PROPN" for w in words):
                return "person", False
            return ("anonymous" if _indefinite(words, head) else "person"), False
        if kind in ("government", "organization") and _after_news_word(words, head):
            return "media", plural  # `the Saudi Press Agency`, `a news agency`
        return kind, plural
    if head is not None and head.upos == "PROPN":
        return _type_of_name(words, head, nouns), False
    if plural:
        return "unnamed_group", True
    if head is not None and head.upos == "NOUN":
        # a common noun the lexicons do not list (`coach`, `attacker`, `footage`)
        learned = learned_type(words, head)
        if learned == "person" and _indefinite(words, head):
            return "anonymous", plural  # `a court clerk`: an unnamed individual (guide rule 15)
        if learned is not None:
            return learned, plural
    return "person" if head is not None and head.upos == "PROPN" else "organization", plural


_BODY_TYPES = ("organization", "government", "media", "document")


def _name_run(words: list[Word], head: Word) -> list[Word]:
    """The run of adjacent proper nouns around `head`, without honorifics and title words."""
    position = {w.index: k for k, w in enumerate(words)}
    k = position[head.index]

    def in_name(w: Word) -> bool:
        lowered = w.text.lower()
        return w.upos == "PROPN" and lowered not in HONORIFICS and lowered not in TITLE_WORDS

    def adjacent(a: Word, b: Word) -> bool:
        return b.index == a.index + 1

    first = last = k
    while first > 0:
        if in_name(words[first - 1]) and adjacent(words[first - 1], words[first]):
            first -= 1
        elif (
            first > 1 and _touching_hyphen(words, first - 1) and adjacent(words[first - 2], words[first - 1])
        ):
            first -= 2  # `ABS-CBN`, where the tagger took `ABS` for a common noun
        else:
            break
    while last + 1 < len(words):
        if in_name(words[last + 1]) and adjacent(words[last], words[last + 1]):
            last += 1
        elif last + 2 < len(words) and _touching_hyphen(words, last + 1) and in_name(words[last + 2]):
            last += 2  # `Abdul-Mahdi`
        else:
            break
    return words[first : last + 1]


INDEFINITE = frozenset({"a", "an", "another", "one"})
# how close a bare surname must be to a fuller name's surname to be its spelling variant
# (`Saree` and `Sarea`: 0.8; `Johnson` and `Jones`: 0.67)
SPELLING_VARIANT_RATIO = 0.8
# Arabic name particles written hyphenated to the surname (`el-Sisi`, `al-Assad`)
NAME_PARTICLES = r"al|el|ad|ar|as|an|at|az|ash"
# company legal forms, left out of a canonical (`Salling Group A/S` -> Salling Group)
LEGAL_SUFFIXES = (
    r"A/S|AS|ASA|AB|AG|GmbH|Inc\.?|Ltd\.?|L\.?L\.?C\.?|plc|PLC|S\.A\.?|N\.V\.?|B\.V\.?|S\.p\.A\.?"
)
AUTHORING_VERBS = frozenset(
    {
        "release",
        "issue",
        "write",
        "publish",
        "sign",
        "post",
        "send",
        "file",
        "make",
        "give",
        "author",
        "tweet",
    }
)
# what a news outlet publishes, which speaks for the outlet (`a report from ABC Australia`)
MEDIA_REPORTS = frozenset({"report", "article", "story", "headline", "broadcast", "bulletin", "editorial"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
NEWS_WORDS = frozenset({"press", "news"})
QUANTITY_NOUNS = frozenset({"number", "group", "couple", "handful", "majority", "lot", "dozens", "hundreds"})


def _after_news_word(words: list[Word], body_word: Word) -> bool:
    return any(w.text.lower() in NEWS_WORDS and w.index == body_word.index - 1 for w in words)


def _quantity_of(words: list[Word], head: Word) -> bool:
    """`A number of Senators`, `a group of experts`: the head counts what follows `of`."""
    return head.text.lower() in QUANTITY_NOUNS and any(
        w.text.lower() == "of" and w.index > head.index for w in words
    )


def _possessed(words: list[Word], head: Word | None) -> Word | None:
    """The noun a possessive names when the parse made the possessor the head (`The Centre for
    Aviation's database of air carriers` -> `database`); `head` otherwise."""
    if head is None or head.upos != "PROPN":
        return head
    for k, word in enumerate(words[:-1]):
        if word.text in ("'s", "’s", "'", "’") and word.index > head.index and words[k + 1].upos == "NOUN":
            possessed = words[k + 1]
            while possessed.head in {w.index for w in words} and possessed.head > possessed.index:
                possessed = next(w for w in words if w.index == possessed.head)
            return possessed
    return head


MONARCHS = frozenset({"king", "queen", "pope", "emperor", "empress", "tsar", "sultan"})


def _roman_numeral(word: Word) -> bool:
    """`II`, `XVI`: a regnal number."""
    return bool(re.fullmatch(r"[IVX]+", word.text)) and len(word.text) <= 5


def _indefinite(words: list[Word], head: Word | None) -> bool:
    """`a court clerk`, `one analyst`: an individual not identified by name or unique role."""
    return head is not None and any(
        w.head == head.index and w.text.lower() in INDEFINITE and w.upos in ("DET", "NUM") for w in words
    )


def _name_in_apposition(words: list[Word], head: Word | None) -> Word | None:
    """The last word of a proper name that stands in apposition to a common-noun head
    (`leader Jeremy Corbyn`, `the company ByteDance`), or None."""
    if head is None or head.upos == "PROPN":
        return None
    for word in words:
        if word.head == head.index and word.deprel in ("appos", "flat", "flat:name") and word.upos == "PROPN":
            run = _name_run(words, word)
            return run[-1]
    return None


def _looks_like_name(words: list[Word], head: Word, names_in_article: frozenset[str]) -> bool:
    """A capitalised singular noun with no determiner, which the tagger took for a common noun
    (sentence-initial `Trump`) but tagged a proper noun elsewhere in the article."""
    if head.upos != "NOUN" or head.text not in names_in_article:
        return False
    if "Number=Plur" in head.feats or head.xpos in ("NNS", "NNPS"):
        return False
    return not any(w.head == head.index and w.upos == "DET" for w in words)


def _type_of_spelled_out(name: str) -> str | None:
    """The type an acronym's spelled-out name gives by its lexicons (`Federal Security Service`)."""
    lowered = name.lower()
    if lowered in lexicons.table("named_bodies"):
        return lexicons.table("named_bodies")[lowered][0]
    if lowered in lexicons.table("places"):
        return "government"
    nouns = lexicons.table("speaker_nouns")
    tokens = lowered.split()
    for k in range(len(tokens) - 1, -1, -1):
        entry = nouns.get(tokens[k])
        if entry and entry[0] in _BODY_TYPES:
            # two name words after the body's word name its member (`... Committee Adam Schiff`)
            return entry[0] if len(tokens) - k - 1 < 2 else None
    return None


def _described_types(parsed: ParsedText) -> dict[str, str]:
    """Lower-cased names the article introduces with a body noun, and that noun's type: a
    lower-case noun or adjective right before the name (`daily Népszava`, `broadcaster TVN24`),
    or an appositive either way round (`One news site, Znak.com`; `Rudaw, a Kurdish news
    outlet`)."""
    nouns = lexicons.table("speaker_nouns")

    def body_type(word: Word | None) -> str | None:
        if word is None or word.text[:1].isupper():
            return None
        entry = nouns.get(word.text.lower())
        return entry[0] if entry and entry[0] in ("organization", "government", "media") else None

    described: dict[str, str] = {}
    for sentence in parsed.sentences:
        words = list(sentence.words)
        for word in words:
            if word.upos != "PROPN":
                continue
            run = _name_run(words, word)
            if word is not run[-1]:
                continue
            before = sentence.word(run[0].index - 1)
            found = body_type(before) if before is not None and before.head == word.index else None
            if found is None and word.deprel == "appos":
                found = body_type(sentence.word(word.head))
            if found is None:
                found = next(
                    (
                        body_type(w)
                        for w in words
                        if w.head == word.index and w.deprel == "appos" and body_type(w)
                    ),
                    None,
                )
            if found is not None:
                described.setdefault(_joined(run).lower(), found)
    return described


def _type_of_name(words: list[Word], head: Word, nouns: dict) -> str:
    """Type of a phrase headed by a proper noun (`Opposition leader Jeremy Corbyn`, `Turkey`,
    `broadcaster TVN24`, `the Refugee Council`).

    The name itself decides first: a body's head word inside it (`Council`, `Party`, `TV`) makes
    it that body, unless two or more name words follow that word (`... Refugee Council Enver
    Solomon`); a country or capital speaks for its government. Otherwise the word just before
    the name, when it is a lower-case noun in apposition, does (`broadcaster TVN24`, `leader
    Jeremy Corbyn`). A bare name is a person: in our gold, three in four one-word proper-name
    speakers are people (`Trump`, `Pelosi`); acronyms and names with digits or a web domain are
    bodies (`FSB`, `TVN24`, `Domain.com`).
    """
    run = _name_run(words, head) if head in words else [head]
    body_at = [k for k, w in enumerate(run) if nouns.get(w.text.lower(), ("",))[0] in _BODY_TYPES]
    if body_at:
        tail = run[body_at[-1] + 1 :]
        if len(tail) >= 2 and head in tail:
            return "person"
        if _after_news_word(words, run[body_at[-1]]):
            return "media"  # `Saudi Press Agency`, `Xinhua News Agency`
        return nouns[run[body_at[-1]].text.lower()][0]
    name = " ".join(w.text for w in run).lower()
    if name in lexicons.table("places"):
        return "government"
    before = [w for w in words if w.index < run[0].index and w.upos in ("NOUN", "PROPN", "ADJ")]
    if before and before[-1].index == run[0].index - 1 and not before[-1].text[:1].isupper():
        entry = nouns.get(before[-1].text.lower())
        if entry and entry[0] in (*_BODY_TYPES, "person"):
            return entry[0]
    if len(run) >= 2:
        return "person"
    word = run[0].text
    if (word.isupper() and len(word) > 1) or any(c.isdigit() for c in word) or "." in word.strip("."):
        return "organization"
    return "person"


# --- learned speaker types ------------------------------------------------------------------------
# A scikit-learn Pipeline trained on GUM's entity types (training/train_speaker_types.py), used
# where the lexicons cannot tell: a common noun they do not list (`coach`, `attacker`). Its classes,
# in the classifier's order; `place` speaks for a government and `other` (a thing) is a document.
SPEAKER_CLASSES = ("organization", "other", "person", "place")
_CLASS_TO_TYPE = {
    "organization": "organization",
    "other": "document",
    "person": "person",
    "place": "government",
}
TYPE_MODEL = Path(__file__).resolve().parent / "models" / "speaker_types.json"


def mention_features(words: list[Word], head: Word) -> dict[str, float]:
    """Features of a noun phrase for the type classifier; the same at training and prediction."""
    lowered = head.text.lower()
    features = {
        f"head={lowered}": 1.0,
        f"lemma={head.lemma.lower()}": 1.0,
        f"upos={head.upos}": 1.0,
        f"suffix3={lowered[-3:]}": 1.0,
        f"suffix4={lowered[-4:]}": 1.0,
        "capitalised": float(head.text[:1].isupper()),
        "all_caps": float(head.text.isupper() and len(head.text) > 1),
        "plural": float("Number=Plur" in head.feats),
        "proper_nouns": float(sum(w.upos == "PROPN" for w in words)),
    }
    for word in words:
        if word is not head and word.upos in ("NOUN", "PROPN", "ADJ", "DET"):
            features[f"word={word.lemma.lower()}"] = 1.0
    # the head's word vector (the parser's own, unit length) lets `gunman` learn from `soldier`
    vocabulary, vectors = _word_vectors()
    row = vocabulary.get(lowered)
    if row is not None:
        features.update((f"vector{k}", float(x)) for k, x in enumerate(vectors[row]))
    return features


@cache
def _word_vectors():
    """The shipped word vectors as ({word: row}, unit-length rows); empty without the file."""
    path = Path(__file__).resolve().parent / "models" / "en_vectors.pt"
    if not path.exists():
        return {}, None
    import numpy as np
    import torch

    saved = torch.load(path, map_location="cpu", weights_only=False)
    vectors = saved["emb"].float().numpy()
    vectors = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-6)
    return dict(saved["vocab"]["_unit2id"]), vectors


@cache
def _type_model():
    """The saved classifier rebuilt as a scikit-learn Pipeline, or None when the file is missing."""
    if not TYPE_MODEL.exists():
        logger.warning("no speaker-type model at %s; lexicon types only", TYPE_MODEL)
        return None
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    saved = json.loads(TYPE_MODEL.read_text(encoding="utf-8"))
    vectorizer = DictVectorizer()
    vectorizer.feature_names_ = saved["features"]
    vectorizer.vocabulary_ = {name: k for k, name in enumerate(saved["features"])}
    classifier = LogisticRegression()
    classifier.classes_ = np.array(saved["classes"])
    classifier.coef_ = np.array(saved["coef"], dtype=float)
    classifier.intercept_ = np.array(saved["intercept"], dtype=float)
    return Pipeline([("features", vectorizer), ("classifier", classifier)])


def learned_type(words: list[Word], head: Word) -> str | None:
    """The classifier's speaker type for a noun phrase, or None without a model."""
    model = _type_model()
    if model is None:
        return None
    return _CLASS_TO_TYPE[str(model.predict([mention_features(words, head)])[0])]


def _is_known_body(text: str) -> bool:
    bodies = lexicons.table("named_bodies")
    lowered = text.lower().strip()
    return lowered in bodies or re.sub(r"^the\s+", "", lowered) in bodies


def _canonical_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I) if text[:4].lower() == "the " else text
    # a participle compound before a name describes the body, it is no part of its name (`the
    # Kurdish-led Syrian Democratic Forces`, `US-backed Syrian Democratic Forces`)
    return re.sub(r"^[\w.]+-[a-z]+ed\s+(?=[A-Z])", "", text)


class _Resolver:
    def __init__(self, parsed: ParsedText):
        self.parsed = parsed
        self.text = parsed.text
        self.full_names: list[tuple[int, list[str]]] = []  # (offset, name tokens) of every multi-word name
        self.names_in_article = frozenset(
            w.text for sentence in parsed.sentences for w in sentence.words if w.upos == "PROPN"
        )
        self.described_types = _described_types(parsed)
        self._noun_phrases: list[tuple[_Mention, int, bool]] | None = None
        self._quotations: list[tuple[int, int]] | None = None
        for run in _article_name_runs(parsed):
            # a title splits a run into names (`Environment Minister John Baird` -> John Baird)
            segment: list[Word] = []
            for word in [*run, None]:
                if word is not None and word.text.lower() not in TITLE_WORDS:
                    segment.append(word)
                    continue
                tokens = _joined(segment).split()
                if len(tokens) >= 2:
                    self.full_names.append((segment[0].start, tokens))
                segment = []

    def fullest_name(self, tokens: list[str]) -> list[str]:
        """The longest name in the article that ends with `tokens` (or holds a one-word `tokens`),
        compared without accents: `Erdogan` is `Recep Tayyip Erdoğan` when the article has both."""
        best = tokens
        folded = [_fold(t) for t in tokens]
        for _, name in self.full_names:
            # a surname with a particle (`el-Sisi`, `al-Assad`) is also written without it
            folded_name = [_fold(re.sub(rf"^(?i:{NAME_PARTICLES})[-‐]", "", t)) for t in name]
            if (len(name) > len(best) and folded_name[-len(tokens) :] == folded) or (
                len(name) > len(best) and len(tokens) == 1 and folded[0] in folded_name
            ):
                best = name
        return best

    def mention(self, span: Span) -> _Mention:
        sentence = _sentence_at(self.parsed, span.start)
        words = _words_in(sentence, span.start, span.end) if sentence else []
        head = _possessed(words, _head(words))
        speaker_type, plural = _type_of(words, head, span.text, self.names_in_article)
        if head is not None and _is_pronoun(head) and len(words) == 1:
            return _Mention(span, words, head, "pronoun", speaker_type, plural)
        outlet = self.outlet_of_report(words, head)
        if outlet is not None:
            # `a report from ABC Australia on March 3`: a media outlet's report is the outlet
            # (decisions: speakers)
            return _Mention(span, words, head, "name", "media", False, outlet)
        authored = self.document_by_name(words, head)
        if authored is not None:
            return _Mention(span, words, head, "name", "document", plural, authored)
        titled_person = self.name_after_title(words)
        if titled_person is not None and speaker_type != "anonymous":
            return _Mention(span, words, head, "name", "person", False, titled_person)
        coordinated = self.coordinated(span, words, head)
        if coordinated is not None:
            return coordinated
        apposed_after = self.name_apposed_after(span, head)
        if apposed_after is not None:
            # `One news site, Znak.com, claims`: the name says who the description is
            if speaker_type in ("person", "anonymous"):
                canonical = " ".join(self.fullest_name(_joined(apposed_after).split()))
                return _Mention(span, words, head, "name", "person", False, canonical)
            canonical = self.expand_acronym(_joined(apposed_after))
            return _Mention(span, words, head, "name", speaker_type, plural, canonical)
        named_before = self.person_apposed_before(span, words, head, speaker_type)
        if named_before is not None:
            # `Carrie Lam, the chief executive of Hong Kong, announced`: the description is the
            # appositive of the name before it
            return _Mention(span, words, head, "name", "person", False, named_before)
        bare_name = (
            head is not None and head.upos == "PROPN" and all(w.upos in ("PROPN", "DET") for w in words)
        )
        if bare_name and speaker_type in ("person", "organization") and not _is_known_body(span.text):
            # a name the article introduced as a body (`daily Népszava`, `Rudaw, a news outlet`)
            speaker_type = self.described_types.get(_joined(_name_run(words, head)).lower(), speaker_type)
        names = _name_words(words)
        head_is_name = head is not None and head.upos == "PROPN"
        if head is not None and head.text.lower() in ROLE_HEADS and head is words[-1]:
            # `The Vice President` after `Vice President Mike Pence`; `The Senate Minority Leader`
            # after `The Senate Minority Leader, Chuck Schumer`; `The commissioner`
            # a possessor is not part of the title (`Chelyabinsk's governor` -> `governor`)
            possessors = {w.index for w in words if w.deprel == "nmod:poss"}
            title = [
                w.text
                for w in words
                if w.upos not in ("DET", "PRON")
                and not w.text.endswith(("'s", "’s"))
                and w.index not in possessors
                and w.head not in possessors
            ]
            after = re.match(r",\s+((?:[A-Z][\w'’-]+ ?){2,4}),", self.text[span.end :])
            titled = (
                " ".join(self.fullest_name(after.group(1).split()))
                if after  # `The Vice President, Mike Pence, said`
                else self.titled_name(" ".join(title), span.start)
            )
            if titled is not None:
                return _Mention(span, words, head, "name", "person", plural, titled)
        apposed = _name_in_apposition(words, head)
        if apposed is None and head is not None and _looks_like_name(words, head, self.names_in_article):
            apposed = head
        if apposed is not None and speaker_type in ("person", *_BODY_TYPES):
            # `Opposition leader Jeremy Corbyn` is Jeremy Corbyn; `the company ByteDance` is ByteDance
            run = _name_run(words, apposed)
            if speaker_type == "person":
                canonical = " ".join(self.fullest_name(_joined(run).split()))
            else:
                canonical = self.expand_acronym(_canonical_text(self.text[run[0].start : run[-1].end]))
            return _Mention(span, words, head, "name", speaker_type, plural, canonical)
        # a lone capitalised name is a person's surname when the article gives a fuller name with
        # it (`Lam` after `Carrie Lam`); otherwise a body (`Facebook`)
        lone_name = (
            head_is_name and speaker_type == "organization" and len(names) == 1 and not head.text.isupper()
        )
        if lone_name and len(self.fullest_name([names[0].text])) >= 2 and not _is_known_body(span.text):
            speaker_type = "person"
        if head_is_name and len(names) == 1 and speaker_type in ("person", "organization"):
            # `Salling` after `Salling Group A/S`: the short form of a body's name, when every
            # fuller name the article writes with it is a body's
            body = self.body_with_short_name(names[0].text)
            if body is not None and not _is_known_body(span.text):
                return _Mention(span, words, head, "name", body[1], plural, body[0])
        if (
            head_is_name
            and speaker_type == "person"
            and len(names) == 1
            and len(self.fullest_name([names[0].text])) == 1
            and (
                any(w.text.lower() == "its" and w.index > head.index for w in words)
                or re.match(r",\s+(?:\w+\s+){0,2}its\b", self.text[span.end : span.end + 40], re.IGNORECASE)
            )
        ):
            # `Coles, in its March 8 media release`: the phrase calls the name `it`, a body
            canonical = self.expand_acronym(_joined(_name_run(words, head)))
            return _Mention(span, words, head, "name", "organization", plural, canonical)
        if names and speaker_type == "person" and head_is_name:
            # the name around the head, not a later one (`Steve Peers of the University of Essex`)
            # the parse may make an honorific the head (`Dr Gary Mortimer`); it is no part of the name
            own = [w for w in _name_run(words, head) if w.text.lower() not in TITLE_WORDS | HONORIFICS]
            tokens = _joined(own or names).split()
            fullest = self.fullest_name(tokens)
            ambiguous = False
            if len(fullest) == 1:
                # no fuller name with this surname: a spelling variant of one (`Saree` for `Yahya
                # Sarea`, transliterated two ways in one article)
                similar = self.similar_names(fullest[0])
                if len(similar) == 1:
                    fullest = similar[0].split()
                ambiguous = len(similar) > 1
            return _Mention(span, words, head, "name", speaker_type, plural, " ".join(fullest), ambiguous)
        if head_is_name:
            short = _canonical_text(span.text)
            canonical = self.expand_acronym(short)
            if canonical != short:
                speaker_type = _type_of_spelled_out(canonical) or speaker_type  # `FSB`: a service
            elif speaker_type in ("government", "organization"):
                canonical = self.name_with_of(self.without_location(canonical))
            return _Mention(span, words, head, "name", speaker_type, plural, canonical)
        determiner = words[0].text.lower() if words else ""
        # a description with a name in it names its own referent (`The United States government`)
        kind = (
            "description"
            if determiner in ("the", "these", "those", "this", "that")
            and not any(w.upos == "PROPN" for w in words)
            else "name"
        )
        canonical = _canonical_text(span.text)
        if speaker_type == "document":
            # a document drops its article like a body (decisions: speakers): `a UN report` -> `UN
            # report`; an anonymous individual keeps it (`a court clerk`)
            canonical = re.sub(r"^(?:a|an)\s+", "", canonical, flags=re.I)
        if speaker_type in ("unnamed_group", "anonymous") and plural:
            canonical = self.group_by_demonym(canonical)
        return _Mention(span, words, head, kind, speaker_type, plural, canonical)

    def without_location(self, name: str) -> str:
        """`Court of Session in Scotland` -> `Court of Session` when the article also writes the
        name on its own (`The Court of Session is the highest civil court`): the place says where
        the body is, not what it is called. A diplomatic mission keeps its host city (`US Embassy
        in London`), which tells it from the country's other missions."""
        found = re.fullmatch(r"(.+?) in (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*", name)
        if found is None or re.search(r"(?i)\b(?:embassy|consulate|mission)\b", name):
            return name
        short = found.group(1)
        alone = rf"\b{re.escape(short)}\b(?! in\b)(?!\s+[A-Z])"
        return short if len(short.split()) >= 2 and re.search(alone, self.text) else name

    def name_with_of(self, name: str) -> str:
        """The article's fullest `<Body> of <Modifier>` form of a `<Modifier> <Body>` name (`State
        Department` -> `United States Department of State`, `Justice Department` -> `Department of
        Justice`), when it writes one; `name` otherwise. The longest modifier that matches counts
        (`US State Department` tries `US State`, then `State`)."""
        tokens = name.split()
        if len(tokens) < 2 or lexicons.table("speaker_nouns").get(tokens[-1].lower(), ("",))[0] not in (
            "government",
            "organization",
        ):
            return name
        for first in range(len(tokens) - 1):
            modifier = " ".join(tokens[first:-1])
            pattern = (
                rf"(?:[A-Z][\w'’.-]* )*{re.escape(tokens[-1])} of (?:the )?{re.escape(modifier)}"
                r"(?![\w'’-]| [A-Z])"
            )
            found = [match.group(0) for match in re.finditer(pattern, self.text)]
            if found:
                return re.sub(r"^The ", "", max(found, key=len))
        return name

    def group_by_demonym(self, canonical: str) -> str:
        """`officials from China` -> `Chinese officials` when the article writes the group that
        way too: one referent, named by the article's shorter form. A demonym is a capitalised
        word that shares the place's first letters (all but the last, four at most: `Chin-ese`,
        `Ira-nian`, `Germ-an`)."""
        found = re.fullmatch(r"(\w+) (?:from|in) (?:the )?([A-Z][\w'’-]+)", canonical)
        if found is None or found.group(2).lower() not in lexicons.table("places"):
            return canonical
        noun, place = found.groups()
        stem = place[: min(4, len(place) - 1)]
        for written in re.finditer(rf"\b({re.escape(stem)}[a-z]+) {re.escape(noun)}\b", self.text):
            if written.group(1) != place:
                return f"{written.group(1)} {noun}"
        return canonical

    def similar_names(self, token: str) -> list[str]:
        """The article's fuller names whose surname is a close spelling variant of `token`
        (similarity ratio at least 0.8, same first letter, four letters or more), fullest first
        and distinct; several mean the variant is ambiguous. Used only after the exact surname,
        title and recency rules found nothing."""
        folded = _fold(token)
        if len(folded) < 4 or not folded.isalpha():
            return []
        found: dict[str, int] = {}
        for _, name in self.full_names:
            surname = _fold(name[-1])
            if surname == folded or surname[:1] != folded[:1]:
                continue
            if SequenceMatcher(None, folded, surname).ratio() >= SPELLING_VARIANT_RATIO:
                joined = " ".join(self.fullest_name(name))
                found[joined] = len(joined.split())
        if len(found) > 1:
            logger.debug("%r is close to several names: %s", token, sorted(found))
        return sorted(found, key=lambda name: -found[name])

    def main_body(self, speaker_type: str, before: int) -> str | None:
        """The fullest name, of `speaker_type`, of the one-word body name written most often (twice
        or more) before offset `before` (`ABS-CBN` -> `ABS-CBN Corporation`), or None on a tie."""
        counts: dict[str, int] = {}
        for run in _article_name_runs(self.parsed):
            if run[0].start >= before:
                break
            name = _joined(run)
            if " " not in name:
                counts[name] = counts.get(name, 0) + 1
        ranked = sorted(
            ((n, name) for name, n in counts.items() if n >= 2 and self.fuller_body(name, speaker_type)),
            reverse=True,
        )
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return self.fuller_body(ranked[0][1], speaker_type)

    def fuller_body(self, token: str, speaker_type: str) -> str | None:
        """The longest fuller name with `token` in it that is a body of `speaker_type`, or None."""
        folded = _fold(token)
        fuller = [
            " ".join(name)
            for _, name in self.full_names
            if folded in (_fold(t) for t in name) and _type_of_spelled_out(" ".join(name)) == speaker_type
        ]
        return max(fuller, key=lambda name: len(name.split())) if fuller else None

    def body_with_short_name(self, token: str) -> tuple[str, str] | None:
        """(the longest body name holding `token`, without a legal-form suffix; its type) when every
        fuller name in the article with `token` in it is a body's, else None."""
        folded = _fold(token)
        fuller = [name for _, name in self.full_names if folded in (_fold(t) for t in name)]
        if not fuller:
            return None
        typed = [(" ".join(name), _type_of_spelled_out(" ".join(name))) for name in fuller]
        if any(kind not in ("organization", "government", "media") for _, kind in typed):
            return None
        longest, kind = max(typed, key=lambda item: len(item[0].split()))
        return re.sub(rf"\s+(?:{LEGAL_SUFFIXES})$", "", longest), kind

    def name_apposed_after(self, span: Span, head: Word | None) -> list[Word] | None:
        """The proper name set off by a comma right after a common-noun mention as its appositive
        (`One news site, Znak.com,`; `Dunn's mother, Charlotte Charles,`), or None."""
        # a partitive head too (`One of these groups, the Syrian Democratic Forces (SDF),`)
        if head is None or head.upos not in ("NOUN", "NUM"):
            return None
        sentence = _sentence_at(self.parsed, span.start)
        if sentence is None:
            return None
        words = list(sentence.words)
        for word in words:
            if word.deprel != "appos" or word.head != head.index or word.upos != "PROPN":
                continue
            run = _name_run(words, word)
            # the name's own capitalised modifiers, which the tagger may call adjectives
            # (`the Syrian Democratic Forces`), come with it; `the` does not
            while run[0].index > 1 and words[run[0].index - 2].xpos in ("NNP", "NNPS"):
                run.insert(0, words[run[0].index - 2])
            if run[0].start >= span.end and re.fullmatch(
                r"\s*,\s*(?:the\s+)?", self.text[span.end : run[0].start]
            ):
                return run
        return None

    def coordinated(self, span: Span, words: list[Word], head: Word | None) -> _Mention | None:
        """A joint subject of one cue (`Reuters and NBC`, `Biden and others in the Democratic
        Party`) is one speaker whose canonical joins its conjuncts' canonicals (decisions:
        nested and channelled attribution). Its type is the conjuncts' common type, else the
        first body's type, else a group. None when the phrase is not a coordination."""
        if head is None:
            return None
        inside = {w.index: w for w in words}
        conjuncts = [w for w in words if w.head == head.index and w.deprel == "conj"]
        if not conjuncts or any(
            _is_pronoun(w) or w.upos not in ("NOUN", "PROPN") for w in [head, *conjuncts]
        ):
            return None
        # split by position at the conjunctions, so that a modifier the parse hung on the first
        # conjunct but written after the last stays with the last (`others in the Democratic Party`)
        roots = {head.index, *(w.index for w in conjuncts)}
        segments: list[list[Word]] = [[]]
        for word in words:
            joins = word.deprel == "cc" and word.head in roots
            listing = word.text == "," and word.head in roots and word.head > word.index
            if (joins or listing) and segments[-1]:
                segments.append([])
            elif not joins and not listing:
                segments[-1].append(word)

        def in_aside(word: Word) -> bool:
            """Inside a relative clause or appositive (`Kimberly-Clark, which makes ..., and`)."""
            node: Word | None = word
            while node is not None:
                if node.deprel in ("acl:relcl", "appos", "parataxis") and node.index not in roots:
                    return True
                node = inside.get(node.head)
            return False

        parts = []
        for segment in segments:
            kept = [w for w in segment if not in_aside(w)]
            while kept and kept[-1].upos == "PUNCT":
                kept.pop()
            while kept and kept[0].upos == "PUNCT":
                kept.pop(0)
            if not kept:
                return None
            part_span = Span.of(self.text, kept[0].start, kept[-1].end)
            if part_span.start <= span.start and part_span.end >= span.end:
                return None
            parts.append(self.mention(part_span))
        if len(parts) < 2:
            return None
        canonicals = [p.canonical for p in parts]
        joined = (
            canonicals[0] if len(canonicals) == 1 else ", ".join(canonicals[:-1]) + " and " + canonicals[-1]
        )
        types = [p.speaker_type for p in parts]
        if len(set(types)) == 1:
            speaker_type = types[0]
        else:
            bodies = [t for t in types if t in ("organization", "government", "media")]
            speaker_type = bodies[0] if bodies else "unnamed_group"
        return _Mention(span, words, head, "name", speaker_type, True, joined)

    def outlet_by_its_cue(self, mention: _Mention, statement: Statement) -> bool:
        """A bare name that `reports` is a news outlet (`TVN24 reported`, `Rudaw reports`, `the i
        reporting`): in our gold, 18 of 19 names that are the subject of `report` are media, and
        the other is a company the article calls a store chain. The lexicons, the
        article's own description of the name and a person's fuller name or gendered title come
        first (`Coles, a store chain`, `Mr Smith reported`)."""
        if mention.kind == "pronoun" or mention.speaker_type not in ("person", "organization"):
            return False
        if not statement.cue or not statement.cue[0].text.lower().startswith("report"):
            return False
        if mention.head is None or any(
            w.upos in ("NOUN", "ADJ", "VERB", "ADP", "NUM") for w in mention.words
        ):
            return False  # a description (`the company`, `officials`) or a name with more in it
        if any(w.text.lower() in TITLE_WORDS | HONORIFICS for w in mention.words):
            return False
        own = _canonical_text(mention.span.text)
        if _is_known_body(mention.span.text) or own.lower() in self.described_types:
            return False
        # `Coles, in its March 8 media release, reported`: the name's own phrase calls it a body
        if re.search(r"\bits\b", self.text[mention.span.end : statement.cue[0].start], re.IGNORECASE):
            return False
        # not `Smith` resolved to `John Smith`, nor a name the article genders
        return mention.canonical == own and self.gender(own) is None

    def body_named_with(self, noun: str, before: int) -> str | None:
        """The nearest name written before offset `before` that has `noun` as a capitalised word
        (`court` -> `Court of Session`, `ministry` -> `Emergencies Ministry`), or None. A name
        that is the subject of its clause comes first: `the court` is rather the court that acted
        than one named in a predicate (`... is the Supreme Court of the United Kingdom`)."""
        if not noun.isalpha():
            return None
        word = r"[A-Z][\w'’&-]*"
        # a diplomatic mission is named by its host city too (`the US Embassy in London`)
        linkers = "of|for|on|in" if noun in ("embassy", "consulate", "mission") else "of|for|on"
        pattern = (
            rf"(?:{word} +(?:(?:of|for|and|on|the) +)*)*{noun.capitalize()}\b"
            rf"(?:(?: +(?:{linkers}) +(?:the +)?{word})(?: +{word})*)?"
        )
        found: list[tuple[bool, str]] = []
        for match in re.finditer(pattern, self.text[:before]):
            name = re.sub(r"^(?:The|A|An) +", "", match.group(0))
            name = re.sub(r"^\S+['’]s? +", "", name) if re.match(r"^\S+['’]s? ", name) else name
            if len(name.split()) < 2:
                continue
            noun_at = match.start() + match.group(0).find(noun.capitalize())
            sentence = _sentence_at(self.parsed, noun_at)
            word_there = next((w for w in sentence.words if w.start == noun_at), None) if sentence else None
            subject = word_there is not None and word_there.deprel.startswith("nsubj")
            found.append((subject, name))
        subjects = [name for subject, name in found if subject]
        return subjects[-1] if subjects else found[-1][1] if found else None

    def quoted(self, offset: int) -> bool:
        """Whether offset `offset` lies inside a quotation of the article."""
        if self._quotations is None:
            self._quotations = [(q.inner_start, q.inner_end) for q in find_quotations(self.text)]
        return any(start <= offset < end for start, end in self._quotations)

    def sentence_number(self, offset: int) -> int:
        for number, sentence in enumerate(self.parsed.sentences):
            if offset < sentence.end + 1:
                return number
        return len(self.parsed.sentences)

    def noun_phrases(self) -> list[tuple[_Mention, int, bool]]:
        if self._noun_phrases is None:
            self._noun_phrases = _noun_phrases(self)
        return self._noun_phrases

    def gender(self, canonical: str) -> str | None:
        """`female` or `male` when the article writes a gendered title or noun next to the name
        (`spokeswoman Sujata Raisinghani`, `Hatice Cengiz, fiancée of ...`, `Mr Trump`), else None."""
        tokens = canonical.split()
        if not tokens or not tokens[-1][:1].isupper():
            return None
        name = re.escape(tokens[-1])
        found = set()
        for gender, nouns in (("female", FEMALE_NOUNS), ("male", MALE_NOUNS)):
            words = "|".join(nouns)
            before = rf"\b(?i:{words})\.?\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}{name}\b"
            after = rf"\b{name},\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?i:{words})\b"
            if re.search(before, self.text) or re.search(after, self.text):
                found.add(gender)
        return found.pop() if len(found) == 1 else None

    def document_by_name(self, words: list[Word], head: Word | None) -> str | None:
        """`a tweet on Monday by US Secretary of State Mike Pompeo` -> `Mike Pompeo's tweet`; `a
        statement released by Erdogan's office` -> `Erdogan's office's statement`: a document
        whose author is named is that author's (decisions: speakers). None otherwise, and for an
        author without a name (`a motion by an environmental group`), which stays as written."""
        if head is None or head.upos != "NOUN":
            return None
        if lexicons.table("speaker_nouns").get(head.text.lower(), ("",))[0] != "document":
            return None
        by = next((w for w in words if w.text.lower() == "by" and w.index > head.index), None)
        if by is None:
            # `Facebook released a statement which read, in part, "..."`: the subject of the verb
            # that issued it
            issuer = self.publisher(head, AUTHORING_VERBS)
            if not issuer:
                return None
            named = self.mention(Span.of(self.text, issuer[0].start, issuer[-1].end))
            if named.kind != "name" or named.speaker_type == "anonymous":
                return None
            return f"{_canonical_text(named.canonical)}'s {head.text}"
        between = [w for w in words if head.index < w.index < by.index and w.upos == "VERB"]
        if any(w.lemma.lower() not in AUTHORING_VERBS for w in between):
            return None  # `a letter seen by Sky News` is not Sky News's letter
        author = [w for w in words if w.index > by.index]
        if not author or not any(w.upos == "PROPN" for w in author):
            return None
        named = self.mention(Span.of(self.text, author[0].start, author[-1].end))
        if named.kind != "name" or named.speaker_type == "anonymous":
            return None
        return f"{_canonical_text(named.canonical)}'s {head.text}"

    def person_apposed_before(
        self, span: Span, words: list[Word], head: Word | None, speaker_type: str
    ) -> str | None:
        """The fullest name of the person written right before a role description set off by
        commas (`Carrie Lam, the chief executive of Hong Kong, announced`), or None. The
        description must open with `the` and name a person's role; the name must be a person's
        (two or more capitalised words that are not a place)."""
        if head is None or head.upos != "NOUN" or speaker_type not in ("person", "anonymous"):
            return None
        if not words or words[0].text.lower() != "the" or not self.text[span.end :].startswith(","):
            return None
        if (
            head.text.lower() not in TITLE_WORDS | ROLE_HEADS
            and lexicons.table("speaker_nouns").get(head.text.lower(), ("",))[0] != "person"
        ):
            return None
        before = re.search(
            r"(?:^|[^\w'’.-])((?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’.-]+), $", self.text[: span.start]
        )
        if before is None or before.group(1).lower() in lexicons.table("places"):
            return None
        start = before.start(1)
        named = self.mention(Span.of(self.text, start, start + len(before.group(1))))
        if named.kind != "name" or named.speaker_type != "person":
            return None
        return named.canonical

    def outlet_of_report(self, words: list[Word], head: Word | None) -> str | None:
        """The outlet's canonical when a report-like noun is `by` or `from` a news outlet (`a
        report from ABC Australia`, `an article by The Guardian`), else None."""
        if head is None or head.upos != "NOUN" or head.lemma.lower() not in MEDIA_REPORTS:
            return None
        marker = next((w for w in words if w.text.lower() in ("by", "from") and w.index > head.index), None)
        author = [w for w in words if marker is not None and w.index > marker.index]
        if not author:
            author = self.publisher(head)
        if not author or not any(w.upos == "PROPN" for w in author):
            return None
        named = self.mention(Span.of(self.text, author[0].start, author[-1].end))
        if named.kind != "name" or named.speaker_type != "media":
            return None
        return named.canonical

    def publisher(self, report: Word, verbs: frozenset[str] | None = None) -> list[Word]:
        """The subject's words of the clause whose object or `with` phrase a report-like noun is
        (`daily Népszava covered the story with a headline pointing out ...`, `The Times ran a
        story claiming ...`): who published it; only under one of `verbs` when given. Empty when
        there is none."""
        sentence = _sentence_at(self.parsed, report.start)
        if sentence is None or report.deprel not in ("obj", "obl"):
            return []
        governor = sentence.word(report.head)
        if verbs is not None and (governor is None or governor.lemma.lower() not in verbs):
            return []
        if report.deprel == "obl" and not any(
            w.head == report.index and w.deprel == "case" and w.lemma == "with" for w in sentence.words
        ):
            return []
        subject = next((w for w in sentence.words if w.head == report.head and w.deprel == "nsubj"), None)
        if subject is None or subject.upos != "PROPN":
            return []
        return _name_run(list(sentence.words), subject)

    def name_after_title(self, words: list[Word]) -> str | None:
        """The person a phrase ends by naming after a title or the body they belong to, whatever
        the parse made the head (`ABS-CBN CEO Carlo Katigbak`, `House of Commons Speaker John
        Bercow`, `CEO of the Refugee Council Enver Solomon`): the fullest form of that name, or
        None. A monarch keeps the regnal title (`Queen Elizabeth II`)."""
        if not words or (words[-1].upos != "PROPN" and not _roman_numeral(words[-1])):
            return None
        start = len(words)
        while start > 0 and (
            words[start - 1].upos == "PROPN"
            or _touching_hyphen(words, start - 1)
            or (start == len(words) and _roman_numeral(words[start - 1]))
        ):
            start -= 1
        if start > 0 and words[start - 1].text.lower() in TITLE_WORDS | ROLE_HEADS:
            start -= 1  # a lower-case title (`commissioner Albert Muchanga`)
        trailing = words[start:]
        nouns = lexicons.table("speaker_nouns")
        for k in range(len(trailing) - 1, -1, -1):
            lowered = trailing[k].text.lower()
            if lowered in TITLE_WORDS or lowered in ROLE_HEADS:
                name, before_title = trailing[k + 1 :], trailing[k]
                needed = 1
            elif nouns.get(lowered, ("",))[0] in _BODY_TYPES:
                name, before_title = trailing[k + 1 :], None
                needed = 2  # `Refugee Council Enver Solomon`, not `Salling Group A/S`
            else:
                continue
            if any(w.text.lower() in TITLE_WORDS or nouns.get(w.text.lower()) for w in name):
                return None
            numeral = name[-1].text if name and _roman_numeral(name[-1]) else ""
            tokens = _joined(name[:-1] if numeral else name).split()
            if not tokens:
                return None
            if numeral and before_title is not None and lowered in MONARCHS:
                return " ".join([before_title.text, *tokens, numeral])
            fullest = self.fullest_name(tokens)
            if len(tokens) >= needed and len(fullest) >= 2:
                return " ".join(fullest)
            return None
        return None

    def expand_acronym(self, name: str) -> str:
        """`FSB` -> `Federal Security Service` when the article spells it out, preferably as
        `Federal Security Service (FSB)`; the name itself otherwise."""
        letters = [c for c in name if c.isalpha()]
        if not (2 <= len(letters) <= 8 and all(c.isupper() for c in letters)) or " " in name:
            return name
        acronym = "".join(letters)
        defined = re.search(
            rf"((?:[A-Z][\w'’.-]*,? (?:(?:and|of|for|the|&|from|on|in) )*)+)\({re.escape(name)}\)", self.text
        )
        if defined:
            # defined in brackets (`Federal Security Service (FSB)`, `Pacific Gas and Electric
            # Company (PG&E)`): an acronym from another language or of a shortened name still
            # shares the first letter; a possessive before the name (`Russia's`) is not part of it;
            # a short preposition may stand inside (`Notes from Poland (NFP)`, `United States
            # Commission on International Religious Freedom (USCIRF)`)
            words = defined.group(1).strip(" ,").split(" ")
            while words and ("'" in words[0] or "’" in words[0]):
                words = words[1:]
            # the longest tail that opens with the acronym's first letter (`The Investigative
            # Committee and the Federal Security Service (FSB)` -> Federal Security Service)
            for first in range(len(words)):
                if words[first][:1] == acronym[:1]:
                    return " ".join(words[first:]).strip(" ,")
        pattern = r"(?:[A-Z][\w'’.-]*,? (?:(?:and|of|for|the|&) )*)+[A-Z][\w'’.-]*"
        for match in re.finditer(pattern, self.text):
            words = match.group(0).strip(" ,").split(" ")
            for first in range(len(words)):
                phrase = " ".join(words[first:]).strip(" ,")
                if _initials(phrase) == acronym:
                    return phrase
        return name

    def titled_name(self, title: str, before: int) -> str | None:
        """The fullest name written right after `title` (`Vice President Mike Pence`,
        `commissioner Albert Muchanga`) closest before offset `before`; else, when the article
        names just one person with that title after it (a lead that introduces the name later:
        `Chelyabinsk's governor has promised ...`, then `Regional governor Boris Dubrovsky`),
        that person; else None."""
        # a deputy's or a former holder's title names someone else (`Deputy Governor Oleg Klimov`
        # is not `the governor`)
        other_holder = r"(?<!deputy )(?<!vice )(?<!vice-)(?<!former )(?<!assistant )(?<!lieutenant )"
        pattern = rf"(?i:{other_holder})\b(?i:{re.escape(title)}),?\s+((?:[A-Z][\w'’-]+ ?){{2,4}})"
        found = None
        for match in re.finditer(pattern, self.text[:before]):
            found = match.group(1).split()
        if found is None:
            later = {
                " ".join(self.fullest_name(match.group(1).split()))
                for match in re.finditer(pattern, self.text[before:])
            }
            return later.pop() if len(later) == 1 else None
        return " ".join(self.fullest_name(found))


# Head nouns of a role that one person holds (`the Vice President`, `the coach`): a definite
# description ending in one resolves to the name the article wrote after the same title.
ROLE_HEADS = frozenset(
    {
        "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "senator",
        "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "general", "judge",
        "chairman", "chairwoman", "chair", "ceo", "director", "leader", "speaker", "ambassador",
        "commissioner", "coach", "attorney", "premier",
    }
)  # fmt: skip


def _fold(token: str) -> str:
    """A name token without accents or case, for matching spelling variants (`Erdoğan`)."""
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)).lower()


def _is_pronoun(word: Word) -> bool:
    """`he`, `They`, `I`; not `US` (the country), which lower-cases to `us`."""
    if word.text == "i":
        return False  # the newspaper `the i`; the pronoun is always `I`
    return word.text.lower() in PRONOUNS and (not word.text.isupper() or len(word.text) == 1)


def _initials(phrase: str) -> str:
    """`Pacific Gas and Electric Company` -> `PGEC` (capitalised words only)."""
    return "".join(word[0] for word in re.findall(r"[\w'’.-]+", phrase) if word[0].isupper())


def _compatible(pronoun: str, candidate: _Mention) -> bool:
    if pronoun in MALE | FEMALE or pronoun in ("i", "me", "my"):
        # an unnamed individual is a person too (`A Western banker said ...`, then `he said`), and
        # so is a spokesperson or official typed by the body it speaks for (`A Department for
        # Constitutional Affairs spokeswoman said ...`, then `she said`)
        nouns = lexicons.table("speaker_nouns")
        heads = {w.text.lower() for w in [candidate.head, *candidate.words[-1:]] if w is not None}
        individual = any(nouns.get(head, ("",))[0] in ("person", "anonymous") for head in heads)
        return (candidate.speaker_type in ("person", "anonymous") or individual) and not candidate.plural
    if pronoun in NEUTER:
        return (
            candidate.speaker_type in ("organization", "government", "media", "document")
            and not candidate.plural
        )
    if pronoun in PLURAL:
        return candidate.plural or candidate.speaker_type in ("organization", "government", "media")
    return False


def _noun_phrases(resolver: _Resolver) -> list[tuple[_Mention, int, bool]]:
    """Every subject, object and passive agent phrase of the article that is not a pronoun, as
    (mention, sentence number, is a subject), in text order: the referents a pronoun can take
    besides the speakers (a light-weight stand-in for full coreference)."""
    found: list[tuple[_Mention, int, bool]] = []
    names: list[tuple[list[Word], int, str | None]] = []
    for number, sentence in enumerate(resolver.parsed.sentences):
        for word in sentence.words:
            if (
                word.deprel not in ("nsubj", "nsubj:pass", "obj", "obl:agent")
                or word.upos == "PRON"
                or word.text.lower() in PRONOUNS
            ):
                continue
            phrase = [word]
            frontier = [word]
            while frontier:
                node = frontier.pop()
                for w in sentence.words:
                    if w.head == node.index and w.deprel not in ("acl:relcl", "punct", "appos", "parataxis"):
                        phrase.append(w)
                        frontier.append(w)
            phrase.sort(key=lambda w: w.index)
            end = phrase[-1].end
            if word.text.lower() in ("source", "sources"):
                # where the sources are, which the parse may hang on the verb (`citing sources
                # within the United States Department of Defense`)
                where = re.match(
                    r"\s+(?:within|inside|at|in|from)\s+(?:the\s+)?[A-Z][\w'’&-]*"
                    r"(?:\s+(?:(?:of|for|and|the)\s+)*[A-Z][\w'’&-]*)*",
                    resolver.text[end:],
                )
                end += where.end() if where else 0
            span = Span.of(resolver.text, phrase[0].start, end)
            found.append((resolver.mention(span), number, word.deprel.startswith("nsubj")))
        # names anywhere else, which a parse error may have kept out of the subject (`in December,
        # Crown Prince Mohammad bin Salman ... accepted`)
        # Only a name written with a title counts here: a bare name may be a place or a day ...
        words = list(sentence.words)
        for k, word in enumerate(words):
            if word.upos != "PROPN" or word.text.lower() in TITLE_WORDS | HONORIFICS:
                continue
            run = _name_run(words, word)
            if word is not run[-1]:
                continue
            first = words.index(run[0])
            while first > 0 and words[first - 1].text.lower() in TITLE_WORDS | ROLE_HEADS | HONORIFICS:
                first -= 1
            titled = resolver.name_after_title(words[first : k + 1]) if first < words.index(run[0]) else None
            names.append((run, number, titled))
    # ... or a bare name of someone the article names with a title elsewhere (`Zinichev` after
    # `Emergencies Minister Yevgeny Zinichev`)
    people = {titled for _, _, titled in names if titled is not None}
    for run, number, titled in names:
        canonical = titled or " ".join(resolver.fullest_name(_joined(run).split()))
        if canonical in people:
            span = Span.of(resolver.text, run[0].start, run[-1].end)
            found.append((_Mention(span, run, run[-1], "name", "person", False, canonical), number, False))
    found.sort(key=lambda item: item[0].span.start)
    return found


def _pronoun_antecedents(
    resolver: _Resolver, mention: _Mention, speakers: list[_Mention], content: Span | None = None
) -> list[_Mention]:
    """The referents a pronoun can take, best first: the nearest sentence first; in one sentence
    speakers and subjects before other phrases and names, then left to right (the main clause's
    subject before one in a relative clause). Speakers and noun phrases
    compete on these terms, so `he` after `Crown Prince Mohammad bin Salman ... accepted
    responsibility` is the prince, not a speaker two paragraphs up. A candidate of the other
    gender, by the article's own words for them, is left out, and so is a phrase inside what the
    pronoun's speaker says (`"Only God will remove me," he declared`)."""
    pronoun = mention.head.text.lower() if mention.head else ""
    own_sentence = resolver.sentence_number(mention.span.start)
    pool: list[tuple[_Mention, int, bool]] = [
        (m, resolver.sentence_number(m.span.start), True)
        for m in speakers
        if m.span.start < mention.span.start
    ]
    pool += [
        (m, number, subject)
        for m, number, subject in resolver.noun_phrases()
        if m.span.end <= mention.span.start
        and (number < own_sentence or (number == own_sentence and subject))
    ]
    pool = [(m, number, subject) for m, number, subject in pool if _compatible(pronoun, m)]
    if content is not None:
        pool = [item for item in pool if not (content.start <= item[0].span.start < content.end)]
    # a phrase inside someone's quotation is what they talk about, not whom the narrator's pronoun
    # takes up (`"... for a judge to be involved ...," he said. He argued: ...`); speakers stay
    speaker_ids = {id(m) for m in speakers}
    pool = [item for item in pool if id(item[0]) in speaker_ids or not resolver.quoted(item[0].span.start)]
    if pronoun in MALE | FEMALE:
        wanted = "male" if pronoun in MALE else "female"
        pool = [item for item in pool if resolver.gender(item[0].canonical) in (wanted, None)]
    pool.sort(key=lambda item: (-item[1], not item[2], item[0].span.start))
    return [m for m, _, _ in pool]


def resolve(parsed: ParsedText, statements: list[Statement]) -> tuple[list[Statement], list[Source]]:
    """Fill speaker fields of each statement and build the article's sources."""
    resolver = _Resolver(parsed)
    mentions: list[_Mention | None] = []
    resolved: list[_Mention] = []
    for statement in statements:
        if statement.speaker is None:
            mentions.append(None)
            continue
        speaker = _without_cue(parsed.text, statement.speaker, statement.cue)
        speaker = _without_abbreviation(parsed.text, _without_time(parsed.text, speaker))
        mention = resolver.mention(speaker)
        if mention.kind == "pronoun":
            candidates = _pronoun_antecedents(resolver, mention, resolved, statement.content)
            if candidates:
                best = candidates[0]
                if best.kind == "description":
                    # `after the network didn't carry some of his campaign commercials, which
                    # they've said ...`: the pronoun is whom its antecedent refers to
                    best = _resolve_description(replace(best), resolved, resolver)
                mention.canonical = best.canonical
                mention.speaker_type = best.speaker_type
                distinct = {c.canonical for c in candidates[:2]}
                mention.ambiguous = (
                    len(distinct) > 1
                    and candidates[1].span.start > mention.span.start - 200
                    and candidates[0].span.start == candidates[1].span.start
                )
            else:
                mention.canonical = mention.span.text
                mention.speaker_type = mention.speaker_type or "person"
                mention.ambiguous = True
        elif mention.kind == "description" or _refers_back_to_a_source(mention):
            mention = _resolve_description(mention, resolved, resolver)
        else:
            mention = _possessed_group(mention, resolved)
        if resolver.outlet_by_its_cue(mention, statement):
            mention.speaker_type = "media"
        mentions.append(mention)
        resolved.append(mention)

    # a headline's or lead's bare `sources` named before its description (`... sources said`, then
    # `three people with direct knowledge of the matter`): the first later description
    for k, mention in enumerate(mentions):
        if mention is None or not _refers_back_to_a_source(mention) or len(mention.words) != 1:
            continue
        if mention.canonical.lower() != mention.span.text.lower():
            continue  # resolved to an earlier one already
        later = [
            m
            for m in mentions[k + 1 :]
            if m is not None
            and m.speaker_type == "anonymous"
            and m.plural == mention.plural
            and not _refers_back_to_a_source(m)
        ]
        if later:
            # mentions that were resolved back to this bare `sources` follow it to the description
            resolved_to = mention.canonical
            for other in mentions:
                if other is not None and other.canonical == resolved_to:
                    other.canonical = later[0].canonical
    sources: dict[str, Source] = {}
    order: list[str] = []
    out: list[Statement] = []
    for statement, mention in zip(statements, mentions, strict=True):
        if mention is None:
            out.append(statement)
            continue
        key = mention.canonical.lower()
        if key not in sources:
            sources[key] = Source(len(order), mention.canonical, mention.speaker_type, (mention.span,))
            order.append(key)
        else:
            existing = sources[key]
            if mention.span not in existing.mentions:
                sources[key] = replace(existing, mentions=(*existing.mentions, mention.span))
        out.append(
            replace(
                statement,
                source_id=sources[key].source_id,
                speaker_canonical=sources[key].canonical,
                speaker_type=sources[key].speaker_type,
                speaker_ambiguous=mention.ambiguous,
            )
        )
    final_sources = [_describe_source(parsed, sources[key]) for key in order]
    return out, final_sources


def _without_cue(text: str, speaker: Span, cue: tuple[Span, ...]) -> Span:
    """The speaker phrase without a cue word that ends it (`local media reporting` -> `local
    media`): the cue says what the speaker did, not who it is."""
    for part in cue:
        if speaker.start < part.start < speaker.end <= part.end + 1:
            trimmed = text[speaker.start : part.start].rstrip(" ,")
            if trimmed:
                return Span.of(text, speaker.start, speaker.start + len(trimmed))
    return speaker


_TIME_WORD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|yesterday|today|tonight)"
)
_TIME = rf"(?:(?:late|early)\s+)?(?:on|in|at)\s+(?:the\s+)?{_TIME_WORD}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?"
TRAILING_TIME = re.compile(rf"\s+{_TIME}$")


def _without_time(text: str, speaker: Span) -> Span:
    """The speaker phrase without a time phrase at its end (`officials on Saturday`, `a report
    from ABC Australia on March 3`): when it spoke is not who it is. (A leading one, `Late on
    Sunday, the Kurdish-led Syrian Democratic Forces`, is left: without it the name's own words
    type it, and `Forces` reads as a state's armed forces.)"""
    trailing = TRAILING_TIME.search(speaker.text)
    if trailing is None or trailing.start() == 0:
        return speaker
    return Span.of(text, speaker.start, speaker.start + trailing.start())


BRACKETED_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Z&.-]{1,7}\)$")


def _without_abbreviation(text: str, speaker: Span) -> Span:
    """The speaker phrase without the abbreviation it defines (`the Syrian Democratic Forces
    (SDF)`): the phrase names the referent; the abbreviation resolves to it later (`NFP` after
    `Notes from Poland (NFP)`, by `expand_acronym`)."""
    bracket = BRACKETED_ABBREVIATION.search(speaker.text)
    if bracket is None or bracket.start() == 0:
        return speaker
    return Span.of(text, speaker.start, speaker.start + bracket.start())


BACK_REFERRING_DETERMINERS = frozenset({"the", "its", "their", "these", "those", "his", "her", "our"})


def _refers_back_to_a_source(mention: _Mention) -> bool:
    """`its source`, `the sources`, and later bare `sources`: an anonymous source named before
    (an indefinite `an anonymous source` or `two sources` is a new referent)."""
    if mention.speaker_type != "anonymous" or mention.head is None:
        return False
    if mention.head.text.lower() not in ("source", "sources"):
        return False
    if len(mention.words) == 1:
        return True
    first = mention.words[0].text.lower()
    between = mention.words[1:-1]
    return first in BACK_REFERRING_DETERMINERS and all(w.upos == "ADJ" for w in between)


def _possessed_group(mention: _Mention, earlier: list[_Mention]) -> _Mention:
    """`Johnson's critics` after `Critics from across Britain's political spectrum` said: a group
    named by its relation to someone is the earlier group speaker with the same head noun, when
    there is just one; the mention otherwise."""
    if mention.speaker_type != "unnamed_group" or mention.head is None or mention.head.upos != "NOUN":
        return mention
    if not any(w.deprel == "nmod:poss" and w.head == mention.head.index for w in mention.words):
        return mention
    lemma = mention.head.lemma.lower()
    same = {
        m.canonical
        for m in earlier
        if m.speaker_type == "unnamed_group" and m.head is not None and m.head.lemma.lower() == lemma
    }
    if len(same) == 1:
        mention.canonical = same.pop()
    return mention


def _resolve_description(mention: _Mention, earlier: list[_Mention], resolver: _Resolver) -> _Mention:
    """`the sources` -> the first earlier anonymous source; `the court` -> the nearest earlier body
    named with that noun (`the Court of Session`); `the company` -> the nearest organization."""
    head = mention.head.text.lower() if mention.head else ""
    if any(w.text.lower() == "of" for w in mention.words):
        return mention  # partitive `Two of the sources` stays its own referent (guide rule 13)
    if mention.speaker_type == "anonymous":
        matches = [m for m in earlier if m.speaker_type == "anonymous" and m.plural == mention.plural]
        if not matches:
            # sources a speaker cited before they speak (`citing sources within the Department of
            # Defense. Per reports, the sources said`)
            matches = [
                m
                for m, _, _ in resolver.noun_phrases()
                if m.span.end <= mention.span.start
                and m.speaker_type == "anonymous"
                and m.plural == mention.plural
                and not _refers_back_to_a_source(m)
            ][-1:]
        if matches:
            first = matches[0]
            mention.canonical, mention.speaker_type = first.canonical, first.speaker_type
        return mention
    same_head = [
        m for m in earlier if m.head is not None and m.head.text.lower() == head and m is not mention
    ]
    if same_head:
        mention.canonical, mention.speaker_type = same_head[-1].canonical, same_head[-1].speaker_type
        return mention
    if mention.speaker_type in ("organization", "government", "media"):
        named = resolver.body_named_with(head, mention.span.start)
        if named is not None:
            mention.canonical = named
            return mention
    same_type = [m for m in earlier if m.speaker_type == mention.speaker_type and m.kind == "name"]
    if same_type and mention.speaker_type in ("organization", "government", "media"):
        mention.canonical = same_type[-1].canonical
        return mention
    if mention.speaker_type in ("organization", "media"):
        # `the network` in an article about ABS-CBN: the body the article names most often
        # before it, by its fullest name of the same type
        main = resolver.main_body(mention.speaker_type, mention.span.start)
        if main is not None:
            mention.canonical = main
    return mention


def _describe_source(parsed: ParsedText, source: Source) -> Source:
    """Role, anonymity reason and knowledge basis from the sentences of the source's mentions."""
    text = parsed.text
    reason = knowledge = None
    flags: list[str] = []
    for mention in source.mentions:
        sentence = _sentence_at(parsed, mention.start)
        if sentence is None:
            continue
        window_start, window_end = sentence.start, sentence.end
        for pattern, kind in lexicons.rows("anonymity"):
            if kind == "anonymous":
                continue
            for match in re.finditer(pattern, text[window_start:window_end], flags=re.I):
                span = Span.of(text, window_start + match.start(), window_start + match.end())
                if kind == "reason" and reason is None:
                    reason = span
                elif kind == "knowledge" and knowledge is None:
                    knowledge = span
    if source.speaker_type == "anonymous":
        lowered = [m.text.lower() for m in source.mentions]
        if any(t in ("sources", "a source", "source") for t in lowered):
            flags.append("bare_sources")
        if any(t.endswith("sources") for t in lowered) and not any(
            re.search(r"\b(two|three|four|five|several|multiple|many)\b", t) for t in lowered
        ):
            flags.append("plural_without_evidence")
        if reason is None:
            flags.append("anonymity_unexplained")
    return replace(source, anonymity_reason=reason, knowledge_basis=knowledge, flags=tuple(flags))
