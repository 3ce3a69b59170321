#!/usr/bin/env python3
"""Times the official NVlabs StyleGAN2/StyleGAN3 code and StyleCast on the same networks, in one
run, and prints a Markdown table (workload | official | StyleCast | ratio) with the machine.

    python tools/bench_official.py /path/to/NVlabs-stylegan3 [--stylecast .build/release/stylecast]
        [--runs 7] [--sg3-runs 3] [--steps 5] [--rounds 3] [--threads N]
        [--rows sg2-256,sg3t-256,project-sg2-256]

Needs PyTorch (CPU is enough), numpy, and a checkout of https://github.com/NVlabs/stylegan3 (its
`training/networks_stylegan2.py` and `networks_stylegan3.py` import `requests` and `scipy`, so
install those too). Nothing of the official code is copied here: it is imported from the given
path. Build StyleCast first (`swift build -c release --product stylecast`).

For each network (the configurations of `stylecast bench --random sg2-256` / `sg3t-256`):
1. the official constructor builds it from a seeded torch generator; its biases and noise
   strengths, which start at neutral values, get seeded random offsets so every term counts;
2. its `state_dict()` is written as a StyleCast model (what `tools/pkl2safetensors.py` writes for
   a pickle of the same network);
3. the image of seed 0 (`noise_mode='const'`) is computed by both sides (`stylecast generate
   --save-raw`); they must agree within 1e-3 of the image's range, or the script stops;
4. the official `G(z, c, noise_mode='const')` is timed under `no_grad` with
   `torch.set_num_threads(--threads)` (OMP_WAIT_POLICY=PASSIVE unless set), batch 1, seeds
   0..N-1 after one warm-up image, then `stylecast bench --model FILE --runs N` (also after one
   warm-up image); the two alternate for --rounds rounds, and each side's figure is the median of
   all its images.

The projection row times one projection step on the StyleGAN2 network: officially, as the
NVlabs projector does but with a pixel MSE instead of its VGG16 distance (so a lower bound on the
official step): ws = w.repeat(num_ws), `G.synthesis(ws, noise_mode='const')`, loss, backward,
Adam on w; against `stylecast bench-project --model FILE --steps N` (synthesis forward, its
multi-scale pixel + SSIM loss, backward, Adam on w). Each round gives each side the mean of N
steps after one warm-up step, as `bench-project` does; the table has the median of the rounds.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import types
from statistics import median

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(TOOLS)

# The init_kwargs of StyleCast's `--random` configurations (Sources/StyleGAN/RandomGenerator.swift;
# tools/test_bench_official.py checks they stay the same).
CONFIGURATIONS = {
    "sg2-256": ("networks_stylegan2.Generator", '{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 8}, "channel_base": 16384, "channel_max": 512, "num_fp16_res": 4, "conv_clamp": 256, "architecture": "skip"}'),
    "sg3t-256": ("networks_stylegan3.Generator", '{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 2}, "channel_base": 32768, "channel_max": 512, "magnitude_ema_beta": 0.9988915792636801}'),
}

# Row name -> (configuration, what is timed, label in the table).
ROWS = {
    "sg2-256": ("sg2-256", "image", "StyleGAN2 config F 256x256, one image"),
    "sg3t-256": ("sg3t-256", "image", "StyleGAN3-T 256x256, one image"),
    "project-sg2-256": ("sg2-256", "project", "projection step (official: pixel loss), StyleGAN2 config F 256x256"),
}
DEFAULT_ROWS = "sg2-256,sg3t-256,project-sg2-256"
IMAGE_TOLERANCE = 1e-3  # of the official image's range (max - min)


class BenchError(Exception):
    """Something the user must fix (missing torch, NVlabs tree, stylecast binary), or a failed check."""


def check_nvlabs_tree(path):
    """The absolute path of an NVlabs stylegan3 checkout, or BenchError saying what is missing."""
    root = os.path.abspath(path)
    if not os.path.isdir(root):
        raise BenchError(f"{path}: no such folder; give the path of a checkout of https://github.com/NVlabs/stylegan3")
    for name in ("networks_stylegan2.py", "networks_stylegan3.py"):
        if not os.path.isfile(os.path.join(root, "training", name)):
            hint = (" (that is a stylegan2-ada-pytorch tree; this script needs NVlabs/stylegan3, which has both networks)"
                    if os.path.isfile(os.path.join(root, "training", "networks.py")) else "")
            raise BenchError(f"{path}: has no training/{name}; give the path of a checkout of "
                             f"https://github.com/NVlabs/stylegan3{hint}")
    return root


def check_stylecast(path):
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise BenchError(f"{path}: no stylecast executable; build it with "
                         "`swift build -c release --product stylecast` or pass --stylecast PATH")
    return os.path.abspath(path)


def parse_rows(text):
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in ROWS]
    if unknown or not names:
        raise BenchError(f"--rows: unknown row(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(ROWS)}")
    return names


def parse_bench_runs(output):
    """Seconds of each image from `stylecast bench`'s "runs (ms): ..." line."""
    match = re.search(r"^runs \(ms\):((?: [0-9.]+)+)$", output, re.MULTILINE)
    if not match:
        raise BenchError(f"cannot read the runs from `stylecast bench` output:\n{output}")
    return [float(value) / 1000 for value in match.group(1).split()]


