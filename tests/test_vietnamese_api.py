"""Tests for the public interface of the vietnamese package."""

import vietnamese


def test_every_public_name_is_exported():
    for name in vietnamese.__all__:
        assert getattr(vietnamese, name) is not None, name


def test_public_functions_have_a_docstring():
    for name in vietnamese.__all__:
        value = getattr(vietnamese, name)
        if callable(value):
            assert value.__doc__, name
