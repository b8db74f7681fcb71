"""Benchmarks run by hand (never by the test suite); each script prints a Markdown table."""
