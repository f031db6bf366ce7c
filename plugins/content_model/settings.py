"""The CONTENT_MODEL_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsroom.settings import (
    Invalid,
    Setting,
    SettingsError,
    SettingsTable,
    boolean,
    names,
    path_text,
    whole_number,
)

from .frontmatter import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FRONT_MATTER_BYTES
from .html_safety import (
    DEFAULT_ATTRIBUTES,
    DEFAULT_EMBED_HOSTS,
    DEFAULT_TAGS,
    DEFAULT_URL_SCHEMES,
    HtmlPolicy,
)

__all__ = [
    "DEFAULTS",
    "LIMITS",
    "SETTINGS",
    "SettingsError",
    "html_policy",
    "limit",
    "setting",
]

# Never allowed, whatever the settings say: scripts and styles, plugins and
# frames of any page, forms, and the foreign-content and raw-text parsing modes
# (SVG, MathML, template, noscript…) through which sanitiser bypasses are made.
_FORBIDDEN_TAGS = frozenset(
    {
        "script", "style", "object", "embed", "applet", "base", "meta", "link",
        "frame", "frameset", "portal", "form", "input", "button", "textarea",
        "select", "option", "svg", "math", "template", "noscript", "noembed",
        "noframes", "xmp", "plaintext",
    }
)  # fmt: skip
_FORBIDDEN_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
# A frame's own document or a form's target would pass round the embed allowlist.
_FORBIDDEN_ATTRIBUTES = frozenset({"srcdoc", "formaction"})


def _names_without(forbidden: frozenset[str], what: str) -> Any:
    """Check a set of names that must not include any of ``forbidden``."""

    def check(value: Any) -> frozenset[str]:
        allowed = names(value)
        if allowed & forbidden:
            bad = ", ".join(sorted(allowed & forbidden))
            raise Invalid(f"a set of {what} without {bad} (never allowed)")
        return allowed

    return check


def _attributes(value: Any) -> dict[str, frozenset[str]]:
    """Check tag → attribute names: no event handlers, no srcdoc or formaction."""
    if not isinstance(value, Mapping):
        raise Invalid("a dict mapping tags to attribute names")
    allowed = {}
    for tag, attributes in value.items():
        try:
            checked = names(attributes)
            handlers = sorted(n for n in checked if n.startswith("on"))
            if handlers:
                raise Invalid(
                    f"attribute names without event handlers ({', '.join(handlers)})"
                )
            if checked & _FORBIDDEN_ATTRIBUTES:
                bad = ", ".join(sorted(checked & _FORBIDDEN_ATTRIBUTES))
                raise Invalid(f"attribute names without {bad} (never allowed)")
        except Invalid as problem:
            raise problem.inside(tag, attributes) from None
        allowed[tag] = checked
    return allowed


def _embed_hosts(value: Any) -> dict[str, str]:
    """Check host → player path ("/video/"); return hosts in lower case."""
    if not isinstance(value, Mapping) or not all(
        isinstance(h, str) and isinstance(p, str) and p.startswith("/")
        for h, p in value.items()
    ):
        raise Invalid(
            "a dict mapping host names to the path of their video player, "
            'such as {"player.vimeo.com": "/video/"}'
        )
    return {host.lower(): path for host, path in value.items()}


SETTINGS = SettingsTable(
    # Registries (units.yml, people.yml, glossary.yml), relative to PATH.
    Setting("CONTENT_MODEL_DATA_PATH", "data", path_text),
    # Exit the process on content errors; ``make devserver`` turns this off so
    # the server keeps watching and rebuilds once the post is fixed.
    Setting("CONTENT_MODEL_EXIT_ON_ERROR", True, boolean),
    # Raw HTML a post may carry (nh3 allowlist).
    Setting(
        "CONTENT_MODEL_HTML_TAGS",
        DEFAULT_TAGS,
        _names_without(_FORBIDDEN_TAGS, "tag names"),
    ),
    Setting("CONTENT_MODEL_HTML_ATTRIBUTES", DEFAULT_ATTRIBUTES, _attributes),
    Setting(
        "CONTENT_MODEL_URL_SCHEMES",
        DEFAULT_URL_SCHEMES,
        _names_without(_FORBIDDEN_SCHEMES, "URL schemes"),
    ),
    # Host → path prefix of the video players an iframe may show.
    Setting("CONTENT_MODEL_EMBED_HOSTS", DEFAULT_EMBED_HOSTS, _embed_hosts),
    # Size and nesting caps (bytes of UTF-8, levels of lists and blocks): a
    # post or registry beyond them is an error, never a stalled build.
    Setting("CONTENT_MODEL_MAX_POST_BYTES", 1024 * 1024, whole_number(1)),
    Setting(
        "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES",
        DEFAULT_MAX_FRONT_MATTER_BYTES,
        whole_number(1),
    ),
    # Thousands of units fit.
    Setting("CONTENT_MODEL_MAX_REGISTRY_BYTES", 16 * 1024 * 1024, whole_number(1)),
    Setting("CONTENT_MODEL_MAX_YAML_DEPTH", DEFAULT_MAX_DEPTH, whole_number(1)),
    # A unit's page and search filter list the posts of the units it took
    # over from (successor, merged_into, predecessors in units.yml).
    Setting("CONTENT_MODEL_FOLLOW_UNIT_HISTORY", True, boolean),
    # Seconds one post's Markdown may take (a few milliseconds is usual).
    Setting("CONTENT_MODEL_MAX_RENDER_SECONDS", 10, whole_number(1)),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
LIMITS = tuple(name for name in SETTINGS.rows if "_MAX_" in name)


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return a CONTENT_MODEL_* setting, checked; raise SettingsError if bad."""
    return SETTINGS.value(settings, name)


def limit(settings: Mapping[str, Any], name: str) -> int:
    """Return a CONTENT_MODEL_MAX_* setting; raise SettingsError unless positive."""
    return SETTINGS.value(settings, name)


def html_policy(settings: Mapping[str, Any]) -> HtmlPolicy:
    """Return the raw-HTML allowlist the settings describe; raise SettingsError."""
    return HtmlPolicy(
        tags=setting(settings, "CONTENT_MODEL_HTML_TAGS"),
        attributes=setting(settings, "CONTENT_MODEL_HTML_ATTRIBUTES"),
        url_schemes=setting(settings, "CONTENT_MODEL_URL_SCHEMES"),
        embed_hosts=setting(settings, "CONTENT_MODEL_EMBED_HOSTS"),
    )
