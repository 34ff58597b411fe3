"""Step 3 of the actors stage: the roles and affiliations of people, from the dependency parse.

Two constructions say who a person is: title words right before the name ("Belarusian Defense
Minister Viktor Khrenin") and appositions ("Valery Revenko, head of … at the Belarusian Ministry of
Defense"; "a spokesperson for the Russian Foreign Ministry, Maria Zakharova"). The first state,
bloc, organisation or group named in them is the person's affiliation, the rest the role. Entities
inside a title ("Defense" tagged ORG, "[Lib Dem Treasury] spokesman" tagged PERSON) are words of
the title, not actors, and are dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..article import Article
from .records import Candidate
from .words import HONORIFICS, PERSON_TITLES, POSSESSIVES, clause_boundary, name_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NOT_TITLE_DEPS = frozenset({"npadvmod", "tmod"})
_ROLE_ADJECTIVES = frozenset({"chief"})  # tagged ADJ, yet a role on their own ("Bank of Japan chief X")
_TITLE_LINKS = frozenset({"of", "for", "and", "&"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_ROLE_STOP_DEPS = frozenset({"punct", "poss", "case", "relcl", "acl", "cc", "conj", "advcl", "nummod", "appos"})
_MAX_ROLE_TOKENS = 10


class _Role(NamedTuple):
    """What a title or an apposition says of a person: the role words, and the actor named in them."""

    text: str | None  # None when the words hold no noun ("former")
    affiliation: Candidate | None


def attach_roles(article: Article, candidates: list[Candidate]) -> list[Candidate]:
    """Record the titles and appositions of people in the body; drop entities that are parts of a title.

    Title lines and headings are skipped: their telegraphic grammar ("Campbell: E-mail row") misleads
    the parser. A title taken from the first sentence (a text with no title line) is body text and is read.
    """
    doc = article.doc
    by_token = _token_owner(doc, candidates)
    title_like = _title_like_people(doc, candidates)
    swallowed: set[int] = set()
    for candidate in candidates:
        offset = doc[candidate.start].idx
        if candidate.type != "person" or article.paragraph_at(offset) is None \
                or article.title_source == "title line" and article.title_start <= offset < article.title_end:
            continue
        chain_start = _title_chain_start(doc, candidate, by_token, title_like)
        if chain_start < candidate.start:
            role = _split_title(doc, chain_start, candidate.start, by_token)
            _add_role(candidate, role)
            swallowed.update(id(other) for i in range(chain_start, candidate.start)
                             if (other := by_token.get(i)) is not None and other is not role.affiliation)
        for role in _appositions(doc, candidate, by_token):
            _add_role(candidate, role)
    return [candidate for candidate in candidates if id(candidate) not in swallowed]


def _title_like_people(doc: Doc, candidates: list[Candidate]) -> set[int]:
    """Ids of PERSON entities nothing else supports, which a title before a name may swallow.

    The model sometimes tags title words as a person ("[Lib Dem Treasury] spokesman Vincent Cable").
    A person entity with an honorific, or whose last word is in another person entity, is real.
    """
    words = Counter(word for c in candidates if c.type == "person" for word in set(name_tokens(doc, c)))
    return {
        id(c) for c in candidates
        if c.type == "person" and not c.honorific and words[name_tokens(doc, c)[-1]] < 2
    }


def _title_words(doc: Doc, person: Candidate, title_like: set[int]) -> bool:
    """Whether a PERSON entity before a name is words of its title: unsupported, and a modifier."""
    return id(person) in title_like and doc[person.start:person.end].root.dep_ == "compound"


def _add_role(candidate: Candidate, role: _Role) -> None:
    """Record a role (unless a longer one already says it: "chairman" in "chairman and chief executive")."""
    if role.text:
        add_unique_role(candidate.roles, role.text)
    if role.affiliation is not None and role.affiliation.type != "person":
        candidate.affiliations.append(role.affiliation)


def add_unique_role(roles: list[str], role: str) -> None:
    """Add ``role`` to ``roles`` in place, keeping only the longest of roles that contain one another."""
    roles[:] = [r for r in roles if not _within(r, role)]
    if not any(_within(role, r) for r in roles):
        roles.append(role)


def _within(short: str, long: str) -> bool:
    """Whether the words of ``short`` occur together in ``long`` (case-insensitive)."""
    return f" {short.casefold()} " in f" {long.casefold()} "


def _token_owner(doc: Doc, candidates: list[Candidate]) -> dict[int, Candidate]:
    """Token index → the candidate covering it."""
    return {i: candidate for candidate in candidates for i in range(candidate.start, candidate.end)}


def _title_chain_start(doc: Doc, person: Candidate, by_token: dict[int, Candidate], title_like: set[int]) -> int:
    """First token of the title words right before a name that modify it ("Russian Defense Minister").

    Walks left over nouns, proper nouns, adjectives and "of"/"for" links that hang from the name in
    the dependency tree; stops at a determiner, a possessive, another (real) person or a sentence start.
    """
    root = doc[person.start:person.end].root
    i = person.start
    while not clause_boundary(doc, i):
        token = doc[i - 1]
        owner = by_token.get(i - 1)
        # The parser often hangs title words elsewhere ("Ex-No 10 media chief X", "chairman and chief
        # executive X"): a capitalised word or a title word will do, not a time word or a date.
        in_tree = token.head.i in range(i - 1, person.end) or root in token.ancestors \
            or (token.dep_ not in _NOT_TITLE_DEPS and (owner is not None or not token.ent_type_)
                and (token.is_title or token.lower_ in PERSON_TITLES or token.lower_ in _TITLE_LINKS))
        if token.text == "-" and not token.whitespace_ and i >= 2 and not doc[i - 2].whitespace_:
            i -= 2  # a hyphenated word ("co-chairman"), whatever the parser made of its parts
            continue
        if token.lower_ in HONORIFICS and i == person.start:
            i -= 1  # "former Tory Treasurer [Lord] Ashcroft": step over the honorific
            continue
        if owner is not None and owner.type == "person" and not _title_words(doc, owner, title_like) \
                or token.lower_ in HONORIFICS or not in_tree:
            break
        if token.pos_ in _TITLE_POS or (token.lower_ in _TITLE_LINKS and i < person.start) or token.text == "-":
            i -= 1
            continue
        break
    while i < person.start and (doc[i].lower_ in _TITLE_LINKS or doc[i].text == "-"):
        i += 1
    return i


def _split_title(doc: Doc, start: int, end: int, by_token: dict[int, Candidate]) -> _Role:
    """Split title words into role and affiliation: "Belarusian Defense Minister" → "Defense Minister", Belarus.

    The affiliation is the first state, bloc, organisation or group named among the title words, or
    the one whose possessive comes right before them ("Hungary's"); the role is the rest, and must
    contain a noun.
    """
    affiliation = None
    for i in range(start, end):
        owner = by_token.get(i)
        if owner is not None and (owner.reference is not None or owner.alias is not None
                                  or (owner.label in ("ORG", "NORP", "GPE") and i == start)):
            affiliation = owner
            break
    possessor = by_token.get(start - 2) if start >= 2 and doc[start - 1].text in POSSESSIVES else None
    if affiliation is None and possessor is not None and possessor.type != "person":
        affiliation = possessor  # "Hungary's Prime Minister X"
    elif affiliation is not None and affiliation.start > start and doc[affiliation.start - 1].lower_ in _TITLE_LINKS:
        start = affiliation.end  # "Bank of [Japan] chief": the words before belong to a name, not the role
    role_tokens = [doc[i] for i in range(start, end) if doc[i].lower_ not in HONORIFICS
                   and (affiliation is None or not affiliation.start <= i < affiliation.end)]
    return _Role(_role_text(role_tokens), affiliation)


def _role_text(tokens) -> str | None:
    """The role words as written, or None if they hold no noun (a bare adjective such as "former" is
    not a role, "chief" is)."""
    while tokens and (tokens[0].lower_ in _TITLE_LINKS or tokens[0].is_punct):
        tokens = tokens[1:]
    if tokens and tokens[0].pos_ == "SCONJ":  # "believe [that the president] of France, X": the clause's words
        tokens = tokens[1:]
        while tokens and tokens[0].pos_ == "DET":
            tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in _TITLE_LINKS or tokens[-1].is_punct
                      or tokens[-1].pos_ in ("ADP", "DET", "CCONJ", "PART")):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > _MAX_ROLE_TOKENS or not (
            any(t.pos_ in ("NOUN", "PROPN") for t in tokens) or tokens[-1].lower_ in _ROLE_ADJECTIVES):
        return None
    return "".join(t.text_with_ws for t in tokens).strip()


def _appositions(doc: Doc, person: Candidate, by_token: dict[int, Candidate]) -> list[_Role]:
    """Roles from appositions: "X, head of …" and "a spokesperson for Y, X"."""
    root = doc[person.start:person.end].root
    runs: list[list] = []
    for child in root.rights:  # "Liam Fox, Tory co-chairman": the parser may make each word an apposition
        if child.dep_ == "appos":
            if runs and child.left_edge.i == runs[-1][-1].right_edge.i + 1:
                runs[-1].append(child)
            else:
                runs.append([child])
    if root.dep_ == "appos" and root.head.i < person.start:
        head = root.head
        owner = by_token.get(head.i)
        if owner is not None and owner.type != "person":  # "a spokesperson for [ORG], X"
            if head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
                runs.append([head.head.head])
        else:
            runs.append([head])
    roles = []
    for run in runs:
        noun = run[-1]
        if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL", "NORP"):
            continue
        if (owner := by_token.get(noun.i)) is not None and owner.reference is not None:
            continue
        roles.append(_role_phrase(doc, run, person, by_token))
    return roles


def _role_phrase(doc: Doc, nouns: list, person: Candidate, by_token: dict[int, Candidate]) -> _Role:
    """The role noun with its modifiers and "of" phrases; the first named actor in it is the affiliation.

    "head of the international military cooperation department at the Belarusian Ministry of
    Defense" gives the role "head of the international military cooperation department" and the
    ministry as affiliation; possessors ("Russia's foreign minister") are affiliations, not role words.
    ``nouns`` are adjacent apposition words read as one phrase, the last one its head.
    """
    heads = {noun.i for noun in nouns}
    affiliation, dropped = None, set()
    for token in (t for noun in nouns for t in noun.subtree):
        owner = by_token.get(token.i)
        beyond = nouns[-1].i < person.start <= token.i  # "the president, X, in Paris": Paris is not his
        if beyond:
            dropped.add(token.i)
        elif owner is not None and owner.type != "person" and not person.start <= token.i < person.end:
            affiliation = affiliation or owner
            dropped.add(token.i)
        elif person.start <= token.i < person.end or _under_stop(token, heads):
            dropped.add(token.i)
        elif token.i > nouns[-1].i and token.dep_ == "prep" and _names_actor(token, by_token):
            dropped.update(t.i for t in token.subtree)
    start = end = nouns[-1].i
    while start - 1 >= nouns[0].left_edge.i and start - 1 not in dropped:
        start -= 1
    while end + 1 <= nouns[-1].right_edge.i and end + 1 not in dropped:
        end += 1
    tokens = [doc[i] for i in range(start, end + 1)]
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    return _Role(_role_text(tokens), affiliation)


def _under_stop(token, heads: set[int]) -> bool:
    """Whether a token hangs from the role words through a possessive, clause, list or apposition."""
    while token.i not in heads:
        if token.dep_ in _ROLE_STOP_DEPS or token.head.i == token.i:
            return True
        token = token.head
    return False


def _names_actor(prep, by_token: dict[int, Candidate]) -> bool:
    """Whether a preposition's object is a named actor ("at [the Belarusian Ministry of Defense]")."""
    return any(child.dep_ == "pobj" and by_token.get(child.i) is not None for child in prep.children)
