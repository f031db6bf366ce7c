"""Wire the photos into Pelican: check them while reading, publish them before writing.

- ``article_generator_finalized`` and ``page_generator_finalized`` (which
  ``make check`` triggers too): every photo a post uses, from the front
  matter's ``photos`` and from the images of its body, is checked. Problems go
  to the content model's collector as ``path:line: [error] photos[1].src: …``,
  so the content gate stops the build before anything is written. A photo
  whose processed versions are already cached is known good and not decoded.
- ``all_generators_finalized`` (the build only; after the gate): the photos
  are processed (cached by content hash, on every core); each post's typed
  post (``post.news``, see ``newsroom.post``) gets its ``gallery``
  (PublishedPhoto list), ``og_image`` (its 1200×630 sharing image, else the
  default site card) and a body whose images are ``<picture>`` through the
  theme's ``partials/picture.html`` macro (``news.body``; Pelican's ``content``
  stays as read); the default cards are given to the templates as
  ``PHOTOS_DEFAULT_CARD`` and ``PHOTOS_DEFAULT_CARD_EN``.

Needs ``content_model`` before it in ``PLUGINS``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console

from content_model.addresses import Reservation, is_written
from content_model.model import near_file
from content_model.plugin import setting as content_setting
from content_model.problems import ContentError, Problem
from content_model.state import content_state
from newsroom import incremental, timing
from newsroom.files import locate
from newsroom.i18n import LANGUAGES, every_content, site_name, site_subtitle
from newsroom.messages import Message
from newsroom.site_root import root_of

from .batch import PhotoBatch, PhotoJob
from .cache import link_or_copy
from .checking import check_photos
from .errors import SettingsError
from .gallery import PublishedPhoto
from .inline import InlineImage, find_images, local_path, replace_spans, resolve
from .inline import source_line as inline_source_line
from .macros import PICTURE_TEMPLATE
from .settings import SETTINGS, PhotoSettings
from .sharing import write_site_card
from .state import finish, photo_state

logger = logging.getLogger(__name__)

#: Where the sharing cards are kept in the photo cache.
CARDS_FOLDER = "cards"
#: The language the facts (alt texts, captions) are written in.
FACTS_LANG = "vi"


@dataclass(frozen=True)
class PhotoUse:
    """One use of a photo by a post: the file, and where the post names it."""

    post: str
    line: int
    field: str
    src: str
    source: Path

    def problem(self, message: Message) -> Problem:
        """Return an error about this use, located at its line."""
        return Problem(self.post, self.line, self.field, message)


@dataclass
class PostPhotos:
    """The photos of one post: front-matter ones and body images, with their jobs."""

    post: Content
    front: list[tuple[Any, PhotoUse, PhotoJob]] = field(default_factory=list)
    inline: list[tuple[InlineImage, PhotoUse, PhotoJob]] = field(default_factory=list)

    def jobs(self) -> Iterator[PhotoJob]:
        """Yield every job of the post."""
        for _item, _use, job in self.front + self.inline:
            yield job

    def uses(self) -> Iterator[tuple[PhotoUse, PhotoJob]]:
        """Yield every use of a photo with its job."""
        for _item, use, job in self.front + self.inline:
            yield use, job


# --- Finding the photos of a post ------------------------------------------


def label_of(post: Content) -> str:
    """Return how problems name a post (``posts/2020/x.md``)."""
    return post.metadata.get("source_label") or str(post.source_path)


def posts_of(generator: Any) -> list[Content]:
    """Return every post and page a generator read (published, hidden, drafts)."""
    if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
        return []
    return every_content(generator)


def front_matter_uses(post: Content, content_root: Path) -> list[tuple[Any, PhotoUse]]:
    """Return the front matter's photos of a post with where each is named.

    A translation shows its original's photos, named in the original's file.
    """
    photos = post.news.photos
    if not photos:
        return []
    owner = post.news.original or post
    lines: dict[tuple, int] = owner.metadata.get("frontmatter_lines") or {}
    # The model drops photos it rejected, so find each one's place by its line.
    index_by_line = {
        line: key[1]
        for key, line in lines.items()
        if len(key) == 2 and key[0] == "photos" and isinstance(key[1], int)
    }
    uses = []
    for position, photo in enumerate(photos):
        index = index_by_line.get(photo.line, position)
        line = lines.get(("photos", index, "src"), photo.line) or 1
        source = locate(content_root, photo.src).resolve()
        use = PhotoUse(
            label_of(owner), line, f"photos[{index + 1}].src", photo.src, source
        )
        uses.append((photo, use))
    return uses


def inline_uses(
    post: Content, content_root: Path, html: str | None = None, path: str = ""
) -> tuple[list[tuple[InlineImage, PhotoUse]], list[Problem]]:
    """Return the body's images with where each is named, and what is wrong.

    ``html`` and ``path`` stand for the body and file of a post the reader
    refused (it has no Pelican content).
    """
    if html is None:
        html = post._content or ""
    images = find_images(html) if "<img" in html else []
    if not images:
        return [], []
    label = label_of(post)
    body_line = int(post.metadata.get("body_line") or 1)
    try:
        text = Path(path or post.source_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    occurrences: dict[str, int] = {}
    uses: list[tuple[InlineImage, PhotoUse]] = []
    problems: list[Problem] = []
    for image in images:
        seen = occurrences.get(image.src, 0)
        occurrences[image.src] = seen + 1
        line = inline_source_line(text, image.src, body_line, seen)
        path = local_path(image.src)
        if path is None:
            problems.append(
                Problem(
                    label,
                    line,
                    "body",
                    Message(
                        "image %(src)s is not a file of the site: save it under "
                        "content/photos/ and write its path, e.g. "
                        "![description](photos/2020/name.jpg) (outside images can "
                        "vanish, and tell their owner who reads the post)",
                        src=_short(image.src),
                    ),
                )
            )
            continue
        if not path:
            problems.append(
                Problem(
                    label, line, "body", Message("an image has no path: write ![…](…)")
                )
            )
            continue
        source = resolve(path, content_root)
        if source is None:
            problems.append(
                Problem(
                    label,
                    line,
                    "body",
                    Message(
                        'the image "%(path)s" lies outside content/: copy it into '
                        "content/photos/",
                        path=path,
                    ),
                )
            )
            continue
        use = PhotoUse(label, line, "body", path, source)
        if not source.is_file():
            problems.append(
                use.problem(
                    Message(
                        'the image "%(path)s" does not exist (paths are relative to '
                        "content/, e.g. photos/2020/name.jpg)",
                        path=path,
                    )
                    + near_file(content_root, path)
                )
            )
            continue
        if not (image.alt or "").strip():
            problems.append(
                use.problem(
                    Message(
                        "image %(path)s has no description: write what it shows "
                        "between the brackets, e.g. ![Đoàn viên trồng cây](%(path)s)",
                        path=path,
                    )
                )
            )
        uses.append((image, use))
    return uses, problems


def _short(text: str, limit: int = 80) -> str:
    """Return ``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def static_folders(settings: dict) -> list[Path]:
    """Return the folders Pelican copies as they are (STATIC_PATHS), resolved."""
    root = Path(settings["PATH"]).resolve()
    return [(root / str(path)).resolve() for path in settings.get("STATIC_PATHS", [])]


