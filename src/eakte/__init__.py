"""e-Akte: electronic records management for German city administrations."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "eakte"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
