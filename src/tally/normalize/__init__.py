"""Normalization (see submodules)."""
