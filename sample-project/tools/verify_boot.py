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
The MZ check, with the face and frame sizes, is verify_boot_mz.py.
"""
import argparse
import os
import sys
import tempfile

from boot_check import SAMPLE, booted_clean, build_game, play

RUNTIME_FILES = ["rpg_core.js", "rpg_managers.js", "rpg_objects.js", "rpg_scenes.js",
                 "rpg_sprites.js", "rpg_windows.js", "main.js"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", required=True, help="an MV runtime js/ folder")
    parser.add_argument("--out", default=".")
    parser.add_argument("--project", default=SAMPLE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        index = build_game(os.path.abspath(args.project), os.path.abspath(args.runtime), RUNTIME_FILES, scratch, "an MV")
        log = play(index, args.out)
    ok = booted_clean(log)
    if ok:
        print("OK: title, map and menu reached with no error")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
