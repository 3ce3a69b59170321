#!/usr/bin/env python3
"""Writes the tiny NumPy latent files under Tests/Resources/latents that the latent-file tests
read: the same float32 ws [1, 3, 4] saved by np.save, np.savez (stored zip entries) and
np.savez_compressed (deflated entries), plus an .npz without a 'w' array."""
import os
import numpy as np

folder = os.path.join(os.path.dirname(__file__), "..", "Tests", "Resources", "latents")
os.makedirs(folder, exist_ok=True)
w = (np.arange(12, dtype=np.float32).reshape(1, 3, 4) - 5.5) / 4
np.save(os.path.join(folder, "w_1x3x4.npy"), w)
np.savez(os.path.join(folder, "w_1x3x4_stored.npz"), w=w)
np.savez_compressed(os.path.join(folder, "w_1x3x4_deflated.npz"), w=w, other=np.zeros(5))
np.savez(os.path.join(folder, "no_w.npz"), latents=w)
