"""A news site readers recognise: lead photos, cards, gallery viewer, sharing.

One module-scoped build: the tests' site plus two posts with small photos drawn
by Pillow (one with a gallery whose second photo is ``lead: true``, one with a
photo in its body only). The viewer is driven with the keyboard alone in
Debian's Chromium, and checked with axe-core, open and closed.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
from PIL import Image

from tests.browser import serve, wait_for_search
from tests.sitebuild import Build, build, copy_content
from tests.test_validity import check, describe

GALLERY_POST = "/2023/05/ra-quan-mua-he-xanh-tan-binh-2023/"
GALLERY_POST_EN = "/en/2023/05/ra-quan-mua-he-xanh-tan-binh-2023/"
BODY_PHOTO_POST = "/2023/04/hien-mau-tan-binh-2023/"
TEXT_POST = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
COLOURS = {
    "toan-canh": (200, 40, 40),
    "ra-quan": (40, 160, 60),
    "trao-co": (40, 80, 200),
    "hien-mau": (220, 180, 30),
}
GALLERY = """---
title: Tuổi trẻ Tân Bình ra quân chiến dịch Mùa hè xanh 2023
date: 2023-05-20 07:30
slug: ra-quan-mua-he-xanh-tan-binh-2023
lang: vi
summary: Sáng 20/5/2023, Quận Đoàn Tân Bình tổ chức lễ ra quân.
event:
  date: 2023-05-20
  time: morning
  organizer: Quận Đoàn Tân Bình
units: [Quận Đoàn Tân Bình]
speakers:
  - name: Phan Lê Huy Hoàng
    role: Bí thư Quận Đoàn Tân Bình
    unit: Quận Đoàn Tân Bình
    part: chair
photos:
  - src: photos/2023/toan-canh.jpg
    alt: Toàn cảnh lễ ra quân
    caption: Toàn cảnh lễ ra quân.
  - src: photos/2023/ra-quan.jpg
    alt: Chiến sĩ tình nguyện diễu hành
    caption: Chiến sĩ tình nguyện lên đường.
    lead: true
  - src: photos/2023/trao-co.jpg
    alt: Trao cờ cho các đội hình
tags: [tân bình]
---
Sáng 20/5/2023, Quận Đoàn Tân Bình tổ chức lễ ra quân.
"""
GALLERY_EN = """---
title: Tan Binh youth launch the 2023 Green Summer campaign
slug: ra-quan-mua-he-xanh-tan-binh-2023
lang: en
summary: On 20 May 2023 the Tan Binh District Youth Union launched Green Summer.
captions:
  photos/2023/ra-quan.jpg: Volunteers set off.
---
On the morning of 20 May 2023 the District Youth Union held the launch.
"""
BODY_PHOTO = """---
title: Đoàn viên Tân Bình hiến máu tình nguyện 2023
date: 2023-04-08 08:00
slug: hien-mau-tan-binh-2023
lang: vi
summary: Hơn 200 đoàn viên tham gia ngày hội hiến máu tình nguyện.
units: [Quận Đoàn Tân Bình]
tags: [tân bình]
---
Sáng 8/4/2023, đoàn viên Tân Bình hiến máu.

