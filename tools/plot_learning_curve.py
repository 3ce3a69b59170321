#!/usr/bin/env python3
"""Draws the default models' learning curve (models/learning-curve.tsv) as a PNG.

PSNR against the renderer over training images and over training CPU hours, one line per
model, with the 25 dB goal. A stretch trained on a lent GPU adds images but no CPU hours: it shows
as a vertical step on the CPU-hours panel, labelled with its GPU minutes. Needs matplotlib (Debian: python3-matplotlib); a documentation
tool only, not used by the build or the tests.

    python3 tools/plot_learning_curve.py [--table models/learning-curve.tsv] [--out docs/images/learning-curve.png]
"""
import argparse
import csv

GOAL_DB = 25.0


def read_rows(path):
    with open(path, newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def label_gpu_stretches(axis, rows):
    """Marks each point reached by GPU training with the GPU minutes it took."""
    for model in {row["model"] for row in rows}:
        before = 0.0
        for row in (r for r in rows if r["model"] == model and r["psnr_db"]):
            minutes = float(row.get("gpu_minutes") or 0)
            if minutes > before:
                axis.annotate(f"+{minutes - before:g} GPU min", (float(row["cpu_hours"]), float(row["psnr_db"])),
                              textcoords="offset points", xytext=(-70, 4), fontsize=8)
            before = minutes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", default="models/learning-curve.tsv")
    parser.add_argument("--out", default="docs/images/learning-curve.png")
    args = parser.parse_args()

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = read_rows(args.table)
    models = sorted({row["model"] for row in rows})
    figure, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True, dpi=100)
    for axis, column, label in [(axes[0], "images", "training images"), (axes[1], "cpu_hours", "training CPU hours")]:
        for model in models:
            points = sorted((float(r[column]), float(r["psnr_db"])) for r in rows if r["model"] == model and r["psnr_db"])
            axis.plot([x for x, _ in points], [y for _, y in points], marker="o", label=model)
        if column == "cpu_hours":
            label_gpu_stretches(axis, rows)
        axis.axhline(GOAL_DB, color="grey", linestyle="--", linewidth=1, label="goal (25 dB)")
        axis.set_xlabel(label)
        if column == "images":
            axis.set_xscale("log")  # the ~1 dB per doubling reads as a straight line
        axis.grid(True, alpha=0.3)
    axes[0].set_ylabel("PSNR vs renderer, psi 1 (dB, median of 200 seeds)")
    axes[0].legend()
    figure.suptitle("Default models: fidelity as training goes on")
    figure.tight_layout()
    figure.savefig(args.out)
    print(f"wrote {args.out} ({len(rows)} points)")


if __name__ == "__main__":
    main()
