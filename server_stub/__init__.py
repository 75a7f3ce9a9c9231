"""The bundled Atrium server: pairing, device tokens, visit passes and a single-use ledger."""
