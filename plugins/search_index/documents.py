"""What the search index holds for each published post, and its HTML for Pagefind.

Pagefind reads one small HTML document per post, written for it alone: the
title, the body and the event facts in the post's language, then the folded
twins of its đ-words. Filters (unit with all its parent units, person, year),
result metadata and the date sort key are attributes outside the indexed body,
so they never match a query or show in an excerpt.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial

from newsroom.incremental import KeptFromLastBuild
from vietnamese import format_date, iso_with_offset, nfc

from .folding import TWINS_SEPARATOR, stroke_twins

#: The filters every post is indexed with, in the order the search form shows them.
FILTERS = ("unit", "person", "year")
SUMMARY_LENGTH = 300


@dataclass(frozen=True)
class SearchDocument:
    """One published post as the search index sees it."""

    url: str  # site-relative, as Pelican writes it: "2021/04/slug/"
    save_as: str  # where Pelican wrote it: "2021/04/slug/index.html"
    lang: str
    title: str
    date: datetime
    summary: str
    units_label: str  # the post's units, named in its language
    filters: dict[str, list[str]]
    body_html: str  # the article body as Pelican rendered it
    facts: list[str] = field(default_factory=list)  # event facts, one line each
    # The đ-folded twins of its words (``folding.stroke_twins``), which only
    # Pagefind's HTML (``render``) shows; None: worked out there when needed.
    twins: list[str] | None = field(default_factory=list)
    # The post's card photo (the smallest 3:2 crop, site-relative), shown beside
    # the result; set once the photos are published (``add_card_photos``).
    card: str = ""

    @property
    def date_label(self) -> str:
        """Return the publication date as the post's readers write it."""
        return format_date(self.date, self.lang, "short")


_HIDDEN = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")


