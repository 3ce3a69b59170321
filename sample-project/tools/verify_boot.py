#!/usr/bin/env python3
"""Boots the sample project on the real RPG Maker MV runtime in headless Chromium and checks
that it reaches the title, a new game's map and the menu with no error and no failed load.

    python3 sample-project/tools/verify_boot.py --runtime JS [--out DIR] [--project DIR]

JS is an RPG Maker MV runtime folder: the `js/` of any MV project (rpg_core.js, rpg_managers.js,
rpg_objects.js, rpg_scenes.js, rpg_sprites.js, rpg_windows.js, main.js and libs/), as the MV
editor writes it or as rpgtkoolmv/corescript builds it.
The project is copied into a scratch folder with the runtime and a small reporting plugin;
the repository is never modified. Screenshots go to DIR. Exit status 0 means it booted clean.
--project checks another MV project instead (e.g. a copy StyleCast has exported into).
"""
import argparse
import base64
import json
import os
import shutil
import sys
import tempfile

SAMPLE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(SAMPLE), "tools"))
from devtools_pipe import DevToolsPipe  # noqa: E402

# Reports progress and every error to the console, then plays: New Game, then the menu.
REPORTER = r"""
(function() {
    function report(s) { console.log('VERIFY ' + s); }
    window.addEventListener('error', function(e) { report('ERROR ' + e.message); });
    var printError = Graphics.printError;
    Graphics.printError = function(name, message) { report('ERROR ' + name + ' ' + message); printError.apply(this, arguments); };
    if (Graphics.printLoadingError) {
        var printLoadingError = Graphics.printLoadingError;
        Graphics.printLoadingError = function(url) { report('ERROR loading ' + url); printLoadingError.apply(this, arguments); };
    }
    var titleStart = Scene_Title.prototype.start;
    Scene_Title.prototype.start = function() {
        titleStart.call(this);
        report('TITLE ' + $dataSystem.gameTitle);
        var scene = this;
        setTimeout(function() { scene.commandNewGame(); }, 1500);
    };
    var mapStart = Scene_Map.prototype.start;
    Scene_Map.prototype.start = function() {
        mapStart.call(this);
        report('MAP ' + $gameMap.mapId() + ' ' + $gameMap.width() + 'x' + $gameMap.height() + ' party ' +
               $gameParty.members().map(function(a) { return a.name() + ':' + a.characterName(); }).join(','));
        setTimeout(function() { SceneManager.push(Scene_Menu); }, 3000);
    };
    var menuStart = Scene_Menu.prototype.start;
    Scene_Menu.prototype.start = function() {
        menuStart.call(this);
        setTimeout(function() { report('MENU ' + SceneManager._scene.constructor.name); }, 1500);
    };
})();
"""


RUNTIME_FILES = ["rpg_core.js", "rpg_managers.js", "rpg_objects.js", "rpg_scenes.js",
                 "rpg_sprites.js", "rpg_windows.js", "main.js"]


def build_game(project, runtime, folder):
    missing = [f for f in RUNTIME_FILES + ["libs"] if not os.path.exists(os.path.join(runtime, f))]
    if missing:
        sys.exit("verify_boot: %s is not an MV runtime folder: missing %s" % (runtime, ", ".join(missing)))
    game = os.path.join(folder, "game")
    shutil.copytree(project, game, ignore=shutil.ignore_patterns("tools", "README.md", ".stylecast"))
    js = os.path.join(game, "js")
    for name in RUNTIME_FILES:
        shutil.copy(os.path.join(runtime, name), js)
    shutil.copytree(os.path.join(runtime, "libs"), os.path.join(js, "libs"), dirs_exist_ok=True)
    os.makedirs(os.path.join(js, "plugins"), exist_ok=True)
    with open(os.path.join(js, "plugins", "VerifyBoot.js"), "w") as f:
        f.write(REPORTER)
    with open(os.path.join(js, "plugins.js"), "w") as f:
        f.write('var $plugins = [{"name":"VerifyBoot","status":true,"description":"","parameters":{}}];\n')
    return os.path.join(game, "index.html")


class Chromium(DevToolsPipe):
    """Keeps the reporting plugin's lines and every error as `log`."""

    def __init__(self):
        super().__init__(["--allow-file-access-from-files", "--window-size=816,624"])
        self.log = []

    def record(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", "")) for a in params["args"])
            if text.startswith("VERIFY "):
                self.log.append(text[7:])
        elif method == "Runtime.exceptionThrown":
            self.log.append("ERROR exception " + params["exceptionDetails"].get("text", ""))
        elif method == "Network.loadingFailed":
            self.log.append("ERROR load failed " + params.get("errorText", ""))
        elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
            self.log.append("ERROR HTTP %s %s" % (params["response"]["status"], params["response"]["url"]))



def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", required=True, help="an MV runtime js/ folder")
    parser.add_argument("--out", default=".")
    parser.add_argument("--project", default=SAMPLE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        index = build_game(os.path.abspath(args.project), os.path.abspath(args.runtime), scratch)
        browser = Chromium()
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Network", "Page"):
            browser.call(domain + ".enable")
        browser.call("Page.navigate", {"url": "file://" + index})
        shots = [("title.png", 3), ("map.png", 4), ("menu.png", 5)]
        for name, seconds in shots:
            browser.pump(seconds)
            data = browser.call("Page.captureScreenshot", {"format": "png"})["data"]
            with open(os.path.join(args.out, name), "wb") as f:
                f.write(base64.b64decode(data))
        browser.close()
    for line in browser.log:
        print(line)
    reached = [any(line.startswith(step) for line in browser.log) for step in ("TITLE", "MAP", "MENU")]
    errors = [line for line in browser.log if line.startswith("ERROR")]
    ok = all(reached) and not errors
    print("OK: title, map and menu reached with no error" if ok else "FAILED: %s" % (errors or "did not reach every scene"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
