#!/usr/bin/env python3
"""Gives a StyleGAN2 model file's mapping network another learning-rate multiplier, keeping the
function it computes.

    python3 tools/rescale_mapping.py IN.safetensors OUT.safetensors --lr-multiplier 1

With the equalised learning rate a mapping layer computes x @ (weight * m / sqrt(fan_in)).T +
bias * m, where m is `mapping_kwargs.lr_multiplier`: the stored parameters are what the optimiser
moves, m how fast they move. Storing weight * old / new and bias * old / new under the new m is
the same network (up to float rounding) that trains new / old times as fast. This is how the
default models went from 0.1 to 1 without starting over (models/README.md, the stages).
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_numpy import read_safetensors, write_safetensors  # noqa: E402


def rescaled(tensors, metadata, multiplier):
    """The tensors and metadata of the same network with the mapping's lr_multiplier set to `multiplier`."""
    kwargs = json.loads(metadata["init_kwargs"])
    mapping = kwargs.setdefault("mapping_kwargs", {})
    old = float(mapping.get("lr_multiplier", 0.01))  # the NVlabs MappingNetwork's default
    mapping["lr_multiplier"] = multiplier
    scale = np.float32(old / multiplier)
    layers = [name for name in tensors if name.startswith("mapping.fc")]
    if not layers:
        raise SystemExit("error: no mapping.fc* tensors: not a StyleGAN2/3 generator with a mapping network")
    out = {name: (value * scale).astype(np.float32) if name in layers else value for name, value in tensors.items()}
    metadata = dict(metadata, init_kwargs=json.dumps(kwargs, sort_keys=True, separators=(",", ":")))
    return out, metadata, old


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--lr-multiplier", type=float, required=True)
    arguments = parser.parse_args(argv)
    if not arguments.lr_multiplier > 0:
        parser.error(f"--lr-multiplier must be positive, got {arguments.lr_multiplier}")
    tensors, metadata = read_safetensors(arguments.model)
    tensors, metadata, old = rescaled(tensors, metadata, arguments.lr_multiplier)
    write_safetensors(arguments.out, tensors, metadata)
    print(f"{arguments.out}: mapping lr_multiplier {old:g} -> {arguments.lr_multiplier:g}, same function")


if __name__ == "__main__":
    main(sys.argv[1:])
