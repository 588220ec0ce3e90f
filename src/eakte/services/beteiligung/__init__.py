"""@beteiligungen on an Akte: GET the involved Ämter, POST {"amt", "stufe"} to involve one,
DELETE @beteiligungen/<amt> to end an involvement."""

from eakte.security import beteiligung
from eakte.services import text_field
from eakte.services import WriteService
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def listing(context):
    return {"@id": f"{context.absolute_url()}/@beteiligungen", "items": beteiligung.beteiligungen(context)}


class BeteiligungenGet(Service):
    def reply(self):
        return listing(self.context)


class BeteiligungenPost(WriteService):
    def reply(self):
        data = self.json_body()
        beteiligung.grant_beteiligung(self.context, text_field(data, "amt"), text_field(data, "stufe"))
        return listing(self.context)


@implementer(IPublishTraverse)
class BeteiligungenDelete(WriteService):
    amt = None

    def publishTraverse(self, request, name):
        self.amt = name
        return self

    def reply(self):
        beteiligung.revoke_beteiligung(self.context, self.amt or "")
        return listing(self.context)
