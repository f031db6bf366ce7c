"""Find the article's photos in a saved web page, leaving the site's chrome.

A page saved by a browser ("Save page, complete") keeps its images in
``page_files/`` beside it; others name files by a relative path or a
``file:`` URL. Only files inside the page's own folder are taken, and only
when Pillow reads them as photos: logos, icons, avatars, ads, share buttons
and tracking pixels are left out by their marks (class, id, file name, link)
and by their size. Remote ``http(s)`` images are never downloaded (the
importer has no network): they are returned as URLs for the report.

Each photo keeps an alt text only when the page gives a meaningful one (the
image's ``alt``, else its caption or ``figcaption``): a file name, a word
like "ảnh", the page's title or an automatic caption is no description.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from bs4 import Tag
from PIL import Image, UnidentifiedImageError

from vietnamese import match_key

from .cleaning import clean_text
from .sources import SourcePhoto

# Smallest photo kept: icons, avatars, badges and pixels are smaller.
MIN_SIDE = 150
MIN_AREA = 200 * 200
PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
# Words of a class, id or file name that mark the site's chrome. A file name
# "FB_IMG_….jpg" is a photo saved from Facebook, so brand names only count in
# classes and ids ("fb-share"), never in file names.
_FILE_WORDS = {
    "ad",
    "ads",
    "advert",
    "advertisement",
    "avatar",
    "badge",
    "banner",
    "btn",
    "button",
    "emoji",
    "favicon",
    "gravatar",
    "icon",
    "icons",
    "logo",
    "pixel",
    "qc",
    "quangcao",
    "share",
    "spacer",
    "sprite",
    "tracking",
}
_CLASS_WORDS = _FILE_WORDS | {"facebook", "fb", "social", "twitter", "zalo"}
_LINK_WORDS = {"share", "sharer", "intent"}
_CHROME_ALT = re.compile(
    r"^\s*(?:logo|icon|avatar|banner|quảng cáo|advertisement)\b", re.IGNORECASE
)
_SOURCES = ("src", "data-src", "data-original", "data-lazy-src", "srcset")
_CAPTION_MARK = re.compile(r"caption|desc|legend|image-?note|chu-?thich", re.I)
_CREDIT = re.compile(
    r"\s*[(\[–-]?\s*(?:ảnh|nguồn ảnh|photo|nguồn)\s*:[^()\[\]]*[)\]]?\s*$", re.I
)
_LEADING_PHOTO = re.compile(r"^\s*(?:ảnh|hình ảnh|photo)\s*:\s*", re.I)
_NOT_A_DESCRIPTION = re.compile(
    r"^(?:ảnh|hình|hình ảnh|image|photo|picture|ảnh minh họa|ảnh minh hoạ|"
    r"minh họa|minh hoạ|untitled|no title)\s*\d*$"
    r"|^(?:img|dsc|dscn|image|photo|anh|hinh|screenshot)?[\W_]*\d[\w-]*$"
    r"|\.(?:jpe?g|png|gif|webp|bmp)$"
    r"|^(?:hình ảnh có thể có|có thể là hình ảnh|có thể là ảnh)",
    re.I,
)


def _tokens(*values: str) -> set[str]:
    return {t for v in values for t in re.split(r"[\W_]+", v.casefold()) if t}


def _is_chrome(img: Tag) -> bool:
    """Return True for an image the site shows on every page, not the article's."""
    if _CHROME_ALT.match(img.get("alt") or ""):
        return True
    files = [Path(urlsplit(img.get(name) or "").path).name for name in _SOURCES]
    # a lazy-loading placeholder ("blank.gif") is no mark: its photo is data-src
    if _tokens(*files) & _FILE_WORDS:
        return True
    node: Tag | None = img
    for _ in range(4):  # the image and its nearest containers inside the article
        if node is None or node.get("data-import-article") is not None:
            break
        if _tokens(*node.get("class", []), node.get("id") or "") & _CLASS_WORDS:
            return True
        if node.name == "a" and _tokens(node.get("href") or "") & _LINK_WORDS:
            return True
        node = node.parent
    for side in ("width", "height"):
        value = re.match(r"\s*(\d+)\s*(?:px)?\s*$", str(img.get(side) or ""))
        if value and int(value[1]) < MIN_SIDE:
            return True
    return False


