"""plone.restapi's content POST and PATCH with the e-Akte's request parser in front.

plone.restapi reads the body itself and fails with a 500 on what is no JSON object, or on an
``@type`` or ``id`` that is no text. Here the body is checked first (400 ``InvalidInput``), then
plone.restapi does the rest.
"""

from eakte import _
from eakte.exceptions import InvalidInput
from eakte.services import json_body
from plone.restapi.services.content.add import FolderPost
from plone.restapi.services.content.update import ContentPatch

TEXT_KEYS = ("@type", "id", "title", "translation_of", "language", "UID")


def content_body(request) -> dict:
    data = json_body(request)
    for key in TEXT_KEYS:
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InvalidInput(_("error_json_text", default="»${name}« muss ein Text sein.", mapping={"name": key}))
    return data


class EakteContentPost(FolderPost):
    def reply(self):
        content_body(self.request)
        return super().reply()


class EakteContentPatch(ContentPatch):
    def reply(self):
        content_body(self.request)
        return super().reply()
