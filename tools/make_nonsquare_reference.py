#!/usr/bin/env python3
"""Writes a reference case for a NON-SQUARE StyleGAN2 (`init_res` [12, 9]) computed by the official
NVlabs `networks_stylegan2` code, into Tests/Resources/official/sg2-skip-48x36-rgba.

    python tools/make_nonsquare_reference.py /path/to/NVlabs-stylegan3-tree [OUT_DIR]

Needs PyTorch (1.12 CPU is enough) and a checkout of NVlabs/stylegan3; nothing of it is copied
here, it is imported from the given path. The official network only builds square power-of-two
images starting at 4x4, but its convolutions, resampling and noise are size-generic: only the
shapes of `const` and `noise_const` and a few shape assertions tie it to squares. So this script
builds the official network at the square "proxy" sizes 4, 8, 16 (channel_base scaled so each
block has the channels the 12, 24, 48-high blocks have), disables `misc.assert_shape`, and swaps
in `const` [C, 12, 9] and `noise_const` [h, w] of the non-square blocks. The tensors are saved
under the names the non-square network has (`synthesis.b12`, ...), with its init_kwargs.
"""

import json
import os
import sys

import numpy as np

INIT_HEIGHT, INIT_WIDTH = 12, 9
BLOCKS = 3  # heights 12, 24, 48; widths 9, 18, 36
CHANNEL_BASE, CHANNEL_MAX = 384, 16
RESOLUTION = INIT_HEIGHT * 2 ** (BLOCKS - 1)
PROXY_RESOLUTION = 4 * 2 ** (BLOCKS - 1)
INIT_KWARGS = {
    "z_dim": 16, "c_dim": 0, "w_dim": 12, "img_resolution": RESOLUTION, "init_res": [INIT_HEIGHT, INIT_WIDTH],
    "img_channels": 4, "mapping_kwargs": {"num_layers": 2}, "channel_base": CHANNEL_BASE, "channel_max": CHANNEL_MAX,
    "num_fp16_res": 0, "conv_clamp": 256, "architecture": "skip",
}
CASES = [(0, 1.0, None, "const"), (3, 0.7, None, "none")]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    nvlabs = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "Tests", "Resources", "official", "sg2-skip-48x36-rgba")
    sys.path.insert(0, nvlabs)
    sys.path.insert(0, here)
    import torch
    from torch_utils import misc
    from training import networks_stylegan2
    from safetensors_numpy import write_safetensors

    misc.assert_shape = lambda *args, **kwargs: None  # the official asserts expect square planes
    torch.manual_seed(0)
    kwargs = dict(INIT_KWARGS)
    del kwargs["init_res"]
    kwargs["img_resolution"] = PROXY_RESOLUTION
    kwargs["channel_base"] = CHANNEL_BASE * 4 // INIT_HEIGHT  # channels(proxy 4 * 2^i) = channels(12 * 2^i)
    G = networks_stylegan2.Generator(**kwargs).eval().requires_grad_(False)

    rename = {f"b{4 * 2 ** i}": f"b{INIT_HEIGHT * 2 ** i}" for i in range(BLOCKS)}
    generator = torch.Generator().manual_seed(1)
    for i, block_name in enumerate(sorted(rename, key=lambda name: int(name[1:]))):
        block = getattr(G.synthesis, block_name)
        height, width = INIT_HEIGHT * 2 ** i, INIT_WIDTH * 2 ** i
        if block.in_channels == 0:
            block.const = torch.nn.Parameter(torch.randn([block.const.shape[0], height, width], generator=generator))
        for layer in (block.conv0 if block.in_channels else None, block.conv1):
            if layer is not None:
                layer.noise_const = torch.randn([height, width], generator=generator)
    # No term left at its neutral initial value (zero biases, unit noise strength...).
    G.requires_grad_(False)
    for name, tensor in list(G.named_parameters()) + list(G.named_buffers()):
        if "resample_filter" in name or tensor.dtype != torch.float32:
            continue
        std = 0.2 if tensor.ndim <= 1 else 0.05
        tensor.add_(torch.randn(tensor.shape, generator=generator) * std)

    def tensor_name(name):
        parts = name.split(".")
        if len(parts) > 1 and parts[0] == "synthesis":
            parts[1] = rename[parts[1]]
        return ".".join(parts)

    os.makedirs(out, exist_ok=True)
    state = {tensor_name(name): value.numpy().astype(np.float32) for name, value in G.state_dict().items()}
    metadata = {"class": "networks_stylegan2.Generator", "init_kwargs": json.dumps(INIT_KWARGS), "num_ws": str(G.num_ws)}
    write_safetensors(os.path.join(out, "model.safetensors"), state, metadata)

    cases = []
    c = torch.zeros([1, 0])
    for seed, psi, cutoff, noise_mode in CASES:
        tag = f"seed{seed}_psi{psi}_cut{cutoff}_{noise_mode}"
        z = np.random.RandomState(seed).randn(1, INIT_KWARGS["z_dim"])
        ws = G.mapping(torch.from_numpy(z).float(), c, truncation_psi=psi, truncation_cutoff=cutoff)
        img = G.synthesis(ws, noise_mode=noise_mode)
        files = {key: f"{tag}.{key}.npy" for key in ("z", "c", "ws", "img")}
        np.save(os.path.join(out, files["z"]), z)
        np.save(os.path.join(out, files["c"]), c.numpy())
        np.save(os.path.join(out, files["ws"]), ws.numpy())
        np.save(os.path.join(out, files["img"]), img.numpy())
        cases.append({"tag": tag, "seed": seed, "truncation_psi": psi, "truncation_cutoff": cutoff,
                      "noise_mode": noise_mode, "files": files})

    # dL/dws of L = sum(synthesis(ws, const) * R) by autograd.
    z = torch.from_numpy(np.random.RandomState(5).randn(1, INIT_KWARGS["z_dim"])).float()
    ws = G.mapping(z, c).detach().requires_grad_(True)
    img = G.synthesis(ws, noise_mode="const")
    weights = np.random.RandomState(6).randn(*img.shape).astype(np.float32)
    (img * torch.from_numpy(weights)).sum().backward()
    np.save(os.path.join(out, "grad.ws.npy"), ws.detach().numpy())
    np.save(os.path.join(out, "grad.R.npy"), weights)
    np.save(os.path.join(out, "grad.dws.npy"), ws.grad.numpy())

    summary = {"model": "model.safetensors", "init_kwargs": INIT_KWARGS, "num_ws": G.num_ws, "cases": cases,
               "grad": {"ws": "grad.ws.npy", "R": "grad.R.npy", "dws": "grad.dws.npy"}}
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"wrote {out}: image {list(img.shape)}, num_ws {G.num_ws}")


if __name__ == "__main__":
    main()
