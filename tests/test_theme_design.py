"""Design rules: contrast from the tokens, one stylesheet, Vietnamese type, weight."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from theme_assets import bundle_css, css_sources, minify_css

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "theme" / "static" / "css"
TOKENS = (CSS / "tokens.css").read_text(encoding="utf-8")
BUDGET = 60 * 1024  # an article page without photos or search: HTML+CSS+JS+fonts
#: Text colour on background colour, as the components use them.
TEXT_PAIRS = [
    ("text", "bg"),
    ("muted", "bg"),
    ("accent", "bg"),
    ("accent-strong", "bg"),
    ("text", "surface"),
    ("muted", "surface"),
    ("accent", "surface"),
    ("header-text", "header-bg"),
    ("on-accent", "accent"),
    ("focus-text", "focus"),
]


def colours(scheme: str) -> dict[str, str]:
    """Return the colour tokens of a scheme, dark overriding light."""
    light_block, _, dark_block = TOKENS.partition("prefers-color-scheme: dark")
    found = dict(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})", light_block))
    if scheme == "dark":
        found.update(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})", dark_block))
    return found


def luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_contrast_is_at_least_4_5(scheme, text, background):
    tokens = colours(scheme)
    ratio = contrast(tokens[text], tokens[background])
    assert ratio >= 4.5, f"{scheme}: {text} on {background} is {ratio:.2f}:1"


def test_dark_scheme_overrides_every_surface_colour():
    light, dark = colours("light"), colours("dark")
    for name in ("text", "muted", "bg", "surface", "accent", "header-bg"):
        assert dark[name] != light[name], name


def test_accent_is_the_youth_union_blue():
    assert colours("light")["accent"].lower() == "#0054a6"


def test_only_tokens_css_defines_colours():
    for path in css_sources(CSS):
        if path.name in ("tokens.css", "print.css"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b", text), f"raw colour in {path.name}"


def test_bundle_puts_tokens_first_and_print_last():
    names = [path.name for path in css_sources(CSS)]
    assert names[:2] == ["tokens.css", "base.css"]
    assert names[-1] == "print.css"
    assert len(names) == len(list(CSS.glob("*.css")))


def test_minify_keeps_rules_and_drops_comments():
    source = "/* note */\na:hover ,  b > c {\n  color : red ;\n  margin: 0 auto;\n}\n"
    assert minify_css(source) == "a:hover,b>c{color:red;margin:0 auto}\n"


@pytest.mark.parametrize(
    ("source", "minified"),
    [
        (
            '.quote::before {\n  content: "a  /* not a comment */  b";\n}',
            '.quote::before{content:"a  /* not a comment */  b"}',
        ),
        (
            '.path::after { content: " > , ; { } " }',
            '.path::after{content:" > , ; { } "}',
        ),
        (".wide {\n  width: calc(100% - 2rem);\n}", ".wide{width:calc(100% - 2rem)}"),
    ],
)
def test_minify_keeps_strings_and_calc_intact(source, minified):
    # A regular expression cannot tell a string from a rule; a tokeniser can.
    assert minify_css(source) == minified + "\n"


def test_bundle_is_one_fingerprinted_stylesheet(site):
    bundle = bundle_css(CSS)
    page = site.page("/")
    links = page.select('link[rel="stylesheet"]')
    assert [link["href"] for link in links] == [f"/theme/css/{bundle.filename}"]
    assert (site.output / "theme" / "css" / bundle.filename).read_text() == bundle.text


def test_each_script_is_linked_under_its_fingerprinted_name(site):
    """A host may cache it for a year: a new script gets a new name."""
    scripts = ROOT / "theme" / "static" / "js"
    for url in ("/tim-kiem/", "/en/search/"):
        linked = site.page(url).select('script[type="module"]')
        assert {"search"} <= {s["src"].split("/")[-1].split(".")[0] for s in linked}
        for script in linked:
            src = script["src"]
            name = re.fullmatch(r"/theme/js/([a-z-]+)\.[0-9a-f]{10}\.js", src)
            assert name, src
            source = scripts / f"{name[1]}.js"
            assert (site.output / src.lstrip("/")).read_bytes() == source.read_bytes()


def test_print_styles_hide_navigation_and_show_the_url():
    text = (CSS / "print.css").read_text(encoding="utf-8")
    block = text[text.index("@media print") :]
    for selector in (
        ".site-header",
        ".site-nav",
        ".breadcrumbs",
        ".post-nav",
        ".site-footer",
    ):
        assert selector in block
    assert ".print-only" in block
    assert re.search(r"img[^{]*\{[^}]*width:\s*100%", block)


def test_fonts_cover_vietnamese_without_a_download():
    stack = re.search(r"--font-body:([^;]+);", TOKENS).group(1)
    for face in ("Segoe UI", "Roboto", "Noto Sans", "Arial"):
        assert face in stack
    assert "system-ui" not in stack  # picks CJK faces on some Windows locales
    bundle = bundle_css(CSS).text
    assert "@font-face" not in bundle and "url(" not in bundle


def test_line_heights_leave_room_for_stacked_diacritics():
    body = float(re.search(r"--leading-body:\s*([\d.]+)", TOKENS).group(1))
    tight = float(re.search(r"--leading-tight:\s*([\d.]+)", TOKENS).group(1))
    assert body >= 1.5
    assert tight >= 1.3  # "Ặ", "Ỗ": mark above mark above a capital


def test_no_asset_comes_from_another_site(site):
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", text):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (path, tag)


def _weight(site, url: str) -> int:
    """Return the gzip size of a page with its stylesheets, scripts and fonts."""
    page = site.page(url)
    path = site.output / url.strip("/") / "index.html"
    parts = [path.read_bytes()]
    for link in page.select('link[rel="stylesheet"], link[rel="preload"]'):
        parts.append((site.output / link["href"].lstrip("/")).read_bytes())
    for script in page.select("script[src]"):
        if "pagefind" in script["src"] or "search" in script["src"]:
            continue  # search assets load on the search page only
        parts.append((site.output / script["src"].lstrip("/")).read_bytes())
    return sum(len(gzip.compress(part, 6)) for part in parts)


def test_article_pages_weigh_under_60_kb_compressed(site):
    for path in site.output.glob("**/20[0-9][0-9]/[01][0-9]/*/index.html"):
        url = "/" + path.relative_to(site.output).as_posix().removesuffix("index.html")
        weight = _weight(site, url)
        assert weight <= BUDGET, f"{url}: {weight} bytes compressed"
