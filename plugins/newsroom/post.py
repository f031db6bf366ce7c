"""The typed post: what a post is to this site, on the article as ``article.news``.

Pelican's ``Article`` (and ``Page``) keeps its own meaning: ``title``,
``date``, ``lang``, ``url``, ``summary``, ``content`` (the body as read),
``translations``, the front matter's plain keys. Everything our plugins know
about a post beyond that lives in one ``NewsPost``, set once when Pelican makes
the content object (``content_object_init``, see ``content_model``), and
filled by the plugin that owns each part through the methods below, never as
loose attributes. ``plugins/newsroom/README.md`` lists what templates may read.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the fact types live with their owners, which import us
    from content_model.model import Attendance, Event, Photo, PostFacts, Speaker
    from content_model.registry import Unit
    from photos.gallery import PublishedPhoto


@dataclass(eq=False)
class NewsPost:
    """One post's facts, photos and neighbours; each part filled by its owner.

    ``eq=False``: a post is itself, never equal to another post's NewsPost.
    """

    # content_model: the resolved facts (a translation has its original's).
    event: Event | None = None
    units: list[Unit] = field(default_factory=list)  # as named on the event's day
    filed_under: list[str] = field(default_factory=list)  # unit keys (+ parents…)
    speakers: list[Speaker] = field(default_factory=list)
    attendees: list[Attendance] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    # English forms of the post's tags, by the Vietnamese tag (bilingual).
    tags_en: dict[str, str] = field(default_factory=dict)
    original: Any = None  # the Vietnamese original of a translation, else None
    featured: bool = False  # on the home page; a translation follows its original
    # photos: the published gallery, the sharing image, the body's <picture>s.
    gallery: list[PublishedPhoto] = field(default_factory=list)
    og_image: str | None = None
    lead_photo: PublishedPhoto | None = None  # at the top of the post
    card_photo: PublishedPhoto | None = None  # on the post's cards in lists
    # archives: the previous and next post in time, in the same language.
    older: Any = None
    newer: Any = None
    # unit_pages: other posts of the post's units, in the post's language.
    more_from_unit: list[Any] = field(default_factory=list)
    _article: Any = field(default=None, repr=False)
    _body_filter: Callable[[str], str] | None = field(default=None, repr=False)
    _body_memo: tuple[str, str] | None = field(default=None, repr=False)
    _lede_memo: tuple[Any, Any, str | None] | None = field(default=None, repr=False)
    # The build that made it (``attach_news``), and whether this build takes
    # it over from the last as it was filled then: "offered" when the post is
    # announced again, "carried" once the content model finds it unchanged
    # (``carried_over``), "" otherwise.
    _made_in: int = field(default=0, repr=False)
    _carry: str = field(default="", repr=False)

    @classmethod
    def for_content(cls, content: Any) -> NewsPost:
        """Return a new, empty NewsPost for a Pelican content object."""
        source = getattr(content, "source_path", None)
        if source is not None:
            _builds.fresh.add(source)
        return cls(_article=content, _made_in=_builds.now)

    @property
    def carried_over(self) -> bool:
        """Tell whether this build took the news over from the last finished
        build, as every owner filled it then (``attach_news``, confirmed by
        ``carry_over`` once the content model found the post unchanged).

        Owners leave its facts, English and photos as they are; what comes
        from other posts (neighbours, more from the unit) is set again
        unless it names the same posts.
        """
        return self._carry == "carried"

    @property
    def offered(self) -> bool:
        """Tell whether this news is the last build's, not yet confirmed."""
        return self._carry == "offered"

    def carry_over(self) -> None:
        """Confirm that this build takes the offered news over as it is."""
        if self._carry:
            self._carry = "carried"
            _builds.offered.pop(id(self._article), None)

    # --- content_model ----------------------------------------------------

    def set_facts(self, facts: PostFacts, original: Any = None) -> None:
        """Set the resolved facts, and the original of a translation."""
        self.event = facts.event
        self.units = facts.units
        self.filed_under = facts.filed_under
        self.speakers = facts.speakers
        self.attendees = facts.attendees
        self.photos = facts.photos
        self.tags_en = dict(facts.tags_en)
        self.original = original
        if original is not None:
            self.featured = bool(getattr(original, "featured", False))
        else:
            self.featured = bool(getattr(self._article, "featured", False))

    # --- bilingual --------------------------------------------------------

    def set_speakers(self, speakers: list[Speaker]) -> None:
        """Replace the speakers (the same people, with their English roles)."""
        self.speakers = speakers

    def set_attendees(self, attendees: list[Attendance]) -> None:
        """Replace the attendee groups (the same groups, with their English names)."""
        self.attendees = attendees

    def set_tags_en(self, tags_en: dict[str, str]) -> None:
        """Set the English forms of the post's tags, by the Vietnamese tag."""
        self.tags_en = tags_en

    def tag_en(self, tag: Any) -> str | None:
        """Return the English form of one of the post's tags, or None."""
        return self.tags_en.get(str(getattr(tag, "name", tag)))

    def speakers_in(self, part: str) -> list[Speaker]:
        """Return the speakers who took ``part`` (chair, speaker or guest)."""
        return [s for s in self.speakers if s.part == part]

    def attendees_of(self, kind: str) -> list[Attendance]:
        """Return the attendee groups of one ``kind`` (present, honoured, …)."""
        return [a for a in self.attendees if a.kind == kind]

    # --- archives ---------------------------------------------------------

    def set_neighbours(self, older: Any, newer: Any) -> None:
        """Set the previous and the next post in time (None at either end)."""
        self.older, self.newer = older, newer

    # --- unit_pages -------------------------------------------------------

    def set_more_from_unit(self, posts: list[Any]) -> None:
        """Set the other posts of this post's units that the post page lists."""
        self.more_from_unit = posts

    # --- photos -----------------------------------------------------------

    def set_photos(
        self,
        gallery: list[PublishedPhoto],
        og_image: str | None,
        body_filter: Callable[[str], str] | None = None,
        *,
        lead: PublishedPhoto | None = None,
        card: PublishedPhoto | None = None,
    ) -> None:
        """Set the gallery, the sharing image and how the body shows its photos.

        ``body_filter`` turns the body as Pelican renders it (``content``) into
        the body pages print (body images as ``<picture>``); Pelican's own
        ``content`` is left as read. ``lead`` is the gallery photo shown at the
        top of the post; ``card`` the photo of its cards in lists (the lead,
        else the first body image).
        """
        self.gallery = gallery
        self.og_image = og_image
        self.lead_photo = lead
        self.card_photo = card
        self._body_filter = body_filter
        self._body_memo = None

    # --- what templates print ---------------------------------------------

    @property
    def lede(self) -> str | None:
        """Return the written summary to print with the event, or None.

        None without a ``summary:`` (Pelican's own summary is the body's start)
        and when the summary says again what the body's first paragraph says
        (writers often paste the opening paragraph): readers would read it twice.
        """
        article = self._article
        metadata = getattr(article, "metadata", None) or {}
        summary = metadata.get("summary")
        if not summary or not isinstance(summary, str):
            return None
        content = getattr(article, "content", "") or ""
        # A post page asks twice (header, event card): worked out once per
        # summary and body, as the body is (``content`` follows the page).
        memo = self._lede_memo
        if memo is None or memo[0] is not summary or memo[1] is not content:
            memo = self._lede_memo = (summary, content, _lede(summary, content))
        return memo[2]

    @property
    def more_photos(self) -> list[PublishedPhoto]:
        """Return the gallery without the lead photo (the grid under the body)."""
        return [photo for photo in self.gallery if photo is not self.lead_photo]

    @property
    def body(self) -> str:
        """Return the body HTML pages and feeds show (Pelican's ``content`` + photos).

        Read from ``content`` each time, so its links follow the page being
        written (``RELATIVE_URLS``), and filtered once per distinct body.
        """
        html = self._article.content if self._article is not None else ""
        if self._body_filter is None or not html:
            return html
        memo = self._body_memo
        if memo is None or memo[0] is not html:
            memo = self._body_memo = (html, self._body_filter(html))
        return memo[1]


