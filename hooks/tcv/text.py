"""Small helpers for Swedish text: sorting and numbers."""

from __future__ import annotations

# Swedish alphabetical order puts å, ä, ö after z, in that order.
_SWEDISH = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03"})


def sort_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH)


def kronor(amount: int) -> str:
    """156250 -> '156 250 kr' with a no-break space between groups, as Swedish typesets it."""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def percent(value: float) -> str:
    """49.94 -> '49,9 %' (Swedish decimal comma, no-break space before the sign)."""
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"