![Đoàn viên hiến máu](photos/2023/hien-mau.jpg)
"""


@pytest.fixture(scope="module")
def news_site(tmp_path_factory) -> Build:
    tmp = tmp_path_factory.mktemp("news-site")
    content = copy_content(tmp / "content")
    folder = content / "photos" / "2023"
    folder.mkdir(parents=True)
    for name, colour in COLOURS.items():
        # 900x600, plain: quick to process, big enough for both card widths.
        Image.new("RGB", (900, 600), colour).save(folder / f"{name}.jpg", quality=80)
    posts = content / "posts" / "2023"
    posts.mkdir()
    (posts / "ra-quan-mua-he-xanh-tan-binh-2023.md").write_text(GALLERY, "utf-8")
    (posts / "ra-quan-mua-he-xanh-tan-binh-2023.en.md").write_text(GALLERY_EN, "utf-8")
    (posts / "hien-mau-tan-binh-2023.md").write_text(BODY_PHOTO, "utf-8")
    # Fewer widths than the defaults: each costs a WebP and a JPEG per photo.
    extra = {
        "PHOTOS_WIDTHS": "[480]",
        "PHOTOS_CARD_WIDTHS": "[360, 720]",
    }
    result = build(content, tmp / "output", extra=extra)
    assert result.returncode == 0, result.log
    return result


def card_of(page, url: str):
    """Return the card (``.post-summary``) of the post at ``url`` on a list page."""
    link = page.select_one(f'.post-summary__title a[href="{url}"]')
    assert link is not None, url
    return link.find_parent(class_="post-summary")


# --- The post: lead photo at the top, the others in a grid -------------------


def test_lead_photo_opens_the_post_and_the_grid_holds_the_others(news_site):
    page = news_site.page(GALLERY_POST)
    lead = page.select_one(".article .lead-photo")
    # At the top: right after the header, before the event card and the body.
    assert lead.find_previous_sibling().name == "header"
    assert lead.img["alt"] == "Chiến sĩ tình nguyện diễu hành"
    assert lead.figcaption.get_text() == "Chiến sĩ tình nguyện lên đường."
    assert (lead.img["loading"], lead.img["fetchpriority"]) == ("eager", "high")
    grid = page.select(".gallery__grid img")
    assert [img["alt"] for img in grid] == [
        "Toàn cảnh lễ ra quân",
        "Trao cờ cho các đội hình",
    ]
    assert all(img["loading"] == "lazy" for img in grid)
    # Without script every photo is a link to its large JPEG.
    links = page.select("a[data-viewer-item]")
    assert len(links) == 3
    for link in links:
        assert link["href"].endswith("-480.jpg")  # the largest variant
        assert (news_site.output / link["href"].lstrip("/")).is_file()
    # The English page: the English caption, the same files.
    english = news_site.page(GALLERY_POST_EN).select_one(".lead-photo")
    assert english.figcaption.get_text() == "Volunteers set off."
    assert english.img["src"] == lead.img["src"]


def test_sharing_image_is_the_lead_photo(news_site):
    meta = news_site.page(GALLERY_POST).select_one('meta[property="og:image"]')
    assert re.search(r"/photos/2023/ra-quan-[0-9a-f]{8}-og\.jpg$", meta["content"])


# --- Cards in every list -----------------------------------------------------

LISTS = [
    "/",
    "/en/",
    "/don-vi/quan-doan-tan-binh/",
    "/en/units/quan-doan-tan-binh/",
    "/nhan-vat/phan-le-huy-hoang/",
    "/luu-tru/2023/",
    "/chu-de/tan-binh/",
]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_shows_the_lead_photo_cropped_for_the_card(news_site, url):
    page = news_site.page(url)
    post = GALLERY_POST_EN if url.startswith("/en/") else GALLERY_POST
    card = card_of(page, post)
    img = card.select_one("picture.card-photo img")
    assert img is not None, url
    assert "post-summary--photo" in card["class"]
    assert img["alt"] == ""  # the card's title says what the post is
    assert (img["width"], img["height"]) == ("360", "240")  # no layout shift
    assert "ra-quan-" in img["src"]
    widths = [entry.split()[1] for entry in img["srcset"].split(", ")]
    assert widths == ["360w", "720w"]
    for entry in img["srcset"].split(", ") + card.source["srcset"].split(", "):
        src, width = entry.split()
        with Image.open(news_site.output / src.lstrip("/")) as image:
            assert image.size == (int(width[:-1]), int(width[:-1]) * 2 // 3)
    featured = "post-summary--featured" in card["class"]
    assert img["loading"] == ("eager" if featured else "lazy")


def test_home_opens_with_the_latest_story_as_its_lead(news_site):
    home = news_site.page("/")
    lead = home.select_one(".home__lead .post-summary--featured")
    assert lead.select_one(".post-summary__title a")["href"] == GALLERY_POST
    assert lead.select_one(".post-summary__text").get_text(strip=True)
    assert lead.select_one("img")["fetchpriority"] == "high"
    cards = home.select(".home__latest .post-list--cards .post-summary")
    assert [c.select_one("a")["href"] for c in cards][:1] == [BODY_PHOTO_POST]
    assert not home.select(".post-list--cards img[fetchpriority]")


def test_a_body_photo_makes_the_card_and_a_post_without_photos_a_text_card(
    news_site,
):
    page = news_site.page("/don-vi/quan-doan-tan-binh/")
    body_card = card_of(page, BODY_PHOTO_POST).select_one("img")
    assert "hien-mau-" in body_card["src"]
    # No lead photo at the top of that post: its photo is in the body already.
    assert not news_site.page(BODY_PHOTO_POST).select(".lead-photo")
    text_card = card_of(page, TEXT_POST)
    assert text_card.find("img") is None and text_card.find("picture") is None
    assert "post-summary--photo" not in text_card["class"]


# --- The viewer, with the keyboard only, in a real browser ---------------------


@pytest.fixture(scope="module")
def base_url(news_site):
    with serve(news_site.output) as url:
        yield url


@pytest.fixture(scope="module")
def axe_source() -> str:
    return (
        resources.files("axe_playwright_python")
        .joinpath("axe.min.js")
        .read_text(encoding="utf-8")
    )


def axe_violations(page, source: str) -> list[str]:
    """Run axe-core (WCAG 2.x A and AA) on the page; return the rule ids broken.

    axe is injected once per document; only its violations come back.
    """
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(source)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(result => result.violations)",
        tags,
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations]


def focused(page) -> str:
    """Return the focused element's class and text, to assert on."""
    return page.evaluate(
        "() => (document.activeElement.className || '') + '|'"
        " + document.activeElement.textContent.trim()"
    )


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("width", [360, 1280])
def test_viewer_works_with_the_keyboard_alone(tab, base_url, axe_source, width):
    page = tab
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + GALLERY_POST)
    dialog = page.locator("#photo-viewer")
    assert not dialog.is_visible()
    check_axe = width == 360  # axe costs seconds: once per state is enough
    assert not check_axe or axe_violations(page, axe_source) == []

    tab_to(page, ".lead-photo a")
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    assert page.evaluate("() => document.getElementById('photo-viewer').open")
    assert page.locator(".viewer__caption").inner_text() == (
        "Chiến sĩ tình nguyện lên đường."
    )
    assert page.locator(".viewer__count").inner_text() == "Ảnh 1/3"
    image = page.locator(".viewer__image")
    assert image.get_attribute("alt") == "Chiến sĩ tình nguyện diễu hành"
    assert "ra-quan-" in image.get_attribute("src")
    assert not check_axe or axe_violations(page, axe_source) == []

    # Arrows move, and wrap around; the caption follows (none for the third).
    page.keyboard.press("ArrowRight")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 2/3"
    assert "toan-canh-" in image.get_attribute("src")
    assert page.locator(".viewer__caption").inner_text() == "Toàn cảnh lễ ra quân."
    page.keyboard.press("ArrowRight")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 3/3"
    assert "trao-co-" in image.get_attribute("src")
    assert not page.locator(".viewer__caption").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 1/3"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 2/3"
    # The buttons work from the keyboard too.
    assert "viewer__next" in focused(page)
    page.keyboard.press("Enter")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 3/3"

    # Focus stays inside the viewer, forwards and backwards.
    inside = (
        "() => document.getElementById('photo-viewer').contains(document.activeElement)"
    )
    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert page.evaluate(inside), key

    # Escape closes it and gives focus back to the photo that opened it.
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert "lead-photo__link" in focused(page)


