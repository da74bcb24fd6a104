"""Fuzz cases (see fuzz_cases.py for the format)."""
from __future__ import annotations

VALID_CASES: dict = {}
METHOD_CASES: dict = {}
DOCUMENTED: set = set()
