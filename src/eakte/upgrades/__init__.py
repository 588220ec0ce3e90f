"""Upgrade steps of the e-Akte profile: one per profile version change."""
