"""`python -m cjtui` runs the command line (the app at once when no command is given)."""

from .interface.cli.launch import main

if __name__ == "__main__":
    main()