def check_static_paths(settings: dict) -> None:
    """Refuse STATIC_PATHS that would publish the photo originals (metadata and all)."""
    photos = (Path(settings["PATH"]) / "photos").resolve()
    for folder, name in zip(
        static_folders(settings), settings.get("STATIC_PATHS", []), strict=True
    ):
        if photos.is_relative_to(folder):
            raise SettingsError(
                f"STATIC_PATHS must not contain {name!r}: Pelican would copy the "
                "original photos, with their GPS positions, into the site"
            )


# --- Receivers --------------------------------------------------------------


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the folder the photos are published to (PHOTOS_OUTPUT_DIR)."""
    return [
        Reservation(
            f"{PhotoSettings.from_pelican(settings).output_dir}/", Message("the photos")
        )
    ]


def configure(pelican: Any) -> None:
    """Validate the settings when Pelican starts (receiver of ``initialized``)."""
    SETTINGS.check(pelican.settings)
    check_static_paths(pelican.settings)
    PhotoSettings.from_pelican(pelican.settings)  # raises SettingsError


#: Each post's photos and body images with where each is named (and the body
#: images' problems), and its plan: found once per build, kept for the next
#: devserver build.
_uses: incremental.KeptFromLastBuild[Any] = incremental.KeptFromLastBuild()


def start_build(generator: Any) -> None:
    """Begin a build: the last build's photo uses are there to reuse."""
    _uses.start(keep=incremental.builds_again(generator.settings))


def post_uses(
    post: Content, content_root: Path
) -> tuple[list[tuple[Any, PhotoUse]], list[tuple[InlineImage, PhotoUse]], list]:
    """Return ``front_matter_uses`` and ``inline_uses`` of a post (and the
    body's problems), found once in a build; a post as the last build had it
    (``newsroom.incremental.same_post``: its file, photo folder and settings
    unchanged) keeps the last build's."""

    def find() -> tuple:
        inline, problems = inline_uses(post, content_root)
        return front_matter_uses(post, content_root), inline, problems

    return _uses.get_if_same(post, ("post", post.source_path), find)


