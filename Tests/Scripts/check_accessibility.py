#!/usr/bin/env python3
"""Runs axe-core (the WCAG checker browsers' developer tools use) in headless Chromium over
every kind of page of a built site, in each language, served under its sub-path.

usage: check_accessibility.py OUTPUT_DIR BASE_PATH PAGE [PAGE ...]
PAGE is a path under the base path (`news/`, `zh/404.html`). Prints each violation and exits 1
when there is any. axe.min.js comes from PyPI's axe-playwright-python (installed with
--no-deps: only its copy of axe-core is used); Chromium and chromedriver from Debian."""
import functools
import http.server
import importlib.resources
import json
import sys
import threading

from selenium import webdriver

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves OUTPUT_DIR at BASE_PATH, as the web host does."""
    base_path = "/"

    def translate_path(self, path):
        if not path.startswith(self.base_path):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.base_path):])

    def log_message(self, *args):
        pass


def main() -> int:
    output, base_path, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    handler = functools.partial(type("Handler", (SubPathHandler,), {"base_path": base_path}), directory=output)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    axe = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
    violations = 0
    try:
        for page in pages:
            for width in (1280, 390):  # a desktop and a phone
                driver.set_window_size(width, 900)
                driver.get(f"http://127.0.0.1:{server.server_port}{base_path}{page}")
                driver.execute_script(axe)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done, e => done({error: String(e)}));",
                    TAGS)
                if "error" in result:
                    print(f"{page} at {width}px: axe failed: {result['error']}")
                    violations += 1
                    continue
                for violation in result["violations"]:
                    violations += 1
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    print(f"{page} at {width}px: {violation['id']} ({violation['impact']}): {violation['help']} {json.dumps(targets, ensure_ascii=False)}")
    finally:
        driver.quit()
        server.shutdown()
    print(f"{len(pages)} pages checked at 2 widths, {violations} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