def parse_project_step(output):
    """Seconds per step from `stylecast bench-project`'s "N steps in T s" line."""
    match = re.search(r"^(\d+) steps in ([0-9.]+) s", output, re.MULTILINE)
    if not match:
        raise BenchError(f"cannot read the step time from `stylecast bench-project` output:\n{output}")
    return float(match.group(2)) / int(match.group(1))


def format_seconds(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def format_table(rows, machine):
    """Markdown: the machine line, then one row per workload. `rows`: dicts with workload,
    official and stylecast (seconds), and how (how each side was measured)."""
    lines = [f"Measured {machine['date']} on {machine['cpu']}, {machine['cores']} cores, "
             f"load average {machine['load']} at start; {machine['software']}.", "",
             "| workload | official | StyleCast | ratio |", "| --- | --- | --- | --- |"]
    for row in rows:
        ratio = row["official"] / row["stylecast"]
        lines.append(f"| {row['workload']}, {row['how']} | {format_seconds(row['official'])} | "
                     f"{format_seconds(row['stylecast'])} | {ratio:.2f}x |")
    return "\n".join(lines)


def machine_description(torch_version=None):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    software = f"Python {platform.python_version()}"
    if torch_version:
        software += f", PyTorch {torch_version} (OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')})"
    try:
        commit = subprocess.run(["git", "-C", REPOSITORY, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        software += f", StyleCast {commit}"
    except (OSError, subprocess.CalledProcessError):
        pass
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu": cpu, "cores": os.cpu_count(), "load": load, "software": software}


def import_torch():
    # Idle OpenMP threads sleep instead of spinning: on the shared 2-core development machine the
    # default (spinning) made the official StyleGAN2 image 3-5x slower. Set it to override.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import numpy  # noqa: F401
        import torch
    except ImportError as error:
        raise BenchError(f"this Python ({sys.executable}) cannot import {error.name or 'torch'}: "
                         "run the script with a Python that has PyTorch (CPU is enough) and numpy") from None
    return torch


def import_nvlabs(root):
    """The official networks_stylegan2 and networks_stylegan3 modules, imported from `root`."""
    try:
        import pkg_resources  # noqa: F401  (the NVlabs ops compare torch versions with it)
    except ImportError:
        # setuptools >= 81 has no pkg_resources; the official code only needs parse_version.
        shim = types.ModuleType("pkg_resources")
        shim.parse_version = lambda text: tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:3])
        sys.modules["pkg_resources"] = shim
    sys.path.insert(0, root)
    try:
        from training import networks_stylegan2, networks_stylegan3
    except ImportError as error:
        raise BenchError(f"importing the NVlabs code from {root} failed: {error} "
                         "(it also needs `pip install requests scipy`)") from None
    return {"networks_stylegan2.Generator": networks_stylegan2.Generator,
            "networks_stylegan3.Generator": networks_stylegan3.Generator}


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_stylecast(stylecast, *arguments):
    command = [stylecast, *arguments]
    log("$ " + " ".join(command))
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"`{' '.join(command)}` failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    log(result.stdout.rstrip())
    return result.stdout


class Network:
    """One configuration built by the official constructor, and its StyleCast model file."""

    def __init__(self, torch, constructors, name, seed, folder):
        import numpy as np
        sys.path.insert(0, TOOLS)
        from safetensors_numpy import write_safetensors

        self.torch = torch
        class_name, kwargs_json = CONFIGURATIONS[name]
        self.kwargs = json.loads(kwargs_json)
        torch.manual_seed(seed)
        self.G = constructors[class_name](**self.kwargs).eval().requires_grad_(False)
        generator = torch.Generator().manual_seed(seed + 1)
        with torch.no_grad():
            for _, parameter in self.G.named_parameters():
                if parameter.ndim <= 1:  # biases and noise strengths start at 0 (or 1)
                    parameter.add_(torch.randn(parameter.shape, generator=generator) * 0.2)
        self.path = os.path.join(folder, f"{name}.safetensors")
        state = {key: value.detach().numpy().astype(np.float32) for key, value in self.G.state_dict().items()}
        write_safetensors(self.path, state, {"class": class_name, "init_kwargs": kwargs_json, "num_ws": str(self.G.num_ws)})
        self.parameters = sum(parameter.numel() for parameter in self.G.parameters())
        log(f"{name}: {class_name}, {self.parameters:,} parameters -> {self.path}")

    def z(self, seed):
        import numpy as np
        return self.torch.from_numpy(np.random.RandomState(seed).randn(1, self.kwargs["z_dim"])).float()

    def image(self, seed):
        with self.torch.no_grad():
            return self.G(self.z(seed), self.torch.zeros([1, 0]), noise_mode="const")

    def check_same_image(self, stylecast, folder):
        """Stops unless StyleCast's image of seed 0 is the official one within IMAGE_TOLERANCE of its range."""
        import numpy as np
        outdir = os.path.join(folder, os.path.basename(self.path) + ".images")
        run_stylecast(stylecast, "generate", "--model", self.path, "--seeds", "0", "--noise-mode", "const",
                      "--outdir", outdir, "--save-raw")
        ours = np.load(os.path.join(outdir, "seed0000.raw.npy"))
        official = self.image(0).numpy()
        if ours.shape != official.shape:
            raise BenchError(f"{self.path}: StyleCast's image is {list(ours.shape)}, the official one {list(official.shape)}")
        span = float(official.max() - official.min())
        difference = float(np.abs(ours - official).max())
        log(f"seed 0: max |StyleCast - official| = {difference:.2e}, image range {span:.3f}")
        if not difference <= IMAGE_TOLERANCE * span:
            raise BenchError(f"{self.path}: StyleCast and the official code disagree on seed 0 by {difference:.3g} "
                             f"(more than {IMAGE_TOLERANCE:g} of the image range {span:.3g}); not the same network")
        return difference, span

    def time_images(self, runs, warm_up=True):
        """Seconds of G(z, c) for each of seeds 0..runs-1, after one warm-up image."""
        if warm_up:
            self.image(0)
        times = []
        for seed in range(runs):
            start = time.perf_counter()
            self.image(seed)
            times.append(time.perf_counter() - start)
            log(f"  official image {seed}: {times[-1]:.3f} s")
        return times

    def time_projection_steps(self, steps, w_avg_samples=100):
        """Mean seconds of a projection step (pixel MSE) over `steps` after one warm-up step."""
        import numpy as np
        torch = self.torch
        with torch.no_grad():
            target = self.image(0)
            z = torch.from_numpy(np.random.RandomState(123).randn(w_avg_samples, self.kwargs["z_dim"])).float()
            w_avg = self.G.mapping(z, torch.zeros([w_avg_samples, 0]))[:, :1, :].mean(0, keepdim=True)
        w = w_avg.clone().requires_grad_(True)
        optimizer = torch.optim.Adam([w], betas=(0.9, 0.999), lr=0.1)
        start = 0.0
        for step in range(steps + 1):
            if step == 1:
                start = time.perf_counter()
            ws = w.repeat([1, self.G.num_ws, 1])
            image = self.G.synthesis(ws, noise_mode="const")
            loss = (image - target).square().mean()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        seconds = (time.perf_counter() - start) / steps
        log(f"  official projection: {steps} steps, {seconds:.3f} s per step")
        return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench_official", description=__doc__.split("\n\n")[0])
    parser.add_argument("nvlabs", metavar="NVLABS_STYLEGAN3", help="path of a checkout of NVlabs/stylegan3")
    parser.add_argument("--stylecast", default=os.path.join(REPOSITORY, ".build", "release", "stylecast"),
                        help="the stylecast executable (default: .build/release/stylecast)")
    parser.add_argument("--rows", default=DEFAULT_ROWS, help=f"rows to measure (default: {DEFAULT_ROWS})")
    parser.add_argument("--runs", type=int, default=7, help="timed StyleGAN2 images per side (default 7)")
    parser.add_argument("--sg3-runs", type=int, default=3, help="timed StyleGAN3 images per side (default 3)")
    parser.add_argument("--steps", type=int, default=5, help="timed projection steps per side (default 5)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds per row; each times the official side, then StyleCast (default 3)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: the cores)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the networks' weights (default 0)")
    parser.add_argument("--workdir", help="where the model files go (default: a temporary folder, removed after)")
    argv = sys.argv[1:] if argv is None else list(argv)
    options = parser.parse_args(argv)
    command = " ".join(["python", "tools/bench_official.py", *argv])
    try:
        for name in ("runs", "sg3_runs", "steps", "rounds", "threads"):
            if getattr(options, name) < 1:
                raise BenchError(f"--{name.replace('_', '-')} must be at least 1")
        rows = parse_rows(options.rows)
        root = check_nvlabs_tree(options.nvlabs)
        stylecast = check_stylecast(options.stylecast)
        torch = import_torch()
        constructors = import_nvlabs(root)
        if options.workdir:
            os.makedirs(options.workdir, exist_ok=True)
            return measure(options, rows, stylecast, torch, constructors, options.workdir, command)
        with tempfile.TemporaryDirectory(prefix="bench_official.") as folder:
            return measure(options, rows, stylecast, torch, constructors, folder, command)
    except BenchError as error:
        print(f"bench_official: {error}", file=sys.stderr)
        return 1


def measure(options, rows, stylecast, torch, constructors, folder, command):
    torch.set_num_threads(options.threads)
    machine = machine_description(torch.__version__.split("+")[0])
    networks = {}
    results = []
    for row in rows:
        configuration, kind, label = ROWS[row]
        if configuration not in networks:
            network = Network(torch, constructors, configuration, options.seed, folder)
            network.check_same_image(stylecast, folder)
            networks[configuration] = network
        network = networks[configuration]
        # The sides alternate, round by round, so a change in the machine's load falls on both.
        official, ours = [], []
        for round_index in range(options.rounds):
            if kind == "image":
                runs = options.sg3_runs if configuration.startswith("sg3") else options.runs
                official += network.time_images(runs, warm_up=round_index == 0)
                ours += parse_bench_runs(run_stylecast(stylecast, "bench", "--model", network.path, "--runs", str(runs)))
                how = f"median of {len(official)} images"
            else:
                official.append(network.time_projection_steps(options.steps))
                ours.append(parse_project_step(run_stylecast(stylecast, "bench-project", "--model", network.path,
                                                             "--steps", str(options.steps))))
                how = f"median of {options.rounds} means of {options.steps} steps"
        results.append({"workload": label, "official": median(official), "stylecast": median(ours), "how": how})
    print(format_table(results, machine))
    print()
    print("```sh\n" + command + "\n```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
