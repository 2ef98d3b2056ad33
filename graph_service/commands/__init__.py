"""The work behind each CLI command, kept out of cli.py so the CLI stays argument parsing."""
