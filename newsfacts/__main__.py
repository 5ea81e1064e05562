"""`python -m newsfacts`: the same command line as `newsfacts`."""

from newsfacts.archive.cli import cli

if __name__ == "__main__":
    cli()
