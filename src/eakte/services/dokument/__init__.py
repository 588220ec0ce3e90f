"""REST services of a Dokument: versions, verification, checkout and checkin."""

from eakte.dokument import checkout
from eakte.dokument import versions
from eakte.services import text_field
from eakte.services import uploaded_file
from eakte.services import WriteService
from plone.restapi.services import Service
from plone.namedfile.file import NamedBlobFile

from datetime import datetime


def version_url(dokument, version) -> str:
    return f"{dokument.absolute_url()}/@@dokument-version/{version}"


class VersionenGet(Service):
    def reply(self):
        items = versions.versions(self.context)
        for item in items:
            item["timestamp"] = datetime.fromtimestamp(item["timestamp"]).isoformat()
            item["download"] = version_url(self.context, item["version"])
        return {"@id": f"{self.context.absolute_url()}/@versionen", "items": items,
                "items_total": len(items), "sha256": self.context.sha256}


class VerifyGet(Service):
    """@verify on a Dokument: its current file and every version (for everybody who reads it)."""

    def reply(self):
        return versions.verify(self.context)


class VerifyAllGet(Service):
    """@verify on a container: every Dokument inside (permission eakte: Verify records)."""

    def reply(self):
        results = versions.verify_visible(self.context)
        return {"ok": all(r["ok"] for r in results), "checked": len(results),
                "mismatches": [r for r in results if not r["ok"]]}


class CheckoutGet(Service):
    def reply(self):
        return {"checked_out": checkout.checkout_info(self.context)}


class CheckoutPost(WriteService):
    def reply(self):
        checkout.checkout(self.context)
        return {"checked_out": checkout.checkout_info(self.context)}


def _file_from(data):
    upload = data.get("file")
    if upload is None or upload == "":
        return None
    raw, filename, mimetype = uploaded_file(upload)
    return NamedBlobFile(data=raw, filename=filename or None, contentType=mimetype)


class CheckinPost(WriteService):
    def reply(self):
        data = self.json_body()
        checkout.checkin(self.context, file=_file_from(data), comment=text_field(data, "comment"))
        return {"checked_out": None, "sha256": self.context.sha256}


class CancelCheckoutPost(WriteService):
    def reply(self):
        checkout.cancel_checkout(self.context)
        return {"checked_out": None}


class ForceCheckinPost(WriteService):
    def reply(self):
        checkout.force_checkin(self.context)
        return {"checked_out": None}