def html_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment, whitespace collapsed.

    Post bodies are sanitised HTML, so dropping tags with a regular
    expression is safe here, and many times faster than an HTML parser.
    """
    text = _TAG.sub(" ", _HIDDEN.sub(" ", fragment or ""))
    return " ".join(html.unescape(text).split())


def unit_filter_keys(units: Iterable, ancestors: Callable[[str], list]) -> list[str]:
    """Return the keys of ``units`` and of all their parents, each once.

    Indexing the parents makes a parent unit's filter find its sub-units' posts.
    """
    keys: list[str] = []
    for unit in units:
        for each in [*ancestors(unit.key), unit]:
            if each.key not in keys:
                keys.append(each.key)
    return keys


def _facts(post, lang: str, describe_group: Callable | None = None) -> list[str]:
    """Return the event facts a reader sees on the post, one line each."""
    lines: list[str] = []
    news = post.news
    event = news.event
    if event is not None:
        if event.place:
            lines.append(event.place)
        if event.organizer is not None:
            lines.append(event.organizer.display_name(lang))
    for speaker in news.speakers:
        role = speaker.role_en if lang == "en" and speaker.role_en else speaker.role
        lines.append(f"{speaker.person.name}, {role}" if role else speaker.person.name)
    for group in news.attendees:
        english = getattr(group, "group_en", None) if lang == "en" else None
        name = english or group.group
        counted = describe_group(group)[2] if describe_group is not None else ""
        lines.append(f"{name}: {counted}" if counted else name)
    for photo in news.photos:
        caption = photo.caption_en if lang == "en" and photo.caption_en else None
        if caption or photo.caption:
            lines.append(caption or photo.caption)
    return lines


def filters_for(post, ancestors: Callable[[str], list]) -> dict[str, list[str]]:
    """Return the filters a post is indexed with: units, people, year."""
    people: list[str] = []
    for speaker in post.news.speakers:
        if speaker.person.key not in people:
            people.append(speaker.person.key)
    return {
        # The unit model files a post under its units' parents and the
        # units that took over from them (content_model: filed_under).
        "unit": post.news.filed_under or unit_filter_keys(post.news.units, ancestors),
        "person": people,
        "year": [str(post.date.year)],
    }


def document_for(
    post,
    ancestors: Callable[[str], list],
    describe_group: Callable[[str], Callable] | None = None,
    *,
    remember: bool = True,
) -> SearchDocument:
    """Describe a published post (original or translation) for the index.

    ``ancestors(key)`` returns the parent units of a unit, as the registry does;
    ``describe_group(lang)`` says an attendee group's count in words ("47
    honoured", ``bilingual.attendance.group_description``). ``remember``
    keeps the body's texts for the next build of this process (``make
    devserver``); a one-off build does not, as they are a copy of every body,
    and leaves the đ-twins (``twins=None``) to ``render``: only Pagefind's
    HTML shows them, and finding them took a third of describing a post.
    """
    lang = post.lang
    units = list(post.news.units)
    title = nfc(post.title)  # plain text, escaped by render()
    body_html, body_twins, summary = _body_texts(post, remember)
    describe = describe_group(lang) if describe_group is not None else None
    facts = [nfc(line) for line in _facts(post, lang, describe)]
    units_label = ", ".join(unit.display_name(lang) for unit in units)
    twins = None
    if body_twins is not None:
        twins = _twins(title, units_label, facts, body_twins)
    return SearchDocument(
        url=post.url,
        save_as=post.save_as,
        lang=lang,
        title=title,
        date=plain_datetime(post.date),
        summary=summary,
        units_label=nfc(units_label),
        filters=filters_for(post, ancestors),
        body_html=body_html,
        facts=facts,
        twins=twins,
    )


def plain_datetime(date: datetime) -> datetime:
    """Return ``date`` as a plain ``datetime`` (Pelican's ``SafeDatetime`` is one).

    Unpickling a ``SafeDatetime`` imports all of Pelican, which the indexer's
    process otherwise never loads (0.3 s of its CPU).
    """
    if type(date) is datetime:
        return date
    return datetime(
        date.year, date.month, date.day, date.hour, date.minute, date.second,
        date.microsecond, date.tzinfo, fold=date.fold,
    )  # fmt: skip


def _twins(title: str, units_label: str, facts: list[str], body_twins: list[str]):
    """Return a document's đ-twins: those of its heading and facts, then its body's."""
    head_twins = stroke_twins(" ".join([title, units_label, *facts]))
    return list(dict.fromkeys(head_twins + body_twins))


def document_twins(document: SearchDocument) -> list[str]:
    """Return ``document``'s đ-twins, working them out if it was described without."""
    if document.twins is not None:
        return document.twins
    body_twins = stroke_twins(html_text(document.body_html))
    return _twins(document.title, document.units_label, document.facts, body_twins)


# (source path, language) -> (what the texts came from, the texts); kept for the
# life of the process, so a devserver rebuild re-reads only the edited posts.
_body_cache: dict[tuple[str, str], tuple[tuple, tuple[str, list[str], str]]] = {}


def _body_texts(post, remember: bool = True) -> tuple[str, list[str] | None, str]:
    """Return the body HTML, the đ-twins of its text, and the plain summary.

    The twins only when ``remember`` (``make devserver``, whose digest of the
    documents renders them); None otherwise, as ``document_for`` says.
    """
    raw = getattr(post, "_content", None)  # a Pelican post: cache by its source
    key = (getattr(post, "source_path", None), post.lang)
    source = (raw, getattr(post, "metadata", {}).get("summary"), post.url)
    cached = _body_cache.get(key) if raw is not None else None
    if cached is not None and cached[0] == source:
        return cached[1]
    body_html = nfc(post.content or "")
    summary = nfc(html_text(getattr(post, "summary", "") or ""))
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
    if not remember:
        return body_html, None, summary
    texts = (body_html, stroke_twins(html_text(body_html)), summary)
    if raw is not None:
        _body_cache[key] = (source, texts)
    return texts


class DocumentMemo:
    """The last ``make devserver`` build's documents, kept for unchanged posts.

    A post whose key (``newsroom.incremental.post_key``: its file, the
    registry entries it shows, the site stamp, every post's address) is the
    one it had last build gets its last document back, as describing it would
    have given: only edited posts, and posts showing an edited unit or
    person, are described again. Its document with the card photo and its
    rendered digest are kept with it. Entries of posts gone are dropped each
    build. ``described`` and ``reused`` count the last build's documents.
    """

    def __init__(self) -> None:
        self._documents: KeptFromLastBuild[SearchDocument] = KeptFromLastBuild()
        # id(document) -> (document, derived value): the last build's, this one's
        self._carded: tuple[dict, dict] = ({}, {})
        self._digests: tuple[dict, dict] = ({}, {})

    @property
    def described(self) -> int:
        return self._documents.made

    @property
    def reused(self) -> int:
        return self._documents.reused

    def documents(
        self,
        posts: Iterable,
        key_of: Callable[[object], str | None],
        describe: Callable[[object], SearchDocument],
    ) -> list[SearchDocument]:
        """Return each post's document: the last build's when its key is the same."""
        self._carded = (self._carded[1], {})
        self._digests = (self._digests[1], {})
        self._documents.start()
        return [
            self._documents.get(
                (post.source_path, post.lang), key_of(post), partial(describe, post)
            )
            for post in posts
        ]

    def with_card(self, document: SearchDocument, card: str) -> SearchDocument:
        """Return ``document`` with its card photo (the same object as last build's)."""
        if not card:
            return document
        return self._derived(
            self._carded, document, card, lambda: replace(document, card=card)
        )

    def rendered(self, document: SearchDocument) -> str:
        """Return a digest of ``render(document)``, rendered once per document."""
        return self._derived(
            self._digests,
            document,
            "",
            lambda: hashlib.blake2b(
                render(document).encode(), digest_size=16
            ).hexdigest(),
        )

    @staticmethod
    def _derived(memo: tuple[dict, dict], document, tag: str, make: Callable):
        before, now = memo
        found = now.get(id(document)) or before.get(id(document))
        if found is None or found[0] is not document or found[1] != tag:
            found = (document, tag, make())
        now[id(document)] = found
        return found[2]


def _attribute(name: str, key: str, value: str) -> str:
    """Return an empty element giving Pagefind one filter, meta or sort value."""
    return f'<span {name}="{html.escape(key)}:{html.escape(value)}"></span>'


def render(document: SearchDocument) -> str:
    """Return the HTML document Pagefind indexes for ``document``."""
    esc = html.escape
    head = [
        _attribute("data-pagefind-filter", name, value)
        for name in FILTERS
        for value in document.filters.get(name, [])
    ]
    head += [
        _attribute("data-pagefind-meta", "title", document.title),
        _attribute("data-pagefind-meta", "date", document.date_label),
        _attribute("data-pagefind-meta", "datetime", iso_with_offset(document.date)),
        _attribute("data-pagefind-meta", "units", document.units_label),
        _attribute("data-pagefind-sort", "date", document.date.isoformat()),
    ]
    if document.summary:
        head.append(_attribute("data-pagefind-meta", "summary", document.summary))
    if document.card:
        head.append(_attribute("data-pagefind-meta", "card", document.card))
    facts = "".join(f"<p>{esc(line)}</p>" for line in document.facts)
    units = f"<p>{esc(document.units_label)}</p>" if document.units_label else ""
    found = document_twins(document)
    twins = f"<p>{TWINS_SEPARATOR} {esc(' '.join(found))}</p>" if found else ""
    return (
        f'<!doctype html><html lang="{esc(document.lang)}"><head><meta charset="utf-8">'
        f"<title>{esc(document.title)}</title></head><body>{''.join(head)}"
        f"<main data-pagefind-body><h1>{esc(document.title)}</h1>"
        f"{document.body_html}{units}{facts}{twins}</main></body></html>\n"
    )
