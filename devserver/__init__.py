"""Serve the built site; rebuild it on every change (make serve, make devserver)."""
