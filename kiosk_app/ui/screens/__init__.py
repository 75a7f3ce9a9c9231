"""The kiosk's screens, one module each; the main window stacks them."""
