"""The command line (`argmap`): click commands that wire options to library functions (see `main`)."""

from argmap.cli.main import main

__all__ = ["main"]
