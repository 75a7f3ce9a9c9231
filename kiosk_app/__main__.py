"""`python -m kiosk_app`: the atrium-kiosk command line."""

from kiosk_app.cli import main

raise SystemExit(main())
