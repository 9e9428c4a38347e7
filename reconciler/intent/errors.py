"""Intent errors: where (file, line, column, field path) and what, never a secret's value."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class IntentError:
    path: str  # file path relative to the repository root
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    field: str  # dotted field path, e.g. static_routes[3].next_hops[0]
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class IntentInvalid(Exception):
    """Raised when intent has errors; carries all of them, sorted by place."""

    def __init__(self, errors: Iterable[IntentError]) -> None:
        self.errors: list[IntentError] = sorted(set(errors))
        count = len(self.errors)
        super().__init__(f"{count} intent error{'s' if count != 1 else ''}:\n" + "\n".join(map(str, self.errors)))


def field_path(location: Sequence[str | int]) -> str:
    """('static_routes', 3, 'prefix') -> 'static_routes[3].prefix'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
