#!/usr/bin/env python3
"""Checks that tools/gpu/network.py computes what StyleCast's engine computes.

    python3 tools/gpu_parity.py [--stylecast .build/release/stylecast] [--device cuda]

For each model (default models/sprite.safetensors and models/face.safetensors) and seed,
`stylecast generate --save-ws --save-raw` gives the engine's ws and raw float32 image (at psi 1
and at psi 0.7); the PyTorch network maps the same z (NumPy's randn(seed)) and draws the image,
also with the synthesis's channels zero-padded to multiples of 8 (gpu_train.py --pad-channels).
Then both trainers take two steps on from each model (with its models/*.train.json) and the two
models they write are compared. With the NVlabs reference fixtures at hand (--fixtures, default
../shared/fixtures/stylegan), it also checks the network against sg2-skip-32: ws, images (noise
const and none, truncation, a style mix) and the autograd dL/dws. Tolerances are the fixtures'
(README there): ws within 1e-5 max(1, max|ref|), images and gradients within 1e-3 max|ref|.
Exits 1 when any check is out.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)

from gpu.network import Generator  # noqa: E402
from gpu_train import stylecast_command  # noqa: E402

REPOSITORY = os.path.dirname(TOOLS)


def run(command):
    """Runs a command quietly; its own message if it fails."""
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(command)} exited with status {done.returncode}:\n{done.stderr[-2000:]}")


class Report:
    def __init__(self):
        self.failures = 0

    def check(self, label, ours, reference, relative, floor=0.0):
        ours = np.asarray(ours, dtype=np.float64)
        reference = np.asarray(reference, dtype=np.float64)
        if ours.shape != reference.shape:
            print(f"FAIL {label}: shape {list(ours.shape)}, reference {list(reference.shape)}")
            self.failures += 1
            return float("inf")
        difference = float(np.abs(ours - reference).max())
        bound = relative * max(floor, float(np.abs(reference).max()))
        ok = difference <= bound
        self.failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {label}: max abs diff {difference:.3g} (tolerance {bound:.3g})")
        return difference


def run_network(network, device, function, *inputs):
    with torch.no_grad():
        values = [torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)).to(device) for v in inputs]
        return function(*values).cpu().numpy()


def check_model(report, stylecast, path, seeds, device):
    network, _ = Generator.from_file(path)
    network.to(device)
    padded, _ = Generator.from_file(path, pad_channels=8)  # gpu_train.py --pad-channels 8
    padded.to(device)
    worst = 0.0
    for psi in (1.0, 0.7):
        with tempfile.TemporaryDirectory(prefix="stylecast-parity-") as folder:
            run(stylecast + ["generate", "--model", path, "--seeds", ",".join(map(str, seeds)), "--trunc", str(psi),
                             "--outdir", folder, "--save-ws", "--save-raw"])
            for seed in seeds:
                stem = os.path.join(folder, f"seed{seed:04d}")
                ws_ref, image_ref = np.load(stem + ".ws.npy"), np.load(stem + ".raw.npy")
                z = np.random.RandomState(seed).randn(1, network.spec.z_dim)
                ws = run_network(network, device, lambda z: network.truncate(
                    network.mapping(z).unsqueeze(1).repeat(1, network.spec.num_ws, 1), psi), z)
                name = f"{os.path.basename(path)} seed {seed} psi {psi}"
                report.check(f"{name} ws", ws, ws_ref, 1e-5, floor=1)
                worst = max(worst, report.check(f"{name} image", run_network(network, device, network.synthesis, ws), image_ref, 1e-3))
                report.check(f"{name} image, channels padded to 8", run_network(padded, device, padded.synthesis, ws), image_ref, 1e-3)
    return worst


def check_training_steps(stylecast, config, path, device, steps=2):
    """Both trainers go `steps` steps on from `path`: the models they write should differ by far
    less than the training moved them. Returns |python - swift| / |swift - start| over all tensors."""
    from safetensors_numpy import read_safetensors

    with tempfile.TemporaryDirectory(prefix="stylecast-steps-") as folder:
        swift, python = os.path.join(folder, "swift.safetensors"), os.path.join(folder, "python.safetensors")
        run(stylecast + ["train", "--config", config, "--init", path, "--out", swift, "--steps", str(steps)])
        run([sys.executable, os.path.join(TOOLS, "gpu_train.py"), "--config", config, "--init", path, "--out", python,
             "--steps", str(steps), "--device", str(device), "--fp32", "--producers", "1", "--stylecast", stylecast[0]])
        (start, _), (ours, ours_metadata), (theirs, their_metadata) = (read_safetensors(p) for p in (path, python, swift))
    if ours_metadata != their_metadata:
        print(f"FAIL {os.path.basename(path)} {steps} training steps: metadata differ: {ours_metadata} vs {their_metadata}")
        return float("inf")
    apart = math.sqrt(sum(float(np.square(ours[k].astype(np.float64) - theirs[k]).sum()) for k in theirs))
    moved = math.sqrt(sum(float(np.square(theirs[k].astype(np.float64) - start[k]).sum()) for k in theirs))
    return apart / moved


def check_fixture(report, folder, device):
    with open(os.path.join(folder, "cases.json")) as file:
        cases = json.load(file)
    network, _ = Generator.from_file(os.path.join(folder, cases["model"]))
    network.to(device)
    load = lambda name: np.load(os.path.join(folder, name))  # noqa: E731
    for case in cases["cases"]:
        # The mix and grad cases are synthesized with const noise and name no z or truncation.
        files, noise = case["files"], case.get("noise_mode", "const")
        if "z" in files:
            psi, cutoff = case["truncation_psi"], case["truncation_cutoff"]
            ws = run_network(network, device, lambda z: network.truncate(
                network.mapping(z).unsqueeze(1).repeat(1, network.spec.num_ws, 1), psi, cutoff), load(files["z"]))
            report.check(f"fixture {case['tag']} ws", ws, load(files["ws"]), 1e-5, floor=1)
        if "img" in files:
            image = run_network(network, device, lambda ws: network.synthesis(ws, noise_mode=noise), load(files["ws"]))
            report.check(f"fixture {case['tag']} image", image, load(files["img"]), 1e-3)
        if "dws" in files:
            ws = torch.from_numpy(load(files["ws"]).astype(np.float32)).to(device).requires_grad_(True)
            R = torch.from_numpy(load(files["R"]).astype(np.float32)).to(device)
            (network.synthesis(ws, noise_mode=noise) * R).sum().backward()
            report.check(f"fixture {case['tag']} dL/dws", ws.grad.cpu().numpy(), load(files["dws"]), 1e-3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--stylecast", help="the stylecast executable or wrapper (default: on PATH or .build/release)")
    parser.add_argument("--models", nargs="+", default=[os.path.join(REPOSITORY, "models", n) for n in ("sprite.safetensors", "face.safetensors")])
    parser.add_argument("--seeds", default="0,1,2,1000000", help="comma-separated seeds")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--fixtures", default=os.path.join(REPOSITORY, "..", "shared", "fixtures", "stylegan"))
    arguments = parser.parse_args()
    device = torch.device(arguments.device)
    if device.type == "cuda":  # full float32: TF32 would miss the tolerance
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    report = Report()
    stylecast = stylecast_command(arguments.stylecast)
    seeds = [int(s) for s in arguments.seeds.split(",")]
    worst = {os.path.basename(path): check_model(report, stylecast, path, seeds, device) for path in arguments.models}
    for path in arguments.models:
        config = path.replace(".safetensors", ".train.json")
        if os.path.exists(config):
            ratio = check_training_steps(stylecast, config, path, device)
            ok = ratio <= 0.01
            report.failures += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(path)} 2 training steps, PyTorch vs stylecast train: "
                  f"|difference| / |update| = {ratio:.2g} (at most 0.01)")
    fixture = os.path.join(arguments.fixtures, "sg2-skip-32")
    if os.path.isdir(fixture):
        check_fixture(report, fixture, device)
    else:
        print(f"(no NVlabs fixture at {fixture}: skipped)")
    print("parity, image max abs diff against the Swift engine: " + ", ".join(f"{k} {v:.3g}" for k, v in worst.items()))
    print("all within tolerance" if report.failures == 0 else f"{report.failures} checks out of tolerance")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
