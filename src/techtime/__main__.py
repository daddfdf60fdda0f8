from techtime.cli import run

run()
