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


# At most this many errors are kept and shown (20 MB of bad JSON once printed 51 MB of
# errors); the rest are counted: "... and N more errors".
MAX_ERRORS = 1000


class IntentInvalid(Exception):
    """Raised when intent has errors; carries the first MAX_ERRORS of them, sorted by
    place, and how many more there were (`more`, counted by the parsers that stopped
    keeping them)."""

    def __init__(self, errors: Iterable[IntentError], more: int = 0) -> None:
        kept = sorted(set(errors))
        self.errors: list[IntentError] = kept[:MAX_ERRORS]
        self.omitted = len(kept) - len(self.errors) + more
        self.total = len(self.errors) + self.omitted
        super().__init__(f"{self.total} intent error{'s' if self.total != 1 else ''}:\n" + "\n".join(self.lines()))

    def lines(self) -> list[str]:
        """What to print: one line per kept error, then the count of the others."""
        lines = [str(error) for error in self.errors]
        if self.omitted:
            lines.append(f"... and {self.omitted} more error{'s' if self.omitted != 1 else ''}")
        return lines


def field_path(location: Sequence[str | int]) -> str:
    """('static_routes', 3, 'prefix') -> 'static_routes[3].prefix'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
