"""Pipelines: per-queue counts and timings."""
