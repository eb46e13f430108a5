"""Downloads the suppliers' price lists, several at a time."""
import urllib.request
from concurrent.futures import ThreadPoolExecutor

SUPPLIERS = ["https://supplier-a.example/prices.csv", "https://supplier-b.example/prices.csv"]


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def main():
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch, SUPPLIERS))
