#!/usr/bin/env python3
"""How fast a mapping network can learn to read a latent attribute code: a cheap proxy for
recipe choices that would otherwise take GPU hours to compare (issue: default art).

    python3 tools/latent_code_proxy.py --code bins --mapping-lr-multiplier 0.1 --steps 4000

The default models' attribute accuracy is lowest for many-valued attributes (expression, skin,
hair, eye and cloth colours), and their image is a function of w alone, so whatever the mapping
network cannot tell apart, the synthesis cannot draw apart. The proxy keeps only that part: the
models' mapping (z / rms(z), `--layers` fully connected layers of `--width`, leaky ReLU with gain
sqrt 2, equalised learning rate with `--mapping-lr-multiplier`), then one linear read-out (lr
multiplier 1, as the synthesis' affine layers) trained with Adam on the mean squared error against
each attribute's appearance: the RGB of the skin, hair, eye, main and trim colours (in [-1, 1])
and the expression as one of 8 orthogonal directions. Accuracy is the share of fresh latents
whose read-out is nearest its own value (the evaluator's criterion on one pixel per attribute).

Codes (`--code`): `bins` is LatentAttributeCode (expression: one coordinate in 8 bins; skin: one
coordinate in 7 bins; hair, eye, main, trim: the named colour nearest an RGB point of three
coordinates); `bits-expression` the same with the expression as 3 sign bits; `bits` every
attribute as sign bits (value = code index mod count). The palettes are read from
Sources/StyleCastArt/ColourChoices.swift. Needs numpy (and scipy if present, for speed).
"""
import argparse
import math
import os
import re

import numpy as np

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def palettes():
    """Each colour enum's RGB values in case order, in [0, 1]."""
    with open(os.path.join(REPOSITORY, "Sources", "StyleCastArt", "ColourChoices.swift")) as file:
        text = file.read()
    found = {}
    for name, body in re.findall(r"public enum (\w+): String, CaseIterable.*?\n(.*?)\n}\n", text, re.S):
        values = [int(h, 16) for h in re.findall(r"RGB\(hex: 0x([0-9A-Fa-f]{6})\)", body)]
        found[name] = np.array([[(v >> 16) & 255, (v >> 8) & 255, v & 255] for v in values], float) / 255
    return found["SkinTone"], found["HairColour"], found["EyeColour"], found["ClothColour"]


SKIN, HAIR, EYE, CLOTH = palettes()
try:
    from scipy.special import ndtr as normal_cdf
except ImportError:  # slower, same values
    normal_cdf = np.vectorize(lambda x: 0.5 * math.erfc(-x / math.sqrt(2)))


def nearest(points, palette):
    return np.argmin(((points[:, None, :] - palette[None]) ** 2).sum(-1), 1)


def sign_bits(x, start, count):
    return ((x[:, start:start + count] > 0).astype(int) * (1 << np.arange(count))).sum(1)


def attributes(z, code):
    """(expression, skin, hair, eye, main, trim) indices of each latent."""
    x = z / np.sqrt((z ** 2).mean(1, keepdims=True) + 1e-8)
    u = normal_cdf(x)
    if code == "bits":
        main = sign_bits(x, 15, 5) % len(CLOTH)
        trim = sign_bits(x, 20, 5) % (len(CLOTH) - 1)
        return (sign_bits(x, 0, 3), sign_bits(x, 3, 3) % len(SKIN), sign_bits(x, 6, 5) % len(HAIR),
                sign_bits(x, 11, 4) % len(EYE), main, trim + (trim >= main))
    expression = np.minimum(7, (u[:, 0] * 8).astype(int)) if code == "bins" else sign_bits(x, 14, 3)
    skin = np.minimum(len(SKIN) - 1, (u[:, 1] * len(SKIN)).astype(int))
    main = nearest(u[:, 8:11], CLOTH)
    trim_distance = ((u[:, 11:14][:, None] - CLOTH[None]) ** 2).sum(-1)
    trim_distance[np.arange(len(z)), main] = np.inf
    return expression, skin, nearest(u[:, 2:5], HAIR), nearest(u[:, 5:8], EYE), main, trim_distance.argmin(1)


def appearance(values):
    expression, skin, hair, eye, main, trim = values
    return np.concatenate([np.eye(8)[expression]] + [p[i] * 2 - 1 for p, i in
                          ((SKIN, skin), (HAIR, hair), (EYE, eye), (CLOTH, main), (CLOTH, trim))], 1)


