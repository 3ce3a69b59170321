#!/usr/bin/env python3
"""Records the shipped default models after a stretch of training (CPU or GPU): evaluates each,
appends its point to models/learning-curve.tsv, rewrites models/presets and redraws the curve.

    python3 tools/record_models.py --note "what this stretch was" \\
        [--cpu-seconds sprite=S face=S] [--gpu-minutes sprite=M face=M] [--models sprite face] [--stylecast BIN]

scripts/train-session calls it with the trainers' CPU seconds; after a GPU session (its models
copied over models/*.safetensors) call it with the minutes each model trained there. The table's
cpu_hours and gpu_minutes are running totals: the last row's of that model plus this stretch's.
"""
import argparse
import json
import os
import subprocess
import sys

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(REPOSITORY, "models", "learning-curve.tsv")
MODELS = ("sprite", "face")

sys.path.insert(0, os.path.join(REPOSITORY, "tools"))
from plot_learning_curve import read_rows  # noqa: E402
from safetensors_numpy import read_safetensors  # noqa: E402


def per_model(values, option):
    """`sprite=S face=S` as {"sprite": S, "face": S}; a model left out spent nothing."""
    spent = {}
    for value in values or []:
        model, _, amount = value.partition("=")
        if model not in MODELS or not amount:
            raise SystemExit(f"error: {option} takes MODEL=NUMBER with MODEL sprite or face, got {value!r}")
        try:
            spent[model] = float(amount)
        except ValueError:
            raise SystemExit(f"error: {option} {value!r}: {amount!r} is not a number") from None
    return spent


def training_images(path):
    return int(read_safetensors(path)[1]["stylecast_training_images"])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--note", required=True, help="the table's recipe column: what this stretch of training was")
    parser.add_argument("--cpu-seconds", nargs="*", help="MODEL=SECONDS of trainer CPU time (user + sys) this stretch")
    parser.add_argument("--gpu-minutes", nargs="*", help="MODEL=MINUTES of GPU training this stretch")
    parser.add_argument("--stylecast", default=os.path.join(REPOSITORY, ".build", "release", "stylecast"))
    parser.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS),
                        help="the models this stretch changed (default both); each gets its curve row and contact sheet")
    arguments = parser.parse_args(argv)
    cpu_seconds = per_model(arguments.cpu_seconds, "--cpu-seconds")
    gpu_minutes = per_model(arguments.gpu_minutes, "--gpu-minutes")

    rows = read_rows(TABLE)
    if not rows:
        raise SystemExit(f"error: {TABLE} has no rows to go on from")
    header = list(rows[0])
    for model in arguments.models:
        path = os.path.join(REPOSITORY, "models", f"{model}.safetensors")
        evaluation = subprocess.run(
            ["nice", arguments.stylecast, "evaluate", "--model", path, "--json",
             "--contact-sheet", os.path.join(REPOSITORY, "docs", "images", f"{model}-contact.png")],
            stdout=subprocess.PIPE, check=True, text=True)
        report = json.loads(evaluation.stdout)
        with open(os.path.join(REPOSITORY, ".build", f"{model}.evaluation.json"), "w") as file:
            file.write(evaluation.stdout)
        earlier = [row for row in rows if row["model"] == model]

        def total(column, added):
            return max((float(row.get(column) or 0) for row in earlier), default=0.0) + added

        mixing = {group["group"]: group for group in report["mixing"]}
        values = {
            "model": model, "images": str(training_images(path)),
            "cpu_hours": f"{total('cpu_hours', cpu_seconds.get(model, 0) / 3600):.2f}",
            "gpu_minutes": f"{total('gpu_minutes', gpu_minutes.get(model, 0)):.1f}",
            "psnr_db": f"{report['fidelity']['psnr']['median']:.2f}",
            "colours_moved": f"{mixing['colours']['movedShare']:.2f}",
            "expression_change": (f"{mixing['expression']['insideRegionShare']['median']:.2f}"
                                  if "expression" in mixing else ""),
            "recipe": arguments.note,
        }
        missing = [column for column in header if column not in values]
        if missing:
            raise SystemExit(f"error: {TABLE}: this tool does not know the column(s) {', '.join(missing)}")
        with open(TABLE, "a") as file:
            file.write("\t".join(values[column] for column in header) + "\n")
        rows.append(values)
        print("\t".join(values[column] for column in header))

    subprocess.run([arguments.stylecast, "presets", "--sprite", os.path.join(REPOSITORY, "models", "sprite.safetensors"),
                    "--face", os.path.join(REPOSITORY, "models", "face.safetensors"),
                    "--out", os.path.join(REPOSITORY, "models", "presets")], check=True)
    # The plot needs matplotlib (Debian: python3-matplotlib, which the system python3 sees).
    for python in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([python, "-c", "import matplotlib"], stderr=subprocess.DEVNULL).returncode == 0:
            subprocess.run([python, os.path.join(REPOSITORY, "tools", "plot_learning_curve.py")], check=True)
            break
    else:
        print("record_models: no matplotlib, the curve's plot is not redrawn", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
