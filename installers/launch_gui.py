"""PyInstaller entry point for the desktop app (the package itself uses relative imports)."""

import sys

from retrofit_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
