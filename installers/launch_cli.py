"""PyInstaller entry point for the `retrofit` command line."""

import sys

from retrofit_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