def test_viewer_opens_from_the_grid_and_follows_a_swipe(browser, base_url):
    page = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True)
    page.goto(base_url + GALLERY_POST)
    tab_to(page, ".gallery__link")
    page.keyboard.press("Enter")
    assert page.locator(".viewer__count").inner_text() == "Ảnh 2/3"
    # A swipe to the left shows the next photo, to the right the previous.
    for start, end, expected in ((300, 60, "Ảnh 3/3"), (60, 300, "Ảnh 2/3")):
        for kind, x in (("pointerdown", start), ("pointerup", end)):
            page.dispatch_event(
                ".viewer__figure",
                kind,
                {"pointerType": "touch", "clientX": x, "clientY": 300, "bubbles": True},
            )
        assert page.locator(".viewer__count").inner_text() == expected
    page.keyboard.press("Escape")
    assert "gallery__link" in focused(page)
    page.close()


def test_without_javascript_a_photo_is_a_link_to_the_large_one(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + GALLERY_POST)
    assert not page.locator("#photo-viewer").is_visible()
    page.locator(".gallery__link").first.click()
    assert page.url.endswith(".jpg")
    assert "trao-co-" in page.url or "toan-canh-" in page.url
    context.close()


def test_share_buttons_copy_the_link(tab, base_url, request):
    page = tab
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    request.addfinalizer(page.context.clear_permissions)
    page.goto(base_url + GALLERY_POST)
    copy = page.locator(".share__copy")
    assert copy.is_visible()
    # The phone's share sheet is offered on touch screens only.
    assert not page.locator(".share__native").is_visible()
    copy.click()
    page.wait_for_function(
        "() => document.querySelector('.share__status').textContent !== ''"
    )
    assert page.locator(".share__status").inner_text() == "Đã chép đường dẫn"
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith(GALLERY_POST)


