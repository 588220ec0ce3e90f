"""@aemter: the Ämter of the administration over the REST API.

- ``GET /<site>/@aemter``: all Ämter; ``GET /<site>/@aemter/<nummer>``: one, with its groups,
  the URL of its Postfach and the Aktenplaneinheiten it leads.
- ``POST /<site>/@aemter`` ``{"nummer", "name", "kurzname", "kennzeichen": [...]}``: onboard an
  Amt: 201 with the Amt, or 200 if it existed already (idempotent).
- ``PATCH /<site>/@aemter/<nummer>`` ``{"name", "kurzname"}`` renames, ``{"aktiv": false}``
  deactivates (``true`` reactivates).

Handlers only translate HTTP to the domain services of ``eakte.organisation``; a refused action
is an ``EakteError``: 4xx ``{"type", "message"}`` (German) by the e-Akte's error view.
"""

from eakte import _
from eakte import organisation
from eakte.exceptions import InvalidInput
from eakte.services import WriteService
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


class AemterService:
    """Shared: the path parameter (<nummer>) and the JSON of an Amt."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    @property
    def base_url(self) -> str:
        return f"{self.context.absolute_url()}/@aemter"

    def serialize(self, amt, units=None) -> dict:
        data = organisation.describe(amt, portal=self.context, units=units)
        return {"@id": f"{self.base_url}/{amt.nummer}", **data}

    def nummer(self) -> str:
        if len(self.params) != 1:
            raise organisation.UnknownAmt(
                _("error_amt_unbekannt", default="Das Amt ${nummer} gibt es nicht.",
                  mapping={"nummer": "/".join(self.params)})
            )
        return self.params[0]


@implementer(IPublishTraverse)
class AemterGet(AemterService, Service):
    def reply(self):
        if self.params:
            return self.serialize(organisation.require_amt(self.nummer(), self.context))
        units = organisation.units_by_amt()
        items = [self.serialize(amt, units.get(amt.nummer, [])) for amt in organisation.list_aemter(self.context)]
        return {"@id": self.base_url, "items": items, "items_total": len(items)}


@implementer(IPublishTraverse)
class AemterPost(AemterService, WriteService):
    def reply(self):
        if self.params:
            raise InvalidInput(_("error_aemter_post_path", default="Ein neues Amt wird an @aemter gesendet, nicht an ein bestehendes Amt."))
        data = self.json_body()
        nummer = data.get("nummer")
        if isinstance(nummer, int) and not isinstance(nummer, bool):
            nummer = str(nummer)
        existed = isinstance(nummer, str) and organisation.get_amt(nummer.strip(), self.context) is not None
        amt = organisation.onboard_amt(
            nummer, data.get("name"), data.get("kurzname"), data.get("kennzeichen") or (), portal=self.context
        )
        result = self.serialize(amt)
        if not existed:
            self.request.response.setStatus(201)
            self.request.response.setHeader("Location", result["@id"])
        return result


@implementer(IPublishTraverse)
class AemterPatch(AemterService, WriteService):
    def reply(self):
        nummer = self.nummer()
        organisation.require_amt(nummer, self.context)
        data = self.json_body()
        known = [key for key in ("name", "kurzname", "aktiv") if key in data]
        if not known:
            raise InvalidInput(
                _("error_aemter_patch_leer", default="Bitte »name«, »kurzname« oder »aktiv« angeben.")
            )
        if "aktiv" in data and not isinstance(data["aktiv"], bool):
            raise InvalidInput(_("error_aemter_aktiv", default="»aktiv« ist true oder false."))
        if "name" in data or "kurzname" in data:
            organisation.rename_amt(nummer, data.get("name"), data.get("kurzname"), portal=self.context)
        if data.get("aktiv") is False:
            organisation.deactivate_amt(nummer, portal=self.context)
        elif data.get("aktiv") is True:
            organisation.reactivate_amt(nummer, portal=self.context)
        return self.serialize(organisation.require_amt(nummer, self.context))
