"""Where the fact store's settings come from: a `newsfacts.toml` beside the archive (or the file
named by $NEWSFACTS_SETTINGS), its `[factcheck]` section, with environment variables on top.

A ClaimReview names "the review's own author (the organisation, from settings)"; the rating scale
is "a default scale ... that a ratings file or table can replace"."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ORGANIZATION = "newsfacts"


@dataclass(frozen=True)
class Settings:
    organization: str = DEFAULT_ORGANIZATION
    organization_url: str | None = None
    review_url: str | None = None
    """A template for a review's URL when the verdict has none: `{claim_id}` and `{seq}` are filled in."""
    ratings: Path | None = None


def settings_file(db_path: str | Path | None) -> Path | None:
    if os.environ.get("NEWSFACTS_SETTINGS"):
        return Path(os.environ["NEWSFACTS_SETTINGS"])
    if db_path is not None:
        candidate = Path(db_path).resolve().parent / "newsfacts.toml"
        if candidate.exists():
            return candidate
    return None


def load(db_path: str | Path | None = None) -> Settings:
    """The settings for the archive at db_path; a missing file means the defaults."""
    path = settings_file(db_path)
    section: dict = {}
    if path is not None and path.exists():
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("factcheck", {})
    env = {"organization": "NEWSFACTS_ORGANIZATION", "organization_url": "NEWSFACTS_ORGANIZATION_URL",
           "review_url": "NEWSFACTS_REVIEW_URL", "ratings": "NEWSFACTS_RATINGS"}
    values = {key: os.environ.get(var) or section.get(key) for key, var in env.items()}
    ratings = values["ratings"]
    if ratings is not None and path is not None and not Path(ratings).is_absolute() and not os.environ.get(env["ratings"]):
        ratings = path.parent / ratings
    return Settings(organization=values["organization"] or DEFAULT_ORGANIZATION,
                    organization_url=values["organization_url"], review_url=values["review_url"],
                    ratings=Path(ratings) if ratings else None)
