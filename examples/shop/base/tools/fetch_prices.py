"""Downloads the suppliers' price lists."""
import urllib.request

SUPPLIERS = ["https://supplier-a.example/prices.csv", "https://supplier-b.example/prices.csv"]


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def main():
    return [fetch(url) for url in SUPPLIERS]
