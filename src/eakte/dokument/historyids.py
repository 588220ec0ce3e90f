"""Conflict-free history ids for Dokument versions.

CMFEditions gives every versioned object a history id from CMFUid's generator, a single
counter for the whole site: two processes filing at the same moment always conflict on it.
This generator draws random 62-bit ids instead: it writes nothing, so it never conflicts, and
a collision is as likely as guessing a 62-bit number twice.
"""

from Products.CMFUid.interfaces import IUniqueIdGenerator
from zope.interface import implementer

import secrets


@implementer(IUniqueIdGenerator)
class RandomIdGenerator:
    def __call__(self):
        return secrets.randbits(62) | (1 << 40)  # never small: no clash with counter-made ids

    def convert(self, uid):
        return int(uid)
