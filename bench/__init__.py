"""Benchmark the site build against stock Pelican on a generated archive."""
