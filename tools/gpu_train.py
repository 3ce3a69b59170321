#!/usr/bin/env python3
"""Trains a StyleCast model with PyTorch (a GPU, or the CPU), on the batches `stylecast train` draws.

    python3 tools/gpu_train.py --config models/sprite.train.json --init models/sprite.safetensors \\
        --out sprite.gpu.safetensors --minutes 10 --batch-size 64 --stylecast .build/release/stylecast

The objective is `stylecast train`'s (Sources/Training): each step's samples come from
`stylecast train-samples` (latents zA, zB, which w rows come from B, the renderer's target), the
loss is the mean squared error of the RGBA image in [-1, 1] (each pixel weighted by the stream's
emphasis mask when the config has an attributeEmphasis; the loss reported stays the plain one), Adam with the config's betas and a
learning-rate warm-up over warmupImages after the fresh optimiser, w_avg tracked with
wAverageBeta, and the model written is the weight average (weightAverageHalfLifeImages) when the
config asks for one. The model is written every --checkpoint-minutes and at the end, with the
metadata `stylecast train --init` and `stylecast evaluate` read; a run goes on with --init.

To start from new weights, write them first: `stylecast train --config C --out FILE --steps 0`.
"""

import argparse
import json
import math
import os
import shutil
import signal
import sys
import time

import torch

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)

from gpu import model_file  # noqa: E402
from gpu.network import Generator, ModelError  # noqa: E402
from gpu.sample_stream import Producers, StreamError, emphasis_weights  # noqa: E402
from safetensors_numpy import write_safetensors  # noqa: E402


def stylecast_command(given):
    """The command that runs stylecast: --stylecast, else `stylecast` on PATH, else this checkout's release build."""
    candidates = [given] if given else [shutil.which("stylecast"), os.path.join(TOOLS, "..", ".build", "release", "stylecast")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return [os.path.abspath(candidate)]
    raise SystemExit(f"error: no stylecast to draw the samples ({given or 'not on PATH, no .build/release/stylecast'}); "
                     "build it or give --stylecast")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, help="training config (models/*.train.json)")
    parser.add_argument("--init", required=True, help="model to go on from (one `stylecast train` or this trainer wrote)")
    parser.add_argument("--out", required=True, help="where the model goes (written at every checkpoint and at the end)")
    parser.add_argument("--minutes", type=float, help="training-time budget (default: the config's minutes)")
    parser.add_argument("--steps", type=int, help="stop after this many steps")
    parser.add_argument("--batch-size", type=int, help="samples a step (default: the config's batchSize)")
    parser.add_argument("--learning-rate", type=float, help="Adam's learning rate (default: the config's learningRate)")
    parser.add_argument("--device", default=None, help="torch device: cuda or cpu (default: cuda when there is one)")
    parser.add_argument("--producers", type=int, default=2, help="stylecast train-samples processes (each renders on all cores)")
    parser.add_argument("--checkpoint-minutes", type=float, help="write the model this often (default: the config's checkpointMinutes)")
    parser.add_argument("--stylecast", help="the stylecast executable (or its wrapper) that streams the samples")
    parser.add_argument("--log-seconds", type=float, default=10, help="seconds between progress lines")
    parser.add_argument("--fp32", action="store_true", help="full float32 on CUDA, no TF32 (for comparing with stylecast train)")
    parser.add_argument("--pad-channels", type=int, metavar="N",
                        help="zero-pad the synthesis's feature channels to a multiple of N while training (exact; "
                             "for GPU kernels that want aligned channel counts); the model file keeps its shapes")
    parser.add_argument("--profile", type=int, metavar="STEPS",
                        help="profile this many steps (after 10 warm-up steps; they still train) and print the "
                             "operations that took the most device time")
    parser.add_argument("--compile", action="store_true",
                        help="torch.compile the step's network and loss (fuses the many small element-wise kernels; "
                             "compiling takes a while and counts against --minutes; falls back to eager if it fails)")
    arguments = parser.parse_args(argv)
    for name in ("minutes", "steps", "batch_size", "learning_rate", "producers", "checkpoint_minutes", "pad_channels"):
        value = getattr(arguments, name)
        if value is not None and not value > 0:
            parser.error(f"--{name.replace('_', '-')} must be positive, got {value}")
    return arguments