def check_posts(generator: Any) -> None:
    """Check every photo the generator's posts use; record problems for the gate."""
    started = time.perf_counter()
    state = photo_state()
    settings = generator.settings
    root = Path(settings["PATH"])
    uses: list[PhotoUse] = []
    problems: list[Problem] = []
    for post in posts_of(generator):
        front, found, found_problems = post_uses(post, root)
        if post.news.original is None:
            # A translation shows its original's photos: checked there.
            uses += [use for _photo, use in front]
        uses += [use for _image, use in found]
        problems += found_problems
    if isinstance(generator, ArticlesGenerator):
        # Posts refused for other errors: their images too, in the same run.
        for refused in content_state().refused:
            found, found_problems = inline_uses(
                refused, root, refused.body_html, refused.file_path
            )
            uses += [use for _image, use in found]
            problems += found_problems
    folders = static_folders(settings)
    for use in uses:
        for folder in folders:
            if use.source.is_relative_to(folder):
                problems.append(
                    use.problem(
                        Message(
                            "image %(src)s lies in a STATIC_PATHS folder, so the "
                            "original (with its GPS position) would be published: "
                            "move it to content/photos/",
                            src=use.src,
                        )
                    )
                )
    report = check_photos(
        ((use.source, use.src) for use in uses),
        state.settings,
        digests=state.digests,
    )
    for use in uses:
        error = report.errors.get((use.source, use.src))
        if error is not None:
            problems.append(use.problem(error.message))
    content_state().problems.extend(problems)
    logger.debug(
        "Photos checked: %d known good from the cache, %d decoded, %d problems",
        report.known_good,
        report.checked,
        len(problems),
    )
    timing.record("photos", time.perf_counter() - started)


def plan_post(post: Content, content_root: Path, settings: PhotoSettings) -> PostPhotos:
    """Return the jobs that publish a post's photos.

    The lead photo (``lead: true``, else the first of the front matter, else
    the first body image) gives the og:image and the card image of lists.
    """
    date = getattr(post, "date", None)
    output_dir = settings.output_dir_for(date.year) if date else settings.output_dir
    plan = PostPhotos(post)
    front, inline, _problems = post_uses(post, content_root)
    lead = next((i for i, (photo, _use) in enumerate(front) if photo.lead), 0)
    for index, (photo, use) in enumerate(front):
        is_lead = index == lead
        job = PhotoJob(
            use.source, output_dir, name=use.src, og_image=is_lead, card=is_lead
        )
        plan.front.append((photo, use, job))
    wants_lead = not front
    for image, use in inline:
        job = PhotoJob(
            use.source, output_dir, name=use.src, og_image=wants_lead, card=wants_lead
        )
        wants_lead = False
        plan.inline.append((image, use, job))
    return plan


def publish_cards(
    settings: dict, photo_settings: PhotoSettings, output_path: Path
) -> dict[str, str]:
    """Write the default sharing cards (kept in the cache); return URLs by language."""
    cards = {}
    folder = photo_settings.cache_path / CARDS_FOLDER
    for lang in LANGUAGES:
        name, tagline = site_name(settings, lang), site_subtitle(settings, lang)
        url = write_site_card(name, folder, photo_settings.output_dir, tagline=tagline)
        link_or_copy(folder / url, output_path / url)
        cards[lang] = url
    return cards


def _texts(photo: Any, lang: str) -> tuple[str | None, str | None, str | None]:
    """Return (caption, caption_lang, alt_lang) of a front-matter photo on a page."""
    foreign = None if lang == FACTS_LANG else FACTS_LANG
    if lang != FACTS_LANG and photo.caption_en:
        return photo.caption_en, None, foreign
    return photo.caption, (foreign if photo.caption else None), foreign


def attach(
    plan: PostPhotos,
    batch: PhotoBatch,
    cards: dict[str, str],
    picture: Callable[[PublishedPhoto], str],
) -> None:
    """Give a post's typed post its gallery, og_image and ``<picture>`` body images."""
    post = plan.post
    lang = getattr(post, "lang", FACTS_LANG) or FACTS_LANG
    gallery = []
    lead = None
    for photo, _use, job in plan.front:
        if job not in batch.results:
            continue  # reported; make devserver leaves it out
        caption, caption_lang, alt_lang = _texts(photo, lang)
        published = PublishedPhoto(
            batch.results[job],
            alt=photo.alt,
            caption=caption,
            alt_lang=alt_lang,
            caption_lang=caption_lang,
            # The lead opens the page: it loads first, the others lazily.
            eager=job.card,
        )
        gallery.append(published)
        if job.card:
            lead = published
    # Without a lead at the top, the first body image is the page's first photo.
    first = lead is None
    card = lead
    replacements = []
    for image, _use, job in plan.inline:
        if job not in batch.results:
            continue  # reported; make devserver leaves it as written
        published = PublishedPhoto(
            batch.results[job],
            alt=(image.alt or "").strip(),
            title=image.title,
            eager=first,
        )
        first = False
        if job.card:
            card = published
        replacements.append((image.index, picture(published)))
    og_image = next(
        (
            batch.results[job].og_image
            for job in plan.jobs()
            if job.og_image and job in batch.results
        ),
        None,
    )
    post.news.set_photos(
        gallery,
        og_image or cards.get(lang) or cards.get(FACTS_LANG),
        body_with_pictures(dict(replacements)) if replacements else None,
        lead=lead,
        card=card,
    )


