"""Publication dates from metadata, kept only when they make sense.

Policy: a date from page/feed/JSON metadata that is impossible (2021-02-30, year 0), before
`EARLIEST` or more than `FUTURE_SLACK` after today is DROPPED (published None, the article kept):
metadata is machine-written and often wrong, and a wrong date would mis-resolve every relative
date in the text, while the text itself is still worth having. (The text format's own `date` line
is written by a person, so text.py refuses an impossible date there instead.)
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

EARLIEST = date(1700, 1, 1)
FUTURE_SLACK = timedelta(days=2)  # time zones and feeds dated "tomorrow" in Asia

ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(?:[A-Za-z][\w-]*/)?(\d{1,2})/(\d{1,2})/")
URL_DATE_DASHED = re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_-]|$)")


def sane(d: date | datetime | None, today: date | None = None) -> date | None:
    """`d` as a date when it is plausible for a news article, else None."""
    if d is None:
        return None
    if isinstance(d, datetime):
        d = d.date()
    today = today or datetime.now(timezone.utc).date()
    if d < EARLIEST or d > today + FUTURE_SLACK:
        return None
    return d


def parse(value) -> date | None:
    """A plausible date from what metadata holds: ISO text, an RFC 822 date (RSS pubDate), a
    time.struct_time (feedparser), epoch seconds or milliseconds; None when unsure."""
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, time.struct_time):
            return sane(date(value.tm_year, value.tm_mon, value.tm_mday))
        if isinstance(value, datetime | date):
            return sane(value)
        if isinstance(value, dict):  # {"$date": ...} in MongoDB exports
            return parse(value.get("$date"))
        if isinstance(value, int | float):
            seconds = value / 1000 if abs(value) > 1e11 else value
            return sane(datetime.fromtimestamp(seconds, timezone.utc))
        if not isinstance(value, str):
            return None
        s = value.strip()
        if not s:
            return None
        m = ISO.match(s)
        if m:
            return sane(date(int(m[1]), int(m[2]), int(m[3])))
        if s.isdigit() and len(s) >= 9:
            return parse(int(s))
        return sane(parsedate_to_datetime(s))
    except (ValueError, OverflowError, OSError, TypeError, IndexError):
        return None


def from_url(url: str | None) -> date | None:
    """The date a news URL carries (`/2010/08/13/`, `/2010/POLITICS/08/13/`, `/2020-02-19/`):
    set once at publication, so a better witness than a page full of later dates."""
    if not url:
        return None
    for pattern in (URL_DATE, URL_DATE_DASHED):
        m = pattern.search(url)
        if m:
            try:
                return sane(date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                return None
    return None