def test_photos_never_shift_the_layout(browser, base_url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__shift += entry.value;
        }).observe({type: 'layout-shift', buffered: true});"""
    )
    for url in ("/", GALLERY_POST, "/don-vi/quan-doan-tan-binh/", "/theo-doi/"):
        page.goto(base_url + url, wait_until="load")
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__shift") < 0.01, url
        # ... and nothing is wider than a small phone's screen.
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, (url, width)
    page.close()


# --- The unit chart ------------------------------------------------------------


def test_chart_over_years_counts_years_and_labels_every_one(news_site):
    # Posts in 2020, 2021 and 2023: a bar per year, and every year labelled.
    page = news_site.page("/don-vi/quan-doan-tan-binh/")
    svg = page.select_one(".activity-chart svg")
    ticks = [t.get_text() for t in svg.select(".activity-chart__ticks text")]
    assert ticks == ["2020", "2021", "2022", "2023"]
    assert [t.get_text() for t in svg.select(".activity-chart__label")] == [
        "Năm",
        "Số bài viết",
    ]
    assert svg.title.get_text() == "Số bài mỗi năm: Quận Đoàn Tân Bình"
    assert [r.title.get_text() for r in svg.select("rect")] == [
        "2020: 1",
        "2021: 1",
        "2023: 2",
    ]
    assert svg.desc.get_text() == (
        "Từ năm 2020 đến năm 2023 (4 năm), tổng cộng 4 bài. "
        "Năm nhiều bài nhất: 2023, với 2 bài."
    )
    rows = [li.get_text() for li in page.select(".activity-chart__list li")]
    assert rows == ["2020: 1 bài", "2021: 1 bài", "2023: 2 bài"]


@pytest.mark.parametrize("width", [360, 1280])
def test_chart_text_is_never_below_12_px(tab, base_url, width):
    page = tab
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/don-vi/quan-doan-tan-binh/")
    svg = page.locator(".activity-chart svg")
    listing = page.locator(".activity-chart__list")
    if width == 360:  # too narrow for 12 px text in the drawing: a list
        assert not svg.is_visible()
        assert listing.is_visible()
        assert listing.inner_text().split("\n")[0] == "2020: 1 bài"
    else:
        assert svg.is_visible()
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.activity-chart svg text')]
                .map(t => t.getBoundingClientRect().height)"""
        )
        # A text box is about 1.15 times its font size: 12 px text or more.
        assert sizes and min(sizes) >= 12 * 1.1, sizes


