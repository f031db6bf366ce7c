"""Serve and rebuild the site: ``python -m devserver -lr content -o output -s conf``.

Takes Pelican's own command line (``pelican --help``). ``-l`` serves the
output folder with our server (no folder listings, the site's 404 pages);
``-r`` rebuilds on every change in a build process that the server outlives.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

# The rebuild loop reports content errors by their type (content_model).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from pelican import LOG_HANDLERS, get_config, parse_arguments
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

from devserver import errors
from devserver.rebuild import Rebuilder, rebuild_forever
from devserver.server import make_server
from newsroom.messages import Message

logger = logging.getLogger("devserver")


def _stop(signum, frame) -> None:
    """Stop serving on SIGTERM as on Ctrl-C."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Serve, rebuild, or both, as ``pelican -l``, ``-r`` and ``-lr`` would."""
    args = parse_arguments(argv)
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler],
    )
    logger.setLevel(logging.INFO)
    if not (args.listen or args.autoreload):
        logger.error(Message("nothing to do: pass -l (serve), -r (rebuild) or both"))
        return 2
    settings = read_settings(args.settings, override=get_config(args))
    if not args.listen:
        rebuild_forever(args)
        return 0
    output = settings["OUTPUT_PATH"]
    bind, port = settings.get("BIND") or "127.0.0.1", settings.get("PORT") or 8000
    signal.signal(signal.SIGTERM, _stop)  # `kill` ends the build process too
    # Ctrl-C stops the server even when started from a shell or a process
    # that ignores SIGINT (a background `&` in a script, CI runners): Python
    # keeps an inherited SIG_IGN and would serve on, deaf to Ctrl-C.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    httpd = rebuilder = report = None
    try:
        try:
            # The web editor saves only where the site is rebuilt on every save.
            content = settings["PATH"] if args.autoreload else None
            httpd = make_server(output, bind, port, content, args.settings)
        except OSError as error:
            logger.error(
                Message(
                    "Could not listen on %(address)s: %(error)s",
                    address=f"{bind}:{port}",
                    error=str(error),
                )
            )
            return 1
        report = errors.start() if args.autoreload else None  # errors in the browser
        rebuilder = Rebuilder(args) if args.autoreload else None
        if rebuilder is not None:
            rebuilder.start()
        console.print(
            str(
                Message(
                    "Serving site at: %(url)s - Tap CTRL-C to stop",
                    url=f"http://{bind}:{port}/",
                )
            )
        )
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if httpd is not None:
            httpd.server_close()
        if rebuilder is not None:
            rebuilder.stop()
        if report is not None:
            errors.stop(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
