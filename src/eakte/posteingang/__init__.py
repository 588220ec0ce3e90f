"""Posteingang: the central digital inbox, with one inbox (Postfach) per Amt."""