# --- Plain words: following new posts -----------------------------------------


@pytest.mark.parametrize(
    ("lang", "page", "unit", "link", "what"),
    [
        (
            "vi",
            "/theo-doi/",
            "/don-vi/quan-doan-tan-binh/",
            "Theo dõi tin mới (RSS)",
            "là gì?",
        ),
        (
            "en",
            "/en/follow/",
            "/en/units/quan-doan-tan-binh/",
            "Follow new posts (RSS)",
            "what is this?",
        ),
    ],
)
def test_feeds_are_offered_in_plain_words_with_an_explanation(
    news_site, lang, page, unit, link, what
):
    unit_page = news_site.page(unit)
    assert "Atom" not in unit_page.select_one(".unit-page__meta").get_text()
    feed = unit_page.find("a", string=link)
    assert feed["href"].endswith("/feed.atom.xml")
    assert unit_page.find("a", string=what)["href"] == page
    footer = news_site.page("/" if lang == "vi" else "/en/").select_one(".site-footer")
    assert footer.find("a", string=link)["href"] == page
    explanation = news_site.page(page)
    assert explanation.html["lang"] == lang
    assert explanation.h1.get_text() == link
    feed_link = explanation.select_one(".follow__feeds a")
    assert feed_link["href"] == (
        "/feeds/all.atom.xml" if lang == "vi" else "/en/feeds/all.atom.xml"
    )
    assert len(explanation.select(".follow p")) >= 3


# --- The summary is not the opening paragraph again ------------------------------


def test_a_summary_is_shown_once_and_never_repeats_the_first_paragraph(news_site):
    # Pasted from the opening paragraph: not printed a second time.
    gallery = news_site.page(GALLERY_POST)
    assert (
        gallery.select_one(".article__body p")
        .get_text()
        .startswith("Sáng 20/5/2023, Quận Đoàn Tân Bình tổ chức lễ ra quân.")
    )
    assert not gallery.select(".event-card__summary, .article__lede")
    # Reworded from the opening paragraph (the seed): not printed either.
    seed = news_site.page(TEXT_POST)
    assert seed.select_one(".event-card") is not None
    assert not seed.select(".event-card__summary, .article__lede")
    # A summary that says something else: shown once, at the top of the event card.
    body_photo = news_site.page(BODY_PHOTO_POST)
    shown = body_photo.select(".event-card__summary, .article__lede")
    assert [p.get_text() for p in shown] == [
        "Hơn 200 đoàn viên tham gia ngày hội hiến máu tình nguyện."
    ]


# --- The search page's layout -----------------------------------------------------


