#!/usr/bin/env python3
"""Search on a built corpus, Newsdesk's client beside Pagefind's, measured alike in headless
Chromium: the bytes each client downloads for a query (the sum of the Resource Timing entries'
encodedBodySize and transferSize, the browser's cache disabled, the files served uncompressed by
a local HTTP server) and the time from the query to its first results on the page.

Usage: search-bench.py --site DIR [--pagefind PATH]
DIR is a site `newsdesk build` has built (DIR/output). Pagefind (pip's pagefind-bin-extended,
found by default) indexes the same output's article pages: its wall time, peak memory and index
size are printed beside Newsdesk's index size. Without selenium or Chromium only the indexing
figures are printed.
"""
import argparse
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

# (label, query): English words, an English phrase, Chinese, and a mixed query.
QUERIES = [
    ('English', 'cybersecurity agreement'),
    ('English', 'robotics workshop'),
    ('English', 'machine learning'),
    ('phrase', '"machine learning"'),
    ('Chinese', '合作协议'),
    ('mixed', '2023 合作'),
]
# Article pages only (/:section/:year/:slug/): what Newsdesk indexes.
PAGEFIND_GLOB = '*/20*/*/index.html'
RUNS = 3

# The page that runs Pagefind's client the way its UI does: import, search, then the data of
# the first ten results (their excerpts), which a page of results shows.
PAGEFIND_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><ol id="results"></ol><script>
window.runQuery = async function (query) {
  const started = performance.now();
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  const list = document.getElementById('results');
  for (const item of data) {
    const entry = document.createElement('li');
    entry.textContent = item.meta.title + ': ' + item.excerpt;
    list.appendChild(entry);
  }
  return { ms: performance.now() - started, results: search.results.length };
};
</script></body></html>
"""

# Types the query into Newsdesk's search page and waits for the status its client sets once the
# first results are on the page.
NEWSDESK_QUERY = """
const [query, done] = arguments;
const root = document.querySelector('[data-search-index]');
const status = root.querySelector('[data-search-status]');
const form = root.querySelector('form');
const started = performance.now();
new MutationObserver(function (changes, observer) {
  if (!status.textContent) return;
  observer.disconnect();
  done({ ms: performance.now() - started, results: root.querySelectorAll('[data-search-results] li').length, status: status.textContent });
}).observe(status, { childList: true, characterData: true, subtree: true });
root.querySelector('input[name="q"]').value = query;
form.dispatchEvent(new Event('submit', { cancelable: true }));
"""

RESOURCES = """
return performance.getEntriesByType('resource').filter((e) => e.name.indexOf(arguments[0]) >= 0 || e.name.indexOf(arguments[1]) >= 0)
  .map((e) => [e.name, e.encodedBodySize, e.transferSize]);
