"""The CONTENT_MODEL_* settings: defaults in one place, checked once per build."""

from __future__ import annotations

from typing import Any

from .frontmatter import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FRONT_MATTER_BYTES
from .html_safety import (
    DEFAULT_ATTRIBUTES,
    DEFAULT_EMBED_HOSTS,
    DEFAULT_TAGS,
    DEFAULT_URL_SCHEMES,
    HtmlPolicy,
)

DEFAULTS: dict[str, Any] = {
    # Registries (units.yml, people.yml, glossary.yml), relative to PATH.
    "CONTENT_MODEL_DATA_PATH": "data",
    # Exit the process on content errors; ``make devserver`` turns this off so
    # the server keeps watching and rebuilds once the post is fixed.
    "CONTENT_MODEL_EXIT_ON_ERROR": True,
    # Raw HTML a post may carry (nh3 allowlist).
    "CONTENT_MODEL_HTML_TAGS": DEFAULT_TAGS,
    "CONTENT_MODEL_HTML_ATTRIBUTES": DEFAULT_ATTRIBUTES,
    "CONTENT_MODEL_URL_SCHEMES": DEFAULT_URL_SCHEMES,
    # Host → path prefix of the video players an iframe may show.
    "CONTENT_MODEL_EMBED_HOSTS": DEFAULT_EMBED_HOSTS,
    # Size and nesting caps (bytes of UTF-8, levels of lists and blocks): a
    # post or registry beyond them is an error, never a stalled build.
    "CONTENT_MODEL_MAX_POST_BYTES": 1024 * 1024,
    "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES": DEFAULT_MAX_FRONT_MATTER_BYTES,
    "CONTENT_MODEL_MAX_REGISTRY_BYTES": 16 * 1024 * 1024,  # thousands of units
    "CONTENT_MODEL_MAX_YAML_DEPTH": DEFAULT_MAX_DEPTH,
    # Seconds one post's Markdown may take (a few milliseconds is usual).
    "CONTENT_MODEL_MAX_RENDER_SECONDS": 10,
}
LIMITS = (
    "CONTENT_MODEL_MAX_POST_BYTES",
    "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES",
    "CONTENT_MODEL_MAX_REGISTRY_BYTES",
    "CONTENT_MODEL_MAX_YAML_DEPTH",
    "CONTENT_MODEL_MAX_RENDER_SECONDS",
)
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


class SettingsError(ValueError):
    """A CONTENT_MODEL_* setting has a value the plugin cannot use."""


def setting(settings: dict, name: str) -> Any:
    """Return a CONTENT_MODEL_* setting, falling back to its default."""
    return settings.get(name, DEFAULTS[name])


def _names(name: str, value: Any) -> frozenset[str]:
    """Return a collection of names, or raise SettingsError naming the setting."""
    if isinstance(value, str) or not all(isinstance(v, str) for v in value or ()):
        raise SettingsError(f"{name} must be a set of names, not {value!r}")
    return frozenset(v.lower() for v in value)


def html_policy(settings: dict) -> HtmlPolicy:
    """Return the raw-HTML allowlist the settings describe; raise SettingsError."""
    tags = _names(
        "CONTENT_MODEL_HTML_TAGS", setting(settings, "CONTENT_MODEL_HTML_TAGS")
    )
    if tags & _FORBIDDEN_TAGS:
        raise SettingsError(
            "CONTENT_MODEL_HTML_TAGS must not allow "
            + ", ".join(sorted(tags & _FORBIDDEN_TAGS))
        )
    attributes = setting(settings, "CONTENT_MODEL_HTML_ATTRIBUTES")
    if not isinstance(attributes, dict):
        raise SettingsError(
            f"CONTENT_MODEL_HTML_ATTRIBUTES must map tags to attribute names, "
            f"not {attributes!r}"
        )
    allowed = {}
    for tag, names in attributes.items():
        names = _names(f"CONTENT_MODEL_HTML_ATTRIBUTES[{tag!r}]", names)
        handlers = sorted(n for n in names if n.startswith("on"))
        if handlers:
            raise SettingsError(
                f"CONTENT_MODEL_HTML_ATTRIBUTES[{tag!r}] must not allow event "
                f"handlers: {', '.join(handlers)}"
            )
        if names & _FORBIDDEN_ATTRIBUTES:
            raise SettingsError(
                f"CONTENT_MODEL_HTML_ATTRIBUTES[{tag!r}] must not allow "
                + ", ".join(sorted(names & _FORBIDDEN_ATTRIBUTES))
            )
        allowed[tag] = names
    schemes = _names(
        "CONTENT_MODEL_URL_SCHEMES", setting(settings, "CONTENT_MODEL_URL_SCHEMES")
    )
    if schemes & _FORBIDDEN_SCHEMES:
        raise SettingsError(
            "CONTENT_MODEL_URL_SCHEMES must not allow "
            + ", ".join(sorted(schemes & _FORBIDDEN_SCHEMES))
        )
    hosts = setting(settings, "CONTENT_MODEL_EMBED_HOSTS")
    if not isinstance(hosts, dict) or not all(
        isinstance(h, str) and isinstance(p, str) and p.startswith("/")
        for h, p in hosts.items()
    ):
        raise SettingsError(
            "CONTENT_MODEL_EMBED_HOSTS must map host names to the path of their "
            f'video player (such as {{"player.vimeo.com": "/video/"}}), not {hosts!r}'
        )
    return HtmlPolicy(
        tags=tags,
        attributes=allowed,
        url_schemes=schemes,
        embed_hosts={h.lower(): p for h, p in hosts.items()},
    )


def limit(settings: dict, name: str) -> int:
    """Return a CONTENT_MODEL_MAX_* setting; raise SettingsError unless positive."""
    value = setting(settings, name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {value!r}")
    return value
