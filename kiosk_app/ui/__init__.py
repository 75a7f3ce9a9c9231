"""The PySide6 touchscreen app: main window, screens, camera worker thread and translations."""
