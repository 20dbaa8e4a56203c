"""``python -m retrofit_desktop`` runs the command line (``retrofit``)."""

import sys

from .cli import main

sys.exit(main())
