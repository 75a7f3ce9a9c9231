"""Entry script of the frozen kiosk: the same CLI as the ``atrium-kiosk`` console script."""

from kiosk_app.cli import main

raise SystemExit(main())
