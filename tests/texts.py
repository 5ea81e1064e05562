"""Articles written for the tests (never copied from real news), in the project's text format."""

from __future__ import annotations

SAMPLE = """date 2024-03-18 Harbour city council approved a new flood barrier on Sunday, ending two years of debate.

“We cannot wait for the next storm to decide for us,” said Mayor Ana Duarte, who has pushed for the project since 2022.

The barrier will cost about $45 million and protect nearly 12,000 homes, according to the city engineer's report.

Duarte said the work would start in September and last until next year. Critics argued that the price had risen by 30 percent.

“This is the largest investment the city has made in a generation,” she told reporters on Monday.
"""


def article(n: int, published: str = "2024-03-18") -> str:
    """The n-th of a family of distinct small articles (for batches)."""
    names = ["Lena Hart", "Omar Reyes", "Priya Nair", "Tom Becker", "Sara Lind", "Ken Ito"]
    name = names[n % len(names)]
    return (
        f"date {published} The regional board voted on plan number {n} on Tuesday.\n\n"
        f"“Plan {n} will change how we work,” said {name}, the board's chair.\n\n"
        f"The plan costs about ${n + 3} million and covers {10 + n} percent of the district, "
        f"{name.split()[0]} said.\n"
    )
