"""Headless Chromium driven through the DevTools protocol on --remote-debugging-pipe: the one
driver behind the cast preview's browser test (Tests/CastPreviewTests/browser_probe.py) and
the MV and MZ boot checks (sample-project/tools/boot_check.py). Subclasses override `record` to note
the events they care about."""
import json
import os
import select
import subprocess
import time


class DevToolsPipe:
    def __init__(self, flags):
        """Starts chromium --headless with `flags` added, on a blank page."""
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def wire_pipes():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu"] + list(flags)
            + ["--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire_pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id, self.session = b"", 0, None

    def send(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def pump(self, seconds, until=None):
        """Handles messages for up to `seconds`; returns the first one `until` accepts."""
        end = time.time() + seconds
        while time.time() < end:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                self.record(message)
                if until is not None and until(message):
                    return message
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited with status %s" % self.process.returncode)
            if select.select([self.from_chrome], [], [], 0.1)[0]:
                chunk = os.read(self.from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self.buffer += chunk
        return None

    def call(self, method, params=None, timeout=30):
        sent = self.send(method, params)
        reply = self.pump(timeout, lambda m: m.get("id") == sent)
        if reply is None:
            raise RuntimeError("no reply to %s within %s s" % (method, timeout))
        if "error" in reply:
            raise RuntimeError("%s failed: %s" % (method, reply["error"]))
        return reply["result"]

    def record(self, message):
        """Called with every message chromium sends; the base driver keeps nothing."""

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(timeout=20)
        except Exception:
            self.process.kill()
            self.process.wait()
