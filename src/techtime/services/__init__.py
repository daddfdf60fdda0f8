"""Use cases that both the command line and the TUI call, so they can never disagree."""
