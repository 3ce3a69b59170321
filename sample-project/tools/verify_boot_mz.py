#!/usr/bin/env python3
"""Boots an RPG Maker MZ project holding StyleCast's art on the real MZ runtime in headless
Chromium and checks that the menu draws the party leader's face whole at the project's face
size, and that the leader's walk frames are the size of the map's tiles.

    python3 sample-project/tools/verify_boot_mz.py --runtime JS [--out DIR]
            [--face-size N] [--tile-size N] [--stylecast BINARY]
    python3 sample-project/tools/verify_boot_mz.py --runtime JS --project DIR [--out DIR]

JS is an RPG Maker MZ 1.9 runtime folder: the `js/` of any MZ project (rmmz_core.js,
rmmz_managers.js, rmmz_objects.js, rmmz_scenes.js, rmmz_sprites.js, rmmz_windows.js, main.js
and libs/). Without --project, an MZ copy of the sample project is made in a scratch folder,
with faceSize and tileSize N in its data/System.json (96 and 32 by default), and
`stylecast export` (BINARY, by default the repository's .build/release/stylecast) writes
Aria's sample art into it as actor 1, "Caster", who leads the party. --project checks an MZ
project StyleCast has already written into; its party leader should wear StyleCast's art.
The game is copied with the runtime and reporting plugins; nothing else is modified.
Screenshots go to DIR. Exit status 0 means it booted clean and the sizes were right.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from boot_check import REPOSITORY, SAMPLE, booted_clean, build_game, play
from make_sample_project import plain

RUNTIME_FILES = ["rmmz_core.js", "rmmz_managers.js", "rmmz_objects.js", "rmmz_scenes.js",
                 "rmmz_sprites.js", "rmmz_windows.js", "main.js"]

# The System.json settings MZ has and MV lacks, as MZ 1.9 writes a new project's. No font files:
# an empty name makes MZ use the fallback fonts.
MZ_SYSTEM = {
    "advanced": {"gameId": 1, "screenWidth": 816, "screenHeight": 624, "uiAreaWidth": 816, "uiAreaHeight": 624,
                 "numberFontFilename": "", "fallbackFonts": "Verdana, sans-serif", "fontSize": 26,
                 "mainFontFilename": "", "windowOpacity": 192, "screenScale": 1, "picturesUpperLimit": 100},
    "iconSize": 32,
    "itemCategories": [True, True, True, True],
    "optAutosave": False,
    "optKeyItemsNumber": False,
    "optMessageSkip": True,
    "optSplashScreen": False,
    "titleCommandWindow": {"background": 0, "offsetX": 0, "offsetY": 0},
}

# MZ's index.html: main.js loads the runtime, then js/plugins.js.
MZ_INDEX = """<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8">
        <meta name="viewport" content="user-scalable=no">
        <title>StyleCast Sample (MZ)</title>
    </head>
    <body style="background-color: black">
        <script type="text/javascript" src="js/main.js"></script>
    </body>