def _lede(summary: str, content: str) -> str | None:
    """Return ``summary`` as plain text, or None if the body's start repeats it."""
    text = " ".join(html.unescape(_TAG.sub(" ", summary)).split())
    first = _FIRST_PARAGRAPH.search(content)
    if text and first and repeats(text, html.unescape(_TAG.sub(" ", first[1]))):
        return None
    return text or None


_TAG = re.compile(r"<[^>]*>")
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: Share of a summary's word pairs found in the first paragraph that makes it
#: a repetition: a pasted or lightly reworded opening shares most of its pairs,
#: a real summary few.
REPEAT_SHARE = 0.5


def _pairs(text: str) -> set[tuple[str, str]]:
    """Return the pairs of consecutive words of a text, case and accents kept."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    return set(itertools.pairwise(words))


def repeats(summary: str, paragraph: str) -> bool:
    """Tell whether ``summary`` says again what ``paragraph`` says."""
    mine = _pairs(summary)
    if not mine:
        return summary.strip().casefold() in paragraph.casefold()
    return len(mine & _pairs(paragraph)) / len(mine) >= REPEAT_SHARE


def news_of(content: Any) -> NewsPost | None:
    """Return the NewsPost of a post or page (or a ListedPost); None for others."""
    news = getattr(content, "news", None)
    return news if isinstance(news, NewsPost) else None


@dataclass
class _Builds:
    """The serial of the build under way, and those that finished."""

    now: int = 0
    finished: set[int] = field(default_factory=set)
    # the source paths of the contents given new news in this build
    fresh: set[str] = field(default_factory=set)
    # the contents offered their last news, not yet carried over or given new
    offered: dict[int, Any] = field(default_factory=dict)


_builds = _Builds()


def start_news_build() -> None:
    """Begin a build: news made from now on belong to it."""
    _builds.now += 1
    _builds.fresh.clear()
    _builds.offered.clear()


def finish_news_build() -> None:
    """End a build that filled every news it made (it finished)."""
    _builds.finished.add(_builds.now)


def attach_news(content: Any, carry: bool = False) -> NewsPost:
    """Give a Pelican content object a new, empty NewsPost; return it.

    Once per build. With ``carry`` (a ``make devserver`` rebuild), a post
    kept from the last build (fast_build) keeps its news when a finished
    build filled it: ``offered`` until the content model finds the post
    unchanged (``carry_over``: ``carried_over`` then) or changed
    (``drop_carried``). Otherwise it is filled again from nothing, as a post
    just made is.
    """
    last = getattr(content, "news", None)
    if (
        carry
        and isinstance(last, NewsPost)
        and last._article is content
        and last._made_in in _builds.finished
    ):
        last._carry = "offered"
        _builds.offered[id(content)] = content
        return last
    news = content.news = NewsPost.for_content(content)
    return news


def fresh_news() -> frozenset[str]:
    """Return the source paths of the posts and pages given new news in this
    build: every other post's news is ``carried_over`` (once the content
    model has resolved the posts)."""
    return frozenset(_builds.fresh)


def still_offered() -> list[Any]:
    """Return the contents offered their last news that were neither carried
    over nor given a new one (the content model gives them a new one)."""
    return list(_builds.offered.values())


def drop_carried(content: Any) -> NewsPost:
    """Give a post whose news was carried over a new, empty one (it changed);
    return its news."""
    news = content.news
    _builds.offered.pop(id(content), None)
    if news._carry:
        news = content.news = NewsPost.for_content(content)
    return news
