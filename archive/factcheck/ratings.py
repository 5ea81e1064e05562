"""The rating scale verdicts are given on, with ClaimReview's numbers for each rating.

"An unknown rating is refused with the list of valid ones": `lookup` accepts a rating's name or
its alternateName, in any case, with spaces or hyphens, and raises with the valid names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True)
class Rating:
    name: str
    value: int
    best: int
    worst: int
    alternate_name: str


class UnknownRating(ValueError):
    pass


def _key(text: str) -> str:
    return re.sub(r"[\s_-]+", "-", text.strip().casefold())


def parse_scale(text: str, source: str = "ratings") -> list[Rating]:
    """Lines `name,ratingValue,alternateName`; `#` starts a comment line."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(",", 2)]
        if len(parts) != 3 or not re.fullmatch(r"-?\d+", parts[1]):
            raise ValueError(f"{source}: line {n}: expected name,ratingValue,alternateName")
        rows.append((_key(parts[0]), int(parts[1]), parts[2]))
    if not rows:
        raise ValueError(f"{source}: no ratings")
    best, worst = max(r[1] for r in rows), min(r[1] for r in rows)
    return [Rating(name=n, value=v, best=best, worst=worst, alternate_name=a) for n, v, a in rows]


def load_scale(path: Path | None = None) -> list[Rating]:
    """The scale from a ratings file, else the default one shipped in data/ratings.csv."""
    if path is not None:
        return parse_scale(Path(path).read_text(encoding="utf-8"), str(path))
    text = files("newsfacts.archive.factcheck").joinpath("data/ratings.csv").read_text(encoding="utf-8")
    return parse_scale(text, "default ratings")


def lookup(scale: list[Rating], given: str) -> Rating:
    key = _key(given)
    for r in scale:
        if key in (r.name, _key(r.alternate_name)):
            return r
    raise UnknownRating(f"unknown rating {given!r}: valid ratings are {', '.join(r.name for r in scale)}")
