"""The one exception family of the e-Akte domain.

Domain services raise ``EakteError`` (or a subclass) when a precondition fails. Both channels
turn it into a message: the Classic UI shows the translated text (German by default), the REST
API answers a 4xx JSON error ``{"type": ..., "message": ...}``. Raising dooms the current
transaction, so that nothing the request did before is committed: never half-done changes.
"""

from Products.CMFCore.WorkflowCore import WorkflowException
from zope.schema.interfaces import ValidationError

import transaction


class EakteError(Exception):
    """A domain rule refused the action. ``message`` is an i18n message."""

    status = 400

    def __init__(self, message, **mapping):
        super().__init__(message)
        self.message = message
        self.mapping = mapping
        transaction.doom()

    def translated(self, request=None) -> str:
        from eakte.i18n import translate_message

        message = self.message
        if self.mapping and hasattr(message, "mapping"):
            from zope.i18nmessageid import Message

            message = Message(message, mapping=dict(message.mapping or {}, **self.mapping))
        return translate_message(message, request)

    def __str__(self) -> str:
        return self.translated()


class InvalidInput(EakteError):
    """The request's data is not acceptable (e.g. an executable as Dokument file)."""

    status = 400


class PreconditionFailed(EakteError, WorkflowException):
    """The object is not in a state that allows the action (e.g. closing with open Vorgänge)."""

    status = 409


class ReadOnly(EakteError):
    """The object is closed, final or cancelled: nobody changes it."""

    status = 409


class FieldInvalid(ValidationError):
    """A field constraint failed. Raised inside zope.schema validation, so that the edit forms
    (z3c.form) and the REST deserializer (plone.restapi) both report it as a field error with
    the translated message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message