def body_with_pictures(pictures: dict[int, str]) -> Callable[[str], str]:
    """Return a filter showing a body's images as ``<picture>``, by their position.

    Positions count the ``<img>`` tags of the body as read; Pelican's link
    replacement (``content``) changes attribute values, never the tags.
    """

    def show(html: str) -> str:
        spans = [
            (image.start, image.end, pictures[index])
            for index, image in enumerate(find_images(html))
            if index in pictures
        ]
        return replace_spans(html, spans)

    return show


def _picture_renderer(
    generators: list, siteurl: str
) -> Callable[[PublishedPhoto], str]:
    """Return a function rendering one photo with the theme's picture macro."""
    macro = None

    def render(photo: PublishedPhoto) -> str:
        nonlocal macro
        if macro is None:
            env = next(g.env for g in generators if getattr(g, "env", None))
            macro = env.get_template(PICTURE_TEMPLATE).module.picture
        return str(macro(photo, siteurl))

    return render


def report_failures(problems: Iterable[Problem], settings: dict) -> None:
    """Report photos that could not be published; stop unless in ``devserver``.

    Like the content gate: ``make html`` exits with the problems as the
    message; ``make devserver`` refuses the build (ContentError) and keeps
    serving the last good one.
    """
    collected = content_state().problems
    known = set(collected.errors)
    new = sorted(set(problems) - known)
    collected.extend(new)
    for problem in new:
        logger.error("%s", problem)
    if content_setting(settings, "CONTENT_MODEL_EXIT_ON_ERROR"):
        logger.critical(
            Message(
                "Build stopped: %(count)s photo(s) could not be published, listed "
                "above as path:line. Fix them and build again.",
                count=len(new) or len(known),
            )
        )
        raise SystemExit(1)
    # make devserver: refuse the build as a clean one would, keep serving.
    raise ContentError(new or list(known))


def publish_photos(generators: list) -> None:
    """Process every photo, then give posts and templates what they show."""
    settings = generators[0].settings
    if content_state().problems.errors and content_setting(
        settings, "CONTENT_MODEL_EXIT_ON_ERROR"
    ):
        return  # the content gate stops this build: nothing is published
    started = time.perf_counter()
    state = photo_state()
    photo_settings = state.settings
    root = Path(settings["PATH"])
    # Only what this build writes: a draft's photos stay out of a publish build.
    plans = []
    shown_anew = []  # the plans of posts whose news was not carried over
    for generator in generators:
        for post in posts_of(generator):
            if not is_written(post):
                continue
            plan = _uses.get_if_same(
                post,
                ("plan", post.source_path),
                lambda post=post: plan_post(post, root, photo_settings),
            )
            plans.append(plan)
            if not post.news.carried_over:  # else shown as the last build did
                shown_anew.append(plan)
    batch = state.process(job for plan in plans for job in plan.jobs())
    if batch.errors:
        report_failures(
            (
                use.problem(batch.errors[job].message)
                for plan in plans
                for use, job in plan.uses()
                if job in batch.errors
            ),
            settings,
        )
    try:
        cards = publish_cards(settings, photo_settings, state.output_path)
    except OSError as exc:
        folder = str(photo_settings.cache_path / CARDS_FOLDER)
        message = Message(
            "cannot write the default sharing card: %(error)s", error=str(exc)
        )
        report_failures([Problem(folder, 0, "", message)], settings)
        cards = {}
    context = generators[0].context
    context["PHOTOS_DEFAULT_CARD"] = cards.get(FACTS_LANG)
    context["PHOTOS_DEFAULT_CARD_EN"] = cards.get("en")
    picture = _picture_renderer(generators, root_of(settings.get("SITEURL", "")))
    for plan in shown_anew:
        attach(plan, batch, cards, picture)
    seconds = time.perf_counter() - started
    timing.record("photos", seconds)
    shown = sum(1 for plan in plans for _ in plan.jobs())
    if shown:
        console.print(
            str(
                Message(
                    "Photos: %(shown)s shown, %(processed)s processed, %(cached)s from "
                    "cache in %(seconds)s s",
                    shown=shown,
                    processed=batch.processed,
                    cached=batch.cached,
                    seconds=f"{seconds:.1f}",
                )
            )
        )


__all__ = [
    "PhotoUse",
    "PostPhotos",
    "check_posts",
    "configure",
    "finish",
    "publish_photos",
    "report_failures",
]
