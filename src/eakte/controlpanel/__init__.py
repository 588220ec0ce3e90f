"""Control panels of the e-Akte (Classic UI, German)."""