</html>
"""

# Reports the leader's walk sheet on the map, and in the menu how Window_MenuStatus drew the
# leader's face: which face set cell it took (Bitmap.blt's source rectangle), where, and
# whether the window's pixels there are exactly that cell's.
FACE_REPORTER = r"""
(function() {
    function report(s) { console.log('VERIFY ' + s); }
    var mapStart = Scene_Map.prototype.start;
    Scene_Map.prototype.start = function() {
        mapStart.call(this);
        var name = $gameParty.leader().characterName();
        var sheet = ImageManager.loadCharacter(name);
        sheet.addLoadListener(function() {
            var big = ImageManager.isBigCharacter(name);
            report('SHEET ' + JSON.stringify({name: name, size: [sheet.width, sheet.height],
                frame: [sheet.width / (big ? 3 : 12), sheet.height / (big ? 4 : 8)], tile: $gameMap.tileWidth()}));
        });
    };
    var draws = [];
    var drawFace = Window_Base.prototype.drawFace;
    Window_Base.prototype.drawFace = function(faceName, faceIndex) {
        var window = this, contents = this.contents, blt = contents.blt;
        contents.blt = function(source, sx, sy, sw, sh, dx, dy) {
            draws.push({window: window, name: faceName, index: faceIndex, bitmap: source, source: [sx, sy, sw, sh], dest: [dx, dy]});
            return blt.apply(this, arguments);
        };
        try { drawFace.apply(this, arguments); } finally { delete contents.blt; }
    };
    var menuStart = Scene_Menu.prototype.start;
    Scene_Menu.prototype.start = function() {
        menuStart.call(this);
        setTimeout(function() {
            var leader = $gameParty.leader();
            var draw = draws.filter(function(d) { return d.window instanceof Window_MenuStatus && d.name === leader.faceName(); }).pop();
            if (!draw) { report('ERROR the menu drew no face for ' + leader.name()); return; }
            var s = draw.source, d = draw.dest;
            var shown = draw.window.contents.context.getImageData(d[0], d[1], s[2], s[3]).data;
            var cell = draw.bitmap.context.getImageData(s[0], s[1], s[2], s[3]).data;
            var opaque = 0, same = 0;
            for (var i = 0; i < cell.length; i += 4) {
                if (cell[i + 3] !== 255) continue;
                opaque++;
                if (shown[i] === cell[i] && shown[i + 1] === cell[i + 1] && shown[i + 2] === cell[i + 2] && shown[i + 3] === 255) same++;
            }
            report('FACE ' + JSON.stringify({name: draw.name, index: draw.index, faceSize: $dataSystem.faceSize,
                faceWidth: ImageManager.faceWidth, faceHeight: ImageManager.faceHeight,
                faceSet: [draw.bitmap.width, draw.bitmap.height], source: s, dest: d, opaque: opaque, shownAsInTheCell: same}));
        }, 1000);
    };
})();
"""


def make_mz_project(folder, face_size, tile_size):
    """An MZ copy of the sample project in `folder`/project, with these sizes."""
    project = os.path.join(folder, "project")
    shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(
        "tools", "README.md", ".stylecast", "Game.rpgproject", "index.html", "fonts", "cast.json", "reference"))
    with open(os.path.join(project, "game.rmmzproject"), "w") as f:
        f.write("RPGMZ 1.9.0")
    with open(os.path.join(project, "index.html"), "w") as f:
        f.write(MZ_INDEX)
    # MZ's touch buttons are 11 blocks of 48 across, idle above pressed; it refuses MV's smaller set.
    with open(os.path.join(project, "img", "system", "ButtonSet.png"), "wb") as f:
        f.write(plain(48 * 11, 48 * 2, (64, 64, 96, 255)).png())
    path = os.path.join(project, "data", "System.json")
    with open(path) as f:
        system = json.load(f)
    system.update(MZ_SYSTEM, faceSize=face_size, tileSize=tile_size)
    with open(path, "w") as f:
        json.dump(system, f, ensure_ascii=False, separators=(",", ":"))
    return project


def export_caster(stylecast, project):
    """Writes Aria's sample art into `project` as actor 1, through StyleCast's exporter."""
    if not os.access(stylecast, os.X_OK):
        sys.exit("verify_boot_mz: no stylecast at %s; build it (swift build -c release) or pass --stylecast" % stylecast)
    command = [stylecast, "export", "--project", project, "--name", "Caster", "--actor-id", "1",
               "--sheet", os.path.join(SAMPLE, "img", "characters", "$Aria.png"),
               "--faces", os.path.join(SAMPLE, "img", "faces", "Party.png")]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("verify_boot_mz: %s failed:\n%s" % (" ".join(command), result.stdout + result.stderr))
    print(result.stdout.strip())


def sizes_problems(log, system):
    """What is wrong with the reported face and sheet, against the project's System.json."""
    face_size, tile_size = system.get("faceSize", 144), system.get("tileSize", 48)
    reports = {}
    for line in log:
        kind, _, rest = line.partition(" ")
        if kind in ("FACE", "SHEET"):
            reports[kind] = json.loads(rest)
    face, sheet = reports.get("FACE"), reports.get("SHEET")
    if face is None or sheet is None:
        return ["no %s report" % " or ".join(k for k in ("FACE", "SHEET") if k not in reports)]
    problems = []
    if (face["faceWidth"], face["faceHeight"]) != (face_size, face_size):
        problems.append("MZ cuts %sx%s faces, not System.json's faceSize %s" % (face["faceWidth"], face["faceHeight"], face_size))
    if face["faceSet"] != [4 * face_size, 2 * face_size]:
        problems.append("face set %s is %sx%s, not 4x2 faces of %s: the menu shows part of each face"
                        % (face["name"], face["faceSet"][0], face["faceSet"][1], face_size))
    # MZ centres a face in the menu's face area, cutting it down (centred) only where the area
    # is smaller: with 144-pixel faces the menu's rows are 129 high.
    index, (sx, sy, sw, sh) = face["index"], face["source"]
    cell = (index % 4 * face_size, index // 4 * face_size)
    if sw > face_size or sh > face_size or (sx, sy) != (cell[0] + (face_size - sw) // 2, cell[1] + (face_size - sh) // 2):
        problems.append("the menu drew %s of the face set, not the middle of face %s's %s-pixel cell at %s"
                        % (face["source"], index, face_size, list(cell)))
    if face["opaque"] == 0 or face["shownAsInTheCell"] != face["opaque"]:
        problems.append("the window shows %s of the face's %s opaque pixels as they are in the face set"
                        % (face["shownAsInTheCell"], face["opaque"]))
    if sheet["frame"] != [tile_size, tile_size] or sheet["tile"] != tile_size:
        problems.append("walk frames of %s are %sx%s on %s-pixel tiles; System.json's tileSize is %s"
                        % (sheet["name"], sheet["frame"][0], sheet["frame"][1], sheet["tile"], tile_size))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", required=True, help="an MZ 1.9 runtime js/ folder")
    parser.add_argument("--out", default=".")
    parser.add_argument("--project", help="an MZ project StyleCast has written into (default: an MZ copy of the sample)")
    parser.add_argument("--face-size", type=int, default=96)
    parser.add_argument("--tile-size", type=int, default=32)
    parser.add_argument("--stylecast", default=os.path.join(REPOSITORY, ".build", "release", "stylecast"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.project:
            project = os.path.abspath(args.project)
            if not os.path.exists(os.path.join(project, "game.rmmzproject")):
                sys.exit("verify_boot_mz: %s is not an RPG Maker MZ project (no game.rmmzproject)" % project)
        else:
            project = make_mz_project(scratch, args.face_size, args.tile_size)
            export_caster(os.path.abspath(args.stylecast), project)
        with open(os.path.join(project, "data", "System.json")) as f:
            system = json.load(f)
        index = build_game(project, os.path.abspath(args.runtime), RUNTIME_FILES, scratch, "an MZ",
                           plugins=[("VerifyFaces", FACE_REPORTER)])
        log = play(index, args.out)
    ok = booted_clean(log)
    problems = sizes_problems(log, system)
    for problem in problems:
        print("FAILED: " + problem)
    if ok and not problems:
        face = next(json.loads(line[5:]) for line in log if line.startswith("FACE "))
        print("OK: title, map and menu reached with no error; the leader's face comes from 4x2 faces of faceSize %s "
              "and is drawn %sx%s; walk frames are tileSize %s"
              % (system.get("faceSize", 144), face["source"][2], face["source"][3], system.get("tileSize", 48)))
    return 0 if ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
