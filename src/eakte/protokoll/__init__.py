"""Protokoll (Journal): the append-only, hash-chained audit trail of every e-Akte object."""