def test_search_filters_fold_on_phones_and_fit_their_options_on_wide_screens(
    tab, base_url
):
    phone = tab
    phone.set_viewport_size({"width": 360, "height": 740})
    phone.goto(base_url + "/tim-kiem/?q=tân+bình")
    toggle = phone.locator(".search-form__fold-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Lọc"
    assert not phone.locator("#search-unit").is_visible()
    # Folded, the filters leave the results on the first screen.
    top = phone.evaluate(
        "() => document.getElementById('search-results').getBoundingClientRect().top"
    )
    assert top < 740 * 0.6, top
    toggle.click()
    assert phone.locator("#search-unit").is_visible()

    wide = tab
    wide.set_viewport_size({"width": 1280, "height": 800})
    wide.goto(base_url + "/tim-kiem/")
    assert not wide.locator(".search-form__fold-toggle").is_visible()
    for name in ("unit", "person", "year"):
        wide.focus(f"#search-{name}")  # its choices come when a list is used
    # Each select is at least as wide as its longest option's text.
    gaps = wide.evaluate(
        """() => [...document.querySelectorAll('.search-form select')].map(select => {
            const probe = document.createElement('span');
            probe.style.font = getComputedStyle(select).font;
            probe.style.whiteSpace = 'pre';
            document.body.append(probe);
            let longest = 0;
            for (const option of select.options) {
                probe.textContent = option.textContent;
                longest = Math.max(longest, probe.getBoundingClientRect().width);
            }
            probe.remove();
            return [select.id, select.options.length,
                    select.getBoundingClientRect().width - longest];
        })"""
    )
    assert [name for name, _, _ in gaps] == [
        "search-unit",
        "search-person",
        "search-year",
    ]
    assert all(count > 1 for _, count, _ in gaps), gaps
    assert all(gap >= 16 for _, _, gap in gaps), gaps  # text plus padding and arrow


# --- Print ---------------------------------------------------------------------------


def test_a_post_prints_for_a_notice_board(tab, base_url):
    page = tab
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(base_url + GALLERY_POST)
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.site-header', '.breadcrumbs', '.share',
          '.post-nav', '.site-footer', '.more-from-unit', '.article__title',
          '.article__meta time', '.event-card', '.article__body', '.lead-photo',
          '.gallery', '.print-only'].map(s => {
            const el = document.querySelector(s);
            return [s, el ? getComputedStyle(el).display !== 'none' : null];
          }))"""
    )
    assert shown == {
        ".site-header": False,
        ".breadcrumbs": False,
        ".share": False,
        ".post-nav": False,
        ".site-footer": False,
        ".more-from-unit": False,
        ".article__title": True,
        ".article__meta time": True,
        ".event-card": True,
        ".article__body": True,
        ".lead-photo": True,
        ".gallery": True,
        ".print-only": True,
    }
    assert page.locator(".print-only").inner_text().endswith(GALLERY_POST)
    # Photos at a sensible size: the lead at most 9 cm tall, the others in a row.
    heights = page.evaluate(
        """() => [...document.querySelectorAll('.lead-photo img, .gallery img')]
            .map(img => img.getBoundingClientRect().height)"""
    )
    cm = 96 / 2.54
    assert heights[0] <= 9 * cm + 1 and all(h <= 4.5 * cm + 1 for h in heights[1:])


# --- Budgets: valid HTML --------------------------------------------------------------


def test_new_pages_are_valid_html(news_site):
    pages = [
        "/",
        "/en/",
        GALLERY_POST,
        GALLERY_POST_EN,
        BODY_PHOTO_POST,
        "/don-vi/quan-doan-tan-binh/",
        "/theo-doi/",
        "/en/follow/",
        "/tim-kiem/",
    ]
    files = [news_site.output / url.strip("/") / "index.html" for url in pages]
    errors = check(files)
    assert not errors, "\n".join(describe(m, news_site.output) for m in errors)


def test_search_results_show_the_card_photo(tab, base_url):
    page = tab
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "/tim-kiem/?q=tân+bình")
    wait_for_search(page)
    results = page.evaluate(
        """() => [...document.querySelectorAll('.search-result')].map(item => {
            const img = item.querySelector('img');
            return [item.querySelector('a').getAttribute('href'),
                    img && [img.getAttribute('src'), img.getAttribute('width'),
                           img.getAttribute('height'), img.getAttribute('alt')]];
        })"""
    )
    found = dict(results)
    photo = found[GALLERY_POST]
    assert re.search(r"/photos/2023/ra-quan-[0-9a-f]{8}-card360\.jpg$", photo[0])
    assert photo[1:] == ["360", "240", ""]  # its size, so no layout shift
    assert "hien-mau-" in found[BODY_PHOTO_POST][0]
    assert found[TEXT_POST] is None  # no photo: a text result


def test_phones_get_their_own_share_sheet(browser, base_url):
    # Linux Chromium has no Web Share API: the page gets a recording stand-in,
    # as a phone's browser would offer the real one.
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740}
    )
    context.add_init_script(
        "navigator.share = (data) => {"
        " window.__shared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(base_url + GALLERY_POST)
    native = page.locator(".share__native")
    assert native.is_visible()
    native.tap()
    shared = page.evaluate("() => window.__shared")
    assert shared["url"].endswith(GALLERY_POST)
    assert shared["title"] == "Tuổi trẻ Tân Bình ra quân chiến dịch Mùa hè xanh 2023"
    context.close()
