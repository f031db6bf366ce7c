"""The theme's photo macros as template globals, imported once per generator.

``partials/picture.html`` defines ``picture`` and ``card_picture``. A
``{% from … import … %}`` at the top of a per-post partial (lead photo,
gallery, a post's card) runs again on every render of that partial: Jinja
checks the importing page's globals against the macro template's each time
(about 8,400 imports at 1,000 posts). As globals, the macros are taken from
the template's module once per generator (``Template.module``, the module
Jinja renders without a page context, as ``{% from %}`` imports it) and
called as before, so pages read the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment

#: The theme's macro template; its macros take the site URL as an argument.
PICTURE_TEMPLATE = "partials/picture.html"
#: The macros given to templates under their own names.
MACROS = ("picture", "card_picture")


def theme_macro(env: Environment, name: str) -> Callable[..., Any]:
    """Return a callable running macro ``name`` of the picture template.

    The template is loaded at the first call, not when the generator starts,
    so a theme without photo partials builds as long as it calls none.
    """
    macro = None

    def call(*args: Any, **kwargs: Any) -> Any:
        nonlocal macro
        if macro is None:
            macro = getattr(env.get_template(PICTURE_TEMPLATE).module, name)
        return macro(*args, **kwargs)

    call.__name__ = name
    call.__doc__ = f"The theme's ``{name}`` macro ({PICTURE_TEMPLATE})."
    return call


def add_photo_macros(generator) -> None:
    """Give the templates ``picture`` and ``card_picture`` (``generator_init``)."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    for name in MACROS:
        env.globals[name] = theme_macro(env, name)
