"""What the MV and MZ boot checks (verify_boot.py, verify_boot_mz.py) share: a scratch game made
of a project, a runtime and a small reporting plugin, played in headless Chromium (title, new
game, map, menu) with every error and the plugin's reports collected, and the verdict on them.
The reporting plugin is plain ES5 and uses only what both runtimes have."""
import base64
import os
import shutil
import sys

SAMPLE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(SAMPLE)
sys.path.insert(0, os.path.join(REPOSITORY, "tools"))
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

SCENES = ("TITLE", "MAP", "MENU")


def build_game(project, runtime, runtime_files, folder, what, plugins=(), ignore=("tools", "README.md", ".stylecast")):
    """Copies `project` (less `ignore`) into `folder`/game with the runtime's `runtime_files` and
    libs/ in its js/, and the reporter and `plugins` ((name, source) pairs, run after it) as its
    only plugins. Returns the game's index.html. `what` names the runtime in errors."""
    missing = [f for f in list(runtime_files) + ["libs"] if not os.path.exists(os.path.join(runtime, f))]
    if missing:
        sys.exit("%s is not %s runtime folder: missing %s" % (runtime, what, ", ".join(missing)))
    game = os.path.join(folder, "game")
    shutil.copytree(project, game, ignore=shutil.ignore_patterns(*ignore))
    js = os.path.join(game, "js")
    os.makedirs(os.path.join(js, "plugins"), exist_ok=True)
    for name in runtime_files:
        shutil.copy(os.path.join(runtime, name), js)
    shutil.copytree(os.path.join(runtime, "libs"), os.path.join(js, "libs"), dirs_exist_ok=True)
    listed = []
    for name, source in [("VerifyBoot", REPORTER)] + list(plugins):
        with open(os.path.join(js, "plugins", name + ".js"), "w") as f:
            f.write(source)
        listed.append('{"name":"%s","status":true,"description":"","parameters":{}}' % name)
    with open(os.path.join(js, "plugins.js"), "w") as f:
        f.write("var $plugins = [%s];\n" % ",".join(listed))
    return os.path.join(game, "index.html")


class Chromium(DevToolsPipe):
    """Keeps the reporting plugins' lines and every error as `log`."""

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


def play(index, out, shots=(("title.png", 3), ("map.png", 4), ("menu.png", 5))):
    """Opens `index` in headless Chromium and, after each shot's seconds in turn, writes a
    screenshot of that name to `out`. Returns the log."""
    os.makedirs(out, exist_ok=True)
    browser = Chromium()
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        browser.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Network", "Page"):
            browser.call(domain + ".enable")
        browser.call("Page.navigate", {"url": "file://" + index})
        for name, seconds in shots:
            browser.pump(seconds)
            data = browser.call("Page.captureScreenshot", {"format": "png"})["data"]
            with open(os.path.join(out, name), "wb") as f:
                f.write(base64.b64decode(data))
    finally:
        browser.close()
    return browser.log


def booted_clean(log):
    """Prints the log; true when every scene was reached with no error."""
    for line in log:
        print(line)
    reached = all(any(line.startswith(scene) for line in log) for scene in SCENES)
    errors = [line for line in log if line.startswith("ERROR")]
    if not reached or errors:
        print("FAILED: %s" % (errors or "did not reach every scene"))
    return reached and not errors
