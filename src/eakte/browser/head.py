"""A HEAD request gets the status and headers of the GET, never a body: error pages and JSON
errors set one, and a body after a HEAD answer breaks the client's next request on the same
connection. Registered after every other subscriber that writes an error body."""


def no_body_for_head(event):
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() == "HEAD":
        response = request.response
        response.body = b""
        response.setHeader("Content-Length", "0")