"""


def folder_size(path):
    return sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(path) for name in names)


def measured(command):
    """Runs `command` under GNU time: (wall seconds, peak resident KB)."""
    report = subprocess.run(['/usr/bin/time', '-f', '%e %M'] + command, capture_output=True, text=True)
    if report.returncode != 0:
        sys.exit('failed: %s\n%s' % (' '.join(command), report.stderr[-2000:]))
    wall, peak = report.stderr.strip().splitlines()[-1].split()
    return float(wall), int(peak)


def default_pagefind():
    try:
        import pagefind_bin_extended
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(pagefind_bin_extended.__file__), 'pagefind_extended')
    return path if os.access(path, os.X_OK) else None


def index_with_pagefind(pagefind, output):
    bundle = os.path.join(output, 'pagefind')
    shutil.rmtree(bundle, ignore_errors=True)
    wall, peak = measured([pagefind, '--site', output, '--glob', PAGEFIND_GLOB, '--root-selector', 'main', '--quiet'])
    files = sum(len(names) for _, _, names in os.walk(bundle))
    print('pagefind index:  %.2f s wall, %.0f MB peak, %.1f MB in %d files (%s, <main> of each page)'
          % (wall, peak / 1024, folder_size(bundle) / 1048576, files, PAGEFIND_GLOB))
    with open(os.path.join(output, 'pagefind-bench.html'), 'w') as page:
        page.write(PAGEFIND_PAGE)


# (path, bytes) of every file the server sent: counted on the server, because Pagefind's client
# fetches from a worker, whose requests are not in the page's Resource Timing entries.
SERVED = []


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass

    def send_head(self):
        part = self.range_requested()
        if part is not None:
            return part
        body = super().send_head()
        if body is not None and hasattr(body, 'fileno'):
            SERVED.append((self.path, os.fstat(body.fileno()).st_size))
        return body

    def range_requested(self):
        """One `bytes=first-last` range of a file, as nginx and `newsdesk serve` answer it (the
        search client reads documents out of chunk files so); None to serve the whole file."""
        match = re.fullmatch(r'bytes=(\d+)-(\d+)', (self.headers.get('Range') or '').strip())
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return None
        with open(path, 'rb') as file:
            data = file.read()
        first, last = int(match[1]), min(int(match[2]), len(data) - 1)
        if first > last:
            return None
        self.send_response(206)
        self.send_header('Content-Type', self.guess_type(path))
        self.send_header('Content-Range', 'bytes %d-%d/%d' % (first, last, len(data)))
        self.send_header('Content-Length', str(last + 1 - first))
        self.end_headers()
        SERVED.append((self.path, last + 1 - first))
        return io.BytesIO(data[first:last + 1])

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        super().end_headers()


def serve(folder):
    handler = lambda *arguments: QuietHandler(*arguments, directory=folder)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, 'http://127.0.0.1:%d/' % server.server_address[1]


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = '/usr/bin/chromium'
    for argument in ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd('Network.enable', {})
    driver.execute_cdp_cmd('Network.setCacheDisabled', {'cacheDisabled': True})
    return driver


def run_query(driver, base, client, query):
    """One query on a freshly loaded page: (ms to first results, results, encoded bytes, transferred bytes)."""
    if client == 'newsdesk':
        driver.get(base + 'search/')
        del SERVED[:]
        outcome = driver.execute_async_script(NEWSDESK_QUERY, query)
        entries = driver.execute_script(RESOURCES, '/search/en/', '/js/search.js')
        results = outcome['status']
    else:
        driver.get(base + 'pagefind-bench.html')
        del SERVED[:]
        outcome = driver.execute_async_script('window.runQuery(arguments[0]).then(arguments[1])', query)
        entries = driver.execute_script(RESOURCES, '/pagefind/', '/pagefind/')
        results = '%d results' % outcome['results']
    prefix = '/pagefind/' if client == 'pagefind' else '/search/en/'
    served = [size for path, size in SERVED if path.startswith(prefix)]
    return outcome['ms'], results, sum(served), sum(e[1] for e in entries), len(served)


def compare_clients(driver, base, clients):
    print('\n%-9s %-27s %-9s %10s %12s %6s %9s  %s' % ('query', '', 'client', 'served KB', 'timing KB', 'files', 'first ms', 'results'))
    for label, query in QUERIES:
        for client in clients:
            runs = [run_query(driver, base, client, query) for _ in range(RUNS)]
            ms = sorted(run[0] for run in runs)[len(runs) // 2]
            _, results, served, timed, files = runs[-1]
            print('%-9s %-27s %-9s %10.1f %12.1f %6d %9.0f  %s' % (label, query, client, served / 1024, timed / 1024, files, ms, results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--site', required=True)
    parser.add_argument('--pagefind', default=default_pagefind())
    arguments = parser.parse_args()
    output = os.path.join(arguments.site, 'output')
    search = os.path.join(output, 'search')
    if not os.path.isdir(search):
        sys.exit('%s has no search index: build the site with newsdesk first' % output)
    documents = sum(len(names) for folder, _, names in os.walk(search) if folder.endswith('/docs'))
    print('\n== search in the browser: %s' % output)
    print('newsdesk index:  %.1f MB (%d document files)' % (folder_size(search) / 1048576, documents))
    clients = ['newsdesk']
    if arguments.pagefind:
        index_with_pagefind(arguments.pagefind, output)
        clients.append('pagefind')
    else:
        print('pagefind: not installed (python3 -m pip install pagefind-bin-extended)')
    try:
        driver = browser()
    except Exception as error:  # selenium or Chromium missing: the figures above stand alone.
        print('no browser measurement: %s' % str(error).splitlines()[0])
        return
    server, base = serve(output)
    try:
        compare_clients(driver, base, clients)
    finally:
        driver.quit()
        server.shutdown()
    print('(median of %d runs per query, each on a fresh page with the cache disabled; served KB: the query\'s files as the\n'
          ' server sent them, uncompressed, after the page loaded (Newsdesk: search/en/; Pagefind: pagefind/, its script and\n'
          ' WebAssembly too); timing KB: the page\'s Resource Timing encodedBodySize (Newsdesk\'s search.js included; Pagefind\'s\n'
          ' worker fetches are missing); first ms: from the query to its first results on the page)' % RUNS)


if __name__ == '__main__':
    main()
