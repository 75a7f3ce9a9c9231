"""Walk-ins and check-outs on the server: push kinds, pull additions."""
