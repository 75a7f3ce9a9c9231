"""Run the server CLI with ``python -m server_stub``."""

import sys

from server_stub.cli import main

sys.exit(main())
