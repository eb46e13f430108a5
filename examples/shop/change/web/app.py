"""The storefront, now served by gevent."""
from gevent import monkey

monkey.patch_all()

from gevent.pywsgi import WSGIServer  # noqa: E402


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello from the shop\n"]


if __name__ == "__main__":
    WSGIServer(("0.0.0.0", 8080), application).serve_forever()
