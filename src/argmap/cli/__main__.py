from argmap.cli.main import run

run()
