from argmap.cli.main import main

main(prog_name="argmap")