class Averager:
    """The running weight average (as G_ema): avg <- beta avg + (1 - beta) weights after each step."""

    def __init__(self, parameters, beta):
        self.beta = beta
        self.values = [p.detach().clone() for p in parameters] if beta < 1 else None

    def update(self, parameters):
        if self.values is not None:
            torch._foreach_lerp_(self.values, [p.detach() for p in parameters], 1 - self.beta)


class StepProfiler:
    """torch.profiler over `steps` training steps after `warmup` (--profile): where the device's
    time goes, printed once as a table of the operations by their own device time."""

    def __init__(self, steps, device, warmup=10):
        self.steps, self.device, self.warmup, self.profile = steps, device, warmup, None

    def after_step(self, done):
        if self.steps <= 0:
            return
        if done == self.warmup:
            activities = [torch.profiler.ProfilerActivity.CPU]
            if self.device.type == "cuda":
                activities.append(torch.profiler.ProfilerActivity.CUDA)
            self.profile = torch.profiler.profile(activities=activities)
            self.profile.__enter__()
        elif done == self.warmup + self.steps and self.profile is not None:
            if self.device.type == "cuda":
                torch.cuda.synchronize()
            self.profile.__exit__(None, None, None)
            key = "self_cuda_time_total" if self.device.type == "cuda" else "self_cpu_time_total"
            print(f"profile of {self.steps} steps, by {key}:\n"
                  + self.profile.key_averages().table(sort_by=key, row_limit=25), file=sys.stderr, flush=True)
            self.profile, self.steps = None, 0


def write_model(path, network, averager, base_metadata, config, steps, images, batch_size, rate):
    tensors = network.state_numpy()
    if averager.values is not None:
        for (name, _), value in zip(network.trainable(), averager.values):
            tensors[name] = network.file_array(name, value)
    metadata = model_file.model_metadata(base_metadata, config, steps, images, batch_size, rate)
    write_safetensors(path, tensors, metadata)


