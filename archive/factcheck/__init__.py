"""The fact store layer: verdicts on a rating scale, ClaimReview out and in, claim groups across
articles, and checks of the numbers an article states.

Everything here is either recorded as events by people (verdicts, imported reviews, group
decisions) or derived from the log by `projections.py`, so a rebuild reproduces it."""