def accuracy(read_out, values):
    names = ("expression", "skin", "hair", "eye", "main", "trim")
    shares = {"expression": float((read_out[:, :8].argmax(1) == values[0]).mean())}
    for k, (name, palette) in enumerate(zip(names[1:], (SKIN, HAIR, EYE, CLOTH, CLOTH))):
        colours = (read_out[:, 8 + 3 * k:11 + 3 * k] + 1) / 2
        shares[name] = float((nearest(colours, palette) == values[k + 1]).mean())
    return shares


def train(code, steps, layers, width, mapping_lr_multiplier, learning_rate, batch, z_dim=32, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [z_dim] + [width] * layers
    # Stored parameters and the runtime gains of the equalised learning rate, as the models have them.
    weights = [rng.standard_normal((sizes[i], sizes[i + 1])) / mapping_lr_multiplier for i in range(layers)]
    gains = [mapping_lr_multiplier / math.sqrt(sizes[i]) for i in range(layers)]
    biases = [np.zeros(width) for _ in range(layers)]
    read_weight, read_bias = rng.standard_normal((width, 23)), np.zeros(23)
    parameters = weights + biases + [read_weight, read_bias]
    multipliers = gains + [mapping_lr_multiplier] * layers + [1 / math.sqrt(width), 1.0]
    first, second = [np.zeros_like(p) for p in parameters], [np.zeros_like(p) for p in parameters]

    def forward(z):
        h = z / np.sqrt((z ** 2).mean(1, keepdims=True) + 1e-8)
        inputs, pre_activations = [], []
        for i in range(layers):
            inputs.append(h)
            pre = h @ (parameters[i] * multipliers[i]) + parameters[layers + i] * multipliers[layers + i]
            pre_activations.append(pre)
            h = np.where(pre > 0, pre, 0.2 * pre) * math.sqrt(2)
        return h @ (read_weight * multipliers[-2]) + read_bias * multipliers[-1], inputs, pre_activations, h

    for step in range(steps):
        z = rng.standard_normal((batch, z_dim))
        out, inputs, pre_activations, w = forward(z)
        d_out = 2 * (out - appearance(attributes(z, code))) / out.size
        gradients = [None] * len(parameters)
        gradients[-2], gradients[-1] = w.T @ d_out * multipliers[-2], d_out.sum(0) * multipliers[-1]
        d_h = d_out @ (read_weight * multipliers[-2]).T
        for i in reversed(range(layers)):
            d_pre = d_h * np.where(pre_activations[i] > 0, 1, 0.2) * math.sqrt(2)
            gradients[i] = inputs[i].T @ d_pre * multipliers[i]
            gradients[layers + i] = d_pre.sum(0) * multipliers[layers + i]
            d_h = d_pre @ (parameters[i] * multipliers[i]).T
        for k, parameter in enumerate(parameters):  # Adam, betas 0.9 / 0.99 as the trainers
            first[k] = 0.9 * first[k] + 0.1 * gradients[k]
            second[k] = 0.99 * second[k] + 0.01 * gradients[k] ** 2
            parameter -= (learning_rate * first[k] / (1 - 0.9 ** (step + 1))
                          / (np.sqrt(second[k] / (1 - 0.99 ** (step + 1))) + 1e-8))
    z = np.random.default_rng(99).standard_normal((4000, z_dim))
    return accuracy(forward(z)[0], attributes(z, code))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", choices=("bins", "bits-expression", "bits"), default="bins")
    parser.add_argument("--steps", type=int, default=4000, help="Adam steps of --batch latents")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2, help="mapping layers (the models have 2)")
    parser.add_argument("--width", type=int, default=128, help="mapping width = w_dim (the models have 128)")
    parser.add_argument("--mapping-lr-multiplier", type=float, default=0.1, help="the models' lr_multiplier (0.1)")
    parser.add_argument("--learning-rate", type=float, default=0.002)
    arguments = parser.parse_args()
    shares = train(arguments.code, arguments.steps, arguments.layers, arguments.width,
                   arguments.mapping_lr_multiplier, arguments.learning_rate, arguments.batch)
    print(f"code {arguments.code}, {arguments.steps} steps of {arguments.batch}, mapping {arguments.layers}x{arguments.width} "
          f"lr_multiplier {arguments.mapping_lr_multiplier:g}, Adam {arguments.learning_rate:g}: "
          + ", ".join(f"{name} {100 * share:.1f}%" for name, share in shares.items()))


if __name__ == "__main__":
    main()
