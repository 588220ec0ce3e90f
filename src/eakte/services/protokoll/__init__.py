"""@protokoll and @protokoll-verify: the Protokoll of an e-Akte object (or the site) as JSON.

GET <obj>/@protokoll[?action=...&since=JJJJ-MM-TT&until=JJJJ-MM-TT&b_start=&b_size=]
    the entries, oldest first, batched like plone.restapi listings
GET <obj>/@protokoll-verify
    the result of recomputing the hash chain (200 with "ok": true or false)
"""

from eakte import protokoll
from plone.restapi.batching import HypermediaBatch
from eakte.services import ReadService
from plone.restapi.services import Service
from zope.i18n import translate


class ProtokollGet(ReadService):
    def _item(self, entry: dict) -> dict:
        title = protokoll.ACTION_TITLES.get(entry.get("action"))
        return dict(entry, action_title=translate(title, context=self.request) if title else entry.get("action"))

    def reply(self):
        items = protokoll.entries(
            self.context,
            action=self.query_param("action") or None,
            since=self.query_param("since") or None,
            until=self.query_param("until") or None,
        )
        batch = HypermediaBatch(self.request, items)
        result = {
            "@id": batch.canonical_url,
            "items": [self._item(entry) for entry in batch],
            "items_total": batch.items_total,
        }
        if batch.links:
            result["batching"] = batch.links
        return result


class ProtokollVerifyGet(Service):
    def reply(self):
        return protokoll.verify(self.context)
