"""Keep Pelican's "Could not process …" out of the log for a post we refused.

The reader records every problem of a post with an error, then raises
``ContentError`` so that Pelican leaves the post out (and the gate stops the
build). Pelican's generators catch it and log "Could not process <path>",
which reads like a crash and comes before our precise ``path:line`` message.
This filter drops that line for our refusals only: any other exception a
reader raises is still logged by Pelican.
"""

from __future__ import annotations

import logging
import sys

from .problems import ContentError

PELICAN_GENERATORS_LOGGER = "pelican.generators"


class RefusedPostFilter(logging.Filter):
    """Drop "Could not process" records whose exception is a ``ContentError``."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Tell whether ``record`` is logged (False for our refusals)."""
        if not str(record.msg).startswith("Could not process"):
            return True
        # Pelican logs inside its ``except`` block, without exc_info unless DEBUG.
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        return not isinstance(error, ContentError)


refused_post_filter = RefusedPostFilter()


def quiet_refusals() -> None:
    """Install the filter on Pelican's generators logger (once; idempotent)."""
    logging.getLogger(PELICAN_GENERATORS_LOGGER).addFilter(refused_post_filter)
