"""`marsad` entry point: a click group whose subcommands live in their own modules and load lazily."""
from __future__ import annotations

import importlib
import importlib.util
import logging
import sys

import click

# command name -> module under marsad.cli exposing a click command called `command`
COMMANDS = {
    "analyze": "analyze",
    "bench": "bench",
    "train": "train",
    "eval": "evaluate",
    "ingest": "ingest",
    "search": "search",
    "query": "query",
    "export": "export",
    "serve": "serve",
    "batch": "batch",
    "demo": "demo",
}


class LazyGroup(click.Group):
    """Import a subcommand's module only when it is used, so `marsad analyze` starts fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n, m in COMMANDS.items() if importlib.util.find_spec(f"marsad.cli.{m}") is not None)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        mod = COMMANDS.get(name)
        if mod is None or importlib.util.find_spec(f"marsad.cli.{mod}") is None:
            return None
        return importlib.import_module(f"marsad.cli.{mod}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Marsad: Arabic news to data.

    \b
    Example:
      marsad analyze article.txt --published 2021-03-03 --format text
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def main() -> None:
    cli(prog_name="marsad")


if __name__ == "__main__":
    main()
