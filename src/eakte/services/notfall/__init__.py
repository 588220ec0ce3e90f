"""@notfallzugriff on the site: the Manager's emergency access to a confidential Akte.

POST {"aktenzeichen", "grund", "stunden"} grants it (201); GET lists the caller's running ones.
"""

from eakte.security import notfall
from eakte.services import WriteService
from plone.restapi.services import Service


class NotfallzugriffGet(Service):
    def reply(self):
        return {"@id": f"{self.context.absolute_url()}/@notfallzugriff", "items": notfall.mine()}


class NotfallzugriffPost(WriteService):
    def reply(self):
        data = self.json_body()
        akte = notfall.find_akte(data.get("aktenzeichen"))
        self.request.response.setStatus(201)
        return notfall.grant(akte, data.get("grund"), data.get("stunden"))
