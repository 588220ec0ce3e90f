"""Classic UI views of the Posteingang (list of Postfächer) and of a Postfach."""

from eakte.organisation import get_amt
from plone import api
from Products.Five import BrowserView


class PosteingangView(BrowserView):
    def postfaecher(self):
        rows = []
        for postfach in self.context.objectValues():
            if getattr(postfach, "portal_type", None) != "Postfach":
                continue
            if not api.user.has_permission("View", obj=postfach):
                continue
            amt = get_amt(postfach.amt) if postfach.amt else None
            rows.append({
                "url": postfach.absolute_url(),
                "nummer": postfach.amt or "",
                "amt": amt.name if amt else postfach.Title(),
                "kurzname": amt.kurzname if amt else "",
                "aktiv": bool(postfach.aktiv),
            })
        return sorted(rows, key=lambda r: (len(r["nummer"]), r["nummer"]))


class PostfachView(BrowserView):
    def amt(self):
        return get_amt(self.context.amt) if self.context.amt else None

    def eingaenge(self):
        """The Eingänge of this Postfach (none yet: the Eingang type is a later feature)."""
        return []
