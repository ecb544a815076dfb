"""`python -m argmap`: the command line."""

from argmap.cli.main import run

run()