def train(arguments):
    with open(arguments.config) as file:
        config = json.load(file)
    network, metadata = Generator.from_file(arguments.init, pad_channels=arguments.pad_channels)
    model_file.check_generator(metadata, config, arguments.init)
    step, images = model_file.training_progress(metadata, arguments.init)
    device = torch.device(arguments.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    if device.type == "cuda":
        # TF32 convolutions and products: the speed of the GPU's tensor cores, a 10-bit mantissa
        # where the loss (8-bit targets) needs far less.
        torch.backends.cuda.matmul.allow_tf32 = not arguments.fp32
        torch.backends.cudnn.allow_tf32 = not arguments.fp32
        torch.backends.cudnn.benchmark = True
    network.to(device)
    batch_size = arguments.batch_size or config["batchSize"]
    rate = arguments.learning_rate or config["learningRate"]
    minutes = arguments.minutes or config["minutes"]
    checkpoint_seconds = 60 * (arguments.checkpoint_minutes or config["checkpointMinutes"])
    parameters = [p for _, p in network.trainable()]
    optimiser = torch.optim.Adam(parameters, lr=rate, betas=(config["adamBeta1"], config["adamBeta2"]), eps=1e-8)
    averager = Averager(parameters, model_file.weight_average_beta(config, batch_size))
    w_avg, w_beta = network.tensor("mapping.w_avg"), config["wAverageBeta"]
    print(f"training {arguments.init} on {device}: step {step}, {images} images so far; batch {batch_size}, "
          f"learning rate {rate}, {minutes} min", file=sys.stderr, flush=True)
    for note in model_file.objective_notes(config):
        print(note, file=sys.stderr, flush=True)

    producers = Producers(stylecast_command(arguments.stylecast), arguments.config, first_step=step,
                          count=arguments.producers, batch_size=batch_size, steps=arguments.steps)
    started = last_log = last_checkpoint = time.monotonic()
    session_steps, losses, window = 0, [], []
    try:
        header, spec = producers.header, network.spec
        emphasis_weight = header.get("emphasis_weight")
        if emphasis_weight is not None:
            print(f"attributeEmphasis: the pixels the stream marks weigh {1 + emphasis_weight:g}x in the gradient",
                  file=sys.stderr, flush=True)
        if (header["height"], header["width"], header["num_ws"]) != (spec.resolution, spec.width(spec.resolution), spec.num_ws):
            raise SystemExit(f"error: the sample stream ({header['height']}x{header['width']}, {header['num_ws']} w rows) "
                             f"does not fit the model in {arguments.init}")
        def eager_loss(z_a, z_b, from_b, target, emphasis=None):
            """(the loss trained on, the plain mean squared error reported, the A latents' w)."""
            # The renderer's RGBA, channels first, as the network's v / 127.5 - 1.
            target = target.permute(0, 3, 1, 2).float() / 127.5 - 1
            w_a, w_b = network.mapping(z_a), network.mapping(z_b)
            ws = torch.where(from_b.bool()[:, :, None], w_b[:, None, :], w_a[:, None, :])
            squared = (network.synthesis(ws) - target).square()
            loss = squared.mean()
            if emphasis is None:
                return loss, loss, w_a
            return (squared * emphasis_weights(emphasis, emphasis_weight)[:, None]).mean(), loss, w_a

        step_loss = torch.compile(eager_loss) if arguments.compile else eager_loss
        profiler = StepProfiler(arguments.profile or 0, device)
        while time.monotonic() - started < minutes * 60 and not STOP:
            if arguments.steps is not None and session_steps >= arguments.steps:
                break
            batch = producers.next_batch()
            if batch is None:
                break
            if batch.step != step:
                raise SystemExit(f"error: the sample stream gave step {batch.step} where step {step} was due")
            inputs = [torch.from_numpy(batch.z_a).to(device), torch.from_numpy(batch.z_b).to(device),
                      torch.from_numpy(batch.from_b).to(device), torch.from_numpy(batch.target).to(device)]
            if emphasis_weight is not None:
                inputs.append(torch.from_numpy(batch.emphasis).to(device))
            try:
                objective, loss, w_a = step_loss(*inputs)
            except Exception as error:  # a compiler that fails on this machine: go on uncompiled
                if step_loss is eager_loss:
                    raise
                print(f"note: --compile failed ({type(error).__name__}: {str(error)[:300]}); training uncompiled",
                      file=sys.stderr, flush=True)
                step_loss = eager_loss
                objective, loss, w_a = step_loss(*inputs)
            for group in optimiser.param_groups:
                group["lr"] = model_file.learning_rate(config, rate, batch_size, session_steps * batch_size)
            optimiser.zero_grad(set_to_none=True)
            objective.backward()
            optimiser.step()
            with torch.no_grad():
                averager.update(parameters)
                # The official running average: w_avg <- lerp(batch mean of the A latents' w, w_avg, beta).
                w_avg.copy_(w_beta * w_avg + (1 - w_beta) * w_a.detach().mean(dim=0))
            step, images, session_steps = step + 1, images + batch_size, session_steps + 1
            profiler.after_step(session_steps)
            losses.append(loss.detach())
            now = time.monotonic()
            checkpoint = now - last_checkpoint >= checkpoint_seconds
            if checkpoint:
                write_model(arguments.out, network, averager, metadata, config, step, images, batch_size, rate)
                last_checkpoint = now
            if checkpoint or now - last_log >= arguments.log_seconds:
                window = (window + [float(v) for v in torch.stack(losses).cpu()])[-50:]
                losses = []
                mean = sum(window) / len(window)
                print(f"step {step}  images {images}  loss {mean:.5f} (PSNR {10 * math.log10(4 / mean):.2f} dB)  "
                      f"{session_steps * batch_size / (now - started):.1f} img/s  "
                      f"(waited for samples {100 * producers.waited_seconds / (now - started):.0f}% of the time)  "
                      f"{(now - started) / 60:.1f}/{minutes:g} min"
                      + ("  [checkpoint]" if checkpoint else ""), file=sys.stderr, flush=True)
                last_log = now
    finally:
        producers.close()
    write_model(arguments.out, network, averager, metadata, config, step, images, batch_size, rate)
    seconds = time.monotonic() - started
    print(f"wrote {arguments.out} after {step} steps, {images} images ({session_steps} steps, "
          f"{session_steps * batch_size / max(seconds, 1e-9):.1f} img/s this session, {seconds / 60:.1f} min, "
          f"{100 * producers.waited_seconds / max(seconds, 1e-9):.0f}% of it waiting for samples)", flush=True)


def main(argv):
    arguments = parse_arguments(argv)
    # A terminated run (a session's time limit) ends its step and writes the model.
    signal.signal(signal.SIGTERM, lambda *_: STOP.append(True))
    try:
        train(arguments)
    except (ModelError, model_file.ModelFileError, StreamError, OSError) as error:
        raise SystemExit(f"error: {error}") from None


STOP = []

if __name__ == "__main__":
    main(sys.argv[1:])
