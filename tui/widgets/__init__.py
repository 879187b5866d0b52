"""Reusable widgets of the dvk TUI."""
