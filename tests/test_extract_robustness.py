"""The extractors never fail on odd but possible text: every article gets claims, offsets hold."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.ingest.extract import claims_from_doc
from newsfacts.schema.article import Article

ODD = [
    "He left on Feb. 29 and came back.",
    "He will leave on Feb. 29, and return on Feb. 30.",
    "They met on April 31, 2021 and on June 31.",
    "Payable Feb. 29, the dividend of $0.00 was declared.",
    "“",
    "“”",
    "\u201c\u201c\u201d\u201d ' \" '' « »",
    "...",
    "99999999999999999999999999 percent of 0 people said 1e400 times.",
    "It cost $.5bn, or -3%, or 1/0 of it, or 0.000000001 per cent.",
    "On Monday Monday Monday, last last year, next next month.",
    "Said said: “said,” said Said.",
    "\n\n\n“Unclosed quote at the end",
    "A" * 5000,
    "The year 0 and the year 10000 and 31/12/9999.",
]
PUBLISHED = [None, date(2024, 2, 10), date(2023, 12, 30), date(2020, 3, 5), date(1, 1, 1), date(9999, 12, 31)]


@pytest.mark.parametrize("published", PUBLISHED, ids=str)
def test_odd_texts_give_claims_with_valid_offsets(parse, published):
    for text in ODD:
        article = Article(text=text, published=published)
        claims = claims_from_doc(article, parse(text))
        for claim in [*claims.quotes, *claims.figures, *(d for d in claims.dates if not d.dateline)]:
            assert 0 <= claim.start <= claim.end <= len(text), (text, claim)
