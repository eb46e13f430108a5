"""The storefront, a plain WSGI application."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello from the shop\n"]
