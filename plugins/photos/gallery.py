"""What templates get for each photo of a page: variants, texts and loading hints."""

from __future__ import annotations

from dataclasses import dataclass

from .batch import PhotoResult, Variant

#: The ``src`` of ``<img>`` is the widest variant up to this width (older browsers).
FALLBACK_WIDTH = 960


@dataclass(frozen=True)
class PublishedPhoto:
    """A processed photo as one page shows it.

    ``alt_lang`` and ``caption_lang`` are set when the text is not in the
    page's language (the Vietnamese alt text on an English page), so the
    template can mark it with ``lang``. The first photo of a page is
    ``eager``: it loads at once, with high priority; the others load lazily.
    """

    result: PhotoResult
    alt: str
    caption: str | None = None
    alt_lang: str | None = None
    caption_lang: str | None = None
    title: str | None = None
    eager: bool = False

    @property
    def variants(self) -> tuple[Variant, ...]:
        """Return every variant, narrowest first (for ``srcset``)."""
        return self.result.variants

    @property
    def fallback(self) -> Variant:
        """Return the variant for ``src``, ``width`` and ``height`` of ``<img>``."""
        fitting = [v for v in self.variants if v.width <= FALLBACK_WIDTH]
        return fitting[-1] if fitting else self.variants[0]

    @property
    def full(self) -> Variant:
        """Return the largest variant, the one opened at full size."""
        return self.result.largest

    @property
    def cards(self) -> tuple[Variant, ...]:
        """Return the card crops, narrowest first (empty unless it is a card photo)."""
        return self.result.cards

    @property
    def loading(self) -> str:
        """Return the value of ``loading``: eager for the first photo, else lazy."""
        return "eager" if self.eager else "lazy"