def _local_file(src: str, folder: Path) -> Path | None:
    """Return the file ``src`` names inside ``folder`` (relative or ``file:``)."""
    parts = urlsplit(src)
    if parts.scheme == "file":
        path = Path(url2pathname(parts.path))
    elif parts.scheme or src.startswith("//") or not parts.path:
        return None
    else:
        path = folder / unquote(parts.path)
    try:
        path = path.resolve()
    except OSError:
        return None
    inside = path.is_relative_to(folder.resolve())
    return path if inside and path.is_file() else None


def _is_photo(path: Path) -> bool:
    """Return True when Pillow reads ``path`` as a photo large enough to be one."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            kind = image.format
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return False  # not an image, or one no build would accept
    return (
        kind in PHOTO_FORMATS
        and min(width, height) >= MIN_SIDE
        and width * height >= MIN_AREA
    )


def _caption(img: Tag) -> str:
    """Return the caption written with ``img``: its figcaption or caption block."""
    node = img.parent
    for _ in range(3):
        if node is None or node.name in {"article", "main", "body"}:
            return ""
        if len(node.find_all("img")) > 1:
            return ""
        found = node.find("figcaption") or node.find(class_=_CAPTION_MARK)
        if found:
            return clean_text(found.get_text(" ", strip=True)).strip()
        if node.name == "table":  # an image table: the text of its other cells
            return clean_text(node.get_text(" ", strip=True)).strip()
        node = node.parent
    return ""


def without_credit(text: str) -> str:
    """Return a caption without its photo credit ("(Ảnh: BQĐ)")."""
    text = " ".join(text.split())
    leading = _LEADING_PHOTO.match(text)
    if leading:  # "Ảnh: Đồng chí X phát biểu" describes; "Ảnh: BQĐ" credits
        rest = text[leading.end() :]
        text = rest if len(rest.split()) >= 4 else ""
    return _CREDIT.sub("", text).strip(" -–")


def describe(text: str, title: str) -> str:
    """Return ``text`` as an alt text, or "" when it describes nothing."""
    text = without_credit(text).rstrip(".")
    if (
        len(text.split()) < 3
        or _NOT_A_DESCRIPTION.search(text)
        or match_key(text) == match_key(title)
    ):
        return ""
    return text


def article_photos(
    body: Tag, folder: Path, title: str
) -> tuple[list[SourcePhoto], list[str]]:
    """Return the photos of an article's ``body`` and the remote ones' URLs."""
    body["data-import-article"] = ""  # the article's own classes mark no chrome
    photos: list[SourcePhoto] = []
    remote: list[str] = []
    seen: set[Path] = set()
    alts = [match_key(img.get("alt") or "") for img in body.find_all("img")]
    for img in body.find_all("img"):
        if _is_chrome(img):
            continue
        sources = [
            (img.get(name) or "").strip().split(" ")[0]
            for name in _SOURCES
            if img.get(name)
        ]
        local = next((p for s in sources if (p := _local_file(s, folder))), None)
        if local is not None:
            if local in seen or not _is_photo(local):
                continue
            seen.add(local)
            caption = img.get("data-import-caption") or ""
            written = img.get("alt") or ""
            if alts.count(match_key(written)) > 1:  # one alt for all: the site's name
                written = ""
            alt = describe(written, title) or describe(caption, title)
            photos.append(SourcePhoto(local, alt, without_credit(caption)))
            continue
        url = next(
            (s for s in sources if s.startswith(("http://", "https://", "//"))), None
        )
        if url and url not in remote:
            remote.append(url)
    return photos, remote


def note_captions(soup: Tag) -> None:
    """Keep every image's caption as ``data-import-caption`` before captions go."""
    for img, caption in [(img, _caption(img)) for img in soup.find_all("img")]:
        img["data-import-caption"] = caption


def remote_images(html: str) -> list[str]:
    """Return the addresses of the photos an HTML post body shows from the web."""
    from bs4 import BeautifulSoup

    found: list[str] = []
    for img in BeautifulSoup(html, "html.parser").find_all("img"):
        if _is_chrome(img):
            continue
        for name in _SOURCES:
            url = (img.get(name) or "").strip().split(" ")[0]
            if url.startswith(("http://", "https://", "//")):
                if url not in found:
                    found.append(url)
                break
    return found
