"""POST <record>/@workflow/<transition>: plone.restapi's workflow service with the e-Akte's errors.

plone.restapi answers every refused transition itself with 400 ``{"error": {"type":
"WorkflowException"}}``; the same lifecycle rule answers 409 ``{"type": "PreconditionFailed"}``
in the e-Akte's own services and the UI. Here a domain refusal (``EakteError``) is raised again,
so that the e-Akte's error view answers it: one rule, one status, one shape on every channel.
The body is read by the e-Akte's request parser (a JSON object or 400).
"""

from eakte.exceptions import EakteError
from eakte.services import json_body
from plone.restapi.services.workflow.transition import WorkflowTransition


class EakteWorkflowTransition(WorkflowTransition):
    refusal = None

    def reply(self):
        json_body(self.request)  # refuse what is no JSON object before plone.restapi reads it
        result = super().reply()
        if self.refusal is not None:
            raise self.refusal
        return result

    def recurse_transition(self, *args, **kwargs):
        try:
            return super().recurse_transition(*args, **kwargs)
        except EakteError as error:
            self.refusal = error
            raise
