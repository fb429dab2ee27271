"""The models inside a field's type annotation (`list[Source] | None` → Source): one walk, used
by the loader's 'did you mean' hints and by the JSON Schemas."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every pydantic model in `annotation`, in order, through unions, lists and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in models_in(arg)]
