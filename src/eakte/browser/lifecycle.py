"""Lifecycle buttons: every transition of the object, with the reasons why it is not possible."""

from eakte import _
from eakte import lifecycle
from eakte.exceptions import EakteError
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


# Transitions that ask for a comment, and whether it is mandatory.
COMMENT_REQUIRED = {lifecycle.REOPEN, lifecycle.CANCEL}


def transition_options(context, request) -> list[dict]:
    """All transitions leaving the current state: allowed or not, and why not."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    allowed = {t["id"] for t in workflow_tool.getTransitionsFor(context)}
    options = []
    for workflow in workflow_tool.getWorkflowsFor(context):
        state = workflow.states.get(workflow._getStatusOf(context).get("review_state"))
        for transition_id in state.transitions if state else ():
            transition = workflow.transitions[transition_id]
            reasons = []
            if transition_id not in allowed:
                reasons.append(_("reason_no_permission", default="Dafür fehlt Ihnen die Berechtigung."))
            reasons.extend(lifecycle.reasons_against(context, transition_id, for_display=True))
            options.append(
                {
                    "id": transition_id,
                    "title": translate(
                        lifecycle.TRANSITION_TITLES.get(transition_id, transition.title), context=request
                    ),
                    "description": translate(
                        lifecycle.TRANSITION_DESCRIPTIONS.get(transition_id, transition.description), context=request
                    ),
                    "possible": not reasons,
                    "reasons": [translate(r, context=request) for r in reasons],
                    "comment_required": transition_id in COMMENT_REQUIRED,
                    "url": f"{context.absolute_url()}/@@eakte-transition?transition={transition_id}",
                }
            )
    return options


class TransitionView(BrowserView):
    """Ask for the comment (mandatory where the rules say so) and perform the transition."""

    def options(self):
        return transition_options(self.context, self.request)

    def selected(self):
        wanted = self.request.form.get("transition")
        return next((o for o in self.options() if o["id"] == wanted), None)

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            messages = IStatusMessage(self.request)
            transition = self.request.form.get("transition", "")
            comment = self.request.form.get("comment", "")
            try:
                lifecycle.transition(self.context, transition, comment)
            except EakteError as error:
                messages.add(error.translated(self.request), type="error")
                return self.index()
            messages.add(
                translate(_("msg_transition_done", default="Erledigt: ${title}.",
                            mapping={"title": self.context.Title()}), context=self.request),
                type="info",
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()
