"""The app as an import string for worker processes: ``server_stub.asgi:app``.

Each worker imports this module, reads the settings from the environment that
``atrium-server run --workers N`` passed down, and opens its own connection pool.
"""

from __future__ import annotations

from server_stub.app import create_app
from server_stub.settings import Settings

settings = Settings.load()
app = create_app(settings.data_dir, database_url=settings.database_url, settings=settings)
