"""The HTTP edge of the e-Akte: every bad request is a 4xx JSON error in German, never a 5xx.

- ``requestcheck``: one check after traversal refuses what no service can use (bytes that are no
  UTF-8, batch sizes that are no numbers, lone surrogates in a JSON body);
- ``errors`` subscribers give every error response the one shape (``eakte.browser.errors``);
- ``deserializer``: a ``file`` in content POST/PATCH is a well-formed object or refused;
- ``wsgi``: the WSGI middleware of the instance's pipeline answers what escapes the publisher
  (a path that is no UTF-8, a lost database) with JSON instead of a plain-text 500.
"""
