#!/usr/bin/env python3
"""Opens a page in headless Chromium the way a person would (from file://, default security,
no extra flags that loosen file access) and reports what happened, as JSON on stdout:

    python3 browser_probe.py PAGE PROBE_JS [--screenshots SELECTOR OUT_DIR]

- result: the value of PROBE_JS (an expression; a promise is awaited) evaluated after the load event
- console: every console message and log entry, as {"level", "text"}
- exceptions: uncaught script exceptions
- requests: the URL of every request the page made
- failedRequests: requests that failed, as {"url", "error"}
- screenshots: with --screenshots, one PNG per element matching SELECTOR (page pixels at
  device scale 1), written to OUT_DIR as shot-0.png, shot-1.png, ...

Chromium is driven over the DevTools protocol on --remote-debugging-pipe, with a throwaway
profile, so nothing outside the scratch folder is touched. Exit status 2 means the browser
could not be driven at all (the message is on stderr).
"""
import base64
import json
import os
import pathlib
import shutil
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools"))
from devtools_pipe import DevToolsPipe  # noqa: E402


class Browser(DevToolsPipe):
    def __init__(self, profile):
        super().__init__(["--no-first-run", "--disable-extensions", "--disable-background-networking",
                          "--disable-dev-shm-usage", "--user-data-dir=" + profile])
        self.console, self.exceptions, self.requests, self.failed = [], [], [], []
        self.urls = {}  # request id -> URL, to name failed requests

    def record(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.console.append({"level": params.get("type", ""), "text": text})
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            self.console.append({"level": entry.get("level", ""), "text": entry.get("text", "") + " " + entry.get("url", "")})
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.exceptions.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Network.requestWillBeSent":
            self.urls[params["requestId"]] = params["request"]["url"]
            self.requests.append(params["request"]["url"])
        elif method == "Network.loadingFailed":
            self.failed.append({"url": self.urls.get(params.get("requestId"), ""), "error": params.get("errorText", "")})

    def evaluate(self, expression):
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise RuntimeError("probe failed: %s" % (details.get("exception", {}).get("description") or details.get("text")))
        return reply["result"].get("value")



# Scrolls element INDEX of SELECTOR into view and gives its rectangle in page coordinates.
ELEMENT_RECT = """
(function (selector, index) {
  var elements = document.querySelectorAll(selector);
  if (index >= elements.length) return null;
  elements[index].scrollIntoView({block: "center"});
  var r = elements[index].getBoundingClientRect();
  return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
})(%s, %d)
"""


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 5) or (len(args) == 5 and args[2] != "--screenshots"):
        sys.exit(__doc__)
    page, probe = os.path.abspath(args[0]), args[1]
    profile = tempfile.mkdtemp(prefix="cast-preview-chromium-")
    browser = Browser(profile)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Network", "Page", "Log"):
            browser.call(domain + ".enable")
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        browser.call("Page.navigate", {"url": pathlib.Path(page).as_uri()})
        if browser.pump(30, lambda m: m.get("method") == "Page.loadEventFired") is None:
            raise RuntimeError("the page did not finish loading within 30 s")
        report = {"result": browser.evaluate(probe)}
        shots = []
        if len(args) == 5:
            selector, out = args[3], args[4]
            # The clip must lie in the viewport: capturing beyond it resizes the view, which
            # moves centred content.
            while True:
                index = len(shots)
                rect = browser.evaluate(ELEMENT_RECT % (json.dumps(selector), index))
                if rect is None:
                    break
                shot = browser.call("Page.captureScreenshot", {"format": "png", "clip": dict(rect, scale=1)})
                path = os.path.join(out, "shot-%d.png" % index)
                with open(path, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
                shots.append({"path": path, "rect": rect})
        browser.pump(0.3)  # late console messages or requests
        report.update(screenshots=shots, console=browser.console, exceptions=browser.exceptions,
                      requests=browser.requests, failedRequests=browser.failed)
    except RuntimeError as error:
        print("browser_probe: %s" % error, file=sys.stderr)
        return 2
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
