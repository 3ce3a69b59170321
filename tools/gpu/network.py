"""StyleCast's StyleGAN2 generator (NVlabs tensor names and maths) in PyTorch, for training on a GPU.

Written from the StyleGAN2 paper's equations as the NVlabs `networks_stylegan2` code states them
(the same functions StyleCast's Swift engine computes, Sources/StyleGAN/StyleGAN2*.swift):

- mapping: z / sqrt(mean(z^2) + 1e-8), then fully connected layers whose stored weights are
  scaled at run time by lr_multiplier / sqrt(fan_in) (bias by lr_multiplier), each followed by
  leaky ReLU (0.2) times sqrt(2).
- synthesis layer: styles s = affine(w) (gain 1/sqrt(w_dim), bias initialised to 1); the input is
  scaled by s, convolved (3x3), and each output channel scaled by 1 / sqrt(sum (W s)^2 + 1e-8);
  then const noise, bias, leaky ReLU times sqrt(2), clamp. An up-sampling layer convolves
  transposed with stride 2 and low-passes with the [1, 3, 3, 1] filter (gain 4, padding 1).
- toRGB: 1x1 convolution modulated by affine(w) / sqrt(C), no demodulation, bias, clamp.
- skip architecture: the image so far is up-sampled (same filter, gain 4) and each block's toRGB
  added. Block i takes w rows [k, k + num_conv + 1), k advancing by num_conv.
- StyleCast's extension `init_res` [h, w]: the first block is h x w instead of 4 x 4.

The model keeps the file's tensors under their file names (`tensor(name)`), so a trained model
writes back with exactly the names, shapes and buffers that `stylecast` reads.
"""

import json
import math

import numpy as np
import torch
import torch.nn.functional as F

SQRT2 = math.sqrt(2)

# Buffers: not trained (as TensorSpec.isParameter in Sources/StyleGAN/StyleGAN2Spec.swift).
BUFFER_SUFFIXES = ("resample_filter", "noise_const", "w_avg")


class ModelError(Exception):
    """A model file this trainer cannot build a network from; the message says why."""


class Spec:
    """`init_kwargs` of a StyleGAN2 generator, with the NVlabs defaults."""

    def __init__(self, init_kwargs):
        kwargs = dict(init_kwargs)
        mapping = dict(kwargs.pop("mapping_kwargs", {}) or {})
        self.z_dim = int(kwargs.get("z_dim", 512))
        self.c_dim = int(kwargs.get("c_dim", 0))
        self.w_dim = int(kwargs.get("w_dim", 512))
        self.resolution = int(kwargs["img_resolution"])
        self.channels = int(kwargs.get("img_channels", 3))
        self.init_height, self.init_width = (int(n) for n in kwargs.get("init_res", [4, 4]))
        self.channel_base = int(kwargs.get("channel_base", 32768))
        self.channel_max = int(kwargs.get("channel_max", 512))
        self.architecture = kwargs.get("architecture", "skip")
        self.conv_clamp = kwargs.get("conv_clamp", 256)
        self.use_noise = bool(kwargs.get("use_noise", True))
        self.filter = [float(v) for v in kwargs.get("resample_filter", [1, 3, 3, 1])]
        self.mapping_layers = int(mapping.get("num_layers", 8))
        self.layer_features = int(mapping.get("layer_features", self.w_dim))
        self.lr_multiplier = float(mapping.get("lr_multiplier", 0.01))
        if self.c_dim != 0:
            raise ModelError("conditional models (c_dim > 0) are not trained here")
        if self.architecture not in ("skip", "orig"):
            raise ModelError(f"architecture {self.architecture!r} is not trained here (skip or orig)")
        for key in ("activation", "kernel_size"):
            if key in kwargs and kwargs[key] not in ("lrelu", 3):
                raise ModelError(f"init_kwargs {key}={kwargs[key]!r} is not supported (lrelu, 3x3)")
        self.blocks = []
        res = self.init_height
        while res <= self.resolution:
            self.blocks.append(res)
            res *= 2
        if not self.blocks or self.blocks[-1] != self.resolution:
            raise ModelError(f"img_resolution {self.resolution} is not init_res height {self.init_height} times a power of two")

    def width(self, res):
        return res // self.init_height * self.init_width

    def features(self, res):
        return min(self.channel_base // res, self.channel_max)

    def num_conv(self, res):
        return 1 if res == self.init_height else 2

    def has_torgb(self, res):
        return self.architecture == "skip" or res == self.resolution

    @property
    def num_ws(self):
        return sum(self.num_conv(res) for res in self.blocks) + 1

    @property
    def filter_2d(self):
        f = np.asarray(self.filter, dtype=np.float64)
        f = np.outer(f, f) / f.sum() ** 2
        return f.astype(np.float32)


def _lrelu(x, gain=SQRT2):
    return F.leaky_relu(x, 0.2) * gain


def _pad_channels(name, value, multiple):
    """Zero-pads the feature-channel dimensions of a synthesis tensor to a multiple of `multiple`."""
    if not name.startswith("synthesis."):
        return value
    leaf = name.rsplit(".", 1)[-1]
    parent = name.rsplit(".", 2)[-2]
    if leaf == "const" or (leaf == "bias" and parent != "torgb"):
        channel_dims = [0]  # const [C, h, w]; a layer's bias [C_out]
    elif parent == "affine":
        channel_dims = [0]  # affine weight [C_in, w_dim], bias [C_in]
    elif leaf == "weight" and parent == "torgb":
        channel_dims = [1]  # [img_channels, C, 1, 1]
    elif leaf == "weight":
        channel_dims = [0, 1]  # [C_out, C_in, 3, 3]
    else:
        return value  # torgb bias (image channels), noise, filters
    padding = [0] * (2 * value.dim())
    for dim in channel_dims:
        # F.pad lists (before, after) pairs from the last dimension.
        padding[2 * (value.dim() - 1 - dim) + 1] = -value.shape[dim] % multiple
    return F.pad(value, padding)


class Generator(torch.nn.Module):
    """Mapping and synthesis networks over the tensors of a model file (name -> numpy array)."""

    def __init__(self, init_kwargs, tensors, pad_channels=None):
        """`pad_channels` n: the synthesis's feature maps get zero channels up to a multiple of n
        (GPU kernels that want aligned channel counts). Exact: the padded weights, biases and styles
        are zero, so are the padded channels and their gradients, and Adam keeps them zero; the
        file's shapes come back in `state_numpy` and `file_array`."""
        super().__init__()
        self.init_kwargs_json = init_kwargs if isinstance(init_kwargs, str) else json.dumps(init_kwargs)
        self.spec = spec = Spec(json.loads(self.init_kwargs_json))
        self.names = sorted(tensors)
        self._slots = {}
        self._file_shapes = {name: tuple(np.shape(tensors[name])) for name in self.names}
        for name in self.names:
            value = torch.from_numpy(np.array(tensors[name], dtype=np.float32))  # (ascontiguousarray makes 0-d 1-d)
            if pad_channels:
                value = _pad_channels(name, value, pad_channels)
            slot = name.replace(".", "__")
            if name.endswith(BUFFER_SUFFIXES):
                self.register_buffer(slot, value)
            else:
                self.register_parameter(slot, torch.nn.Parameter(value))
            self._slots[name] = slot
        self._check_shapes()
        expected = torch.from_numpy(spec.filter_2d)
        for name in self.names:
            if name.endswith("resample_filter") and not torch.allclose(self.tensor(name), expected, rtol=1e-5, atol=1e-7):
                raise ModelError(f"tensor '{name}' is not the resample filter {spec.filter} that init_kwargs give")
        taps = len(spec.filter)
        # Filter taps for a depthwise convolution; flipped, as upfirdn2d convolves (not correlates).
        self.register_buffer("_up_filter", torch.from_numpy(spec.filter_2d[::-1, ::-1].copy() * 4).reshape(1, 1, taps, taps))
        # upfirdn2d padding after a stride-2 transposed 3x3 convolution (conv2d_resample, up=2, padding=1).
        self._conv_up_pad = ((taps + 1) // 2 - 1, (taps - 2) // 2)

    @classmethod
    def from_file(cls, path, pad_channels=None):
        from safetensors_numpy import read_safetensors

        tensors, metadata = read_safetensors(path)
        if metadata.get("class") != "networks_stylegan2.Generator" or "init_kwargs" not in metadata:
            raise ModelError(f"{path}: not a StyleGAN2 model file (metadata class {metadata.get('class')!r})")
        try:
            return cls(metadata["init_kwargs"], tensors, pad_channels), metadata
        except ModelError as error:
            raise ModelError(f"{path}: {error}") from None

    def tensor(self, name):
        return getattr(self, self._slots[name])

    def trainable(self):
        """(name, parameter) of the trained tensors, in name order."""
        return [(name, self.tensor(name)) for name in self.names if not name.endswith(BUFFER_SUFFIXES)]

    def file_array(self, name, value):
        """A value of tensor `name` (this network's shape) as float32 numpy in the file's shape."""
        shape = self._file_shapes[name]
        return value.detach()[tuple(slice(0, n) for n in shape)].cpu().numpy().astype(np.float32).reshape(shape)

    def state_numpy(self):
        """Every tensor as float32 numpy, under its file name, in the file's shape."""
        return {name: self.file_array(name, self.tensor(name)) for name in self.names}

    def _check_shapes(self):
        spec = self.spec
        expected = {}
        features = [spec.z_dim] + [spec.layer_features] * (spec.mapping_layers - 1) + [spec.w_dim]
        for i in range(spec.mapping_layers):
            expected[f"mapping.fc{i}.weight"] = (features[i + 1], features[i])
            expected[f"mapping.fc{i}.bias"] = (features[i + 1],)
        for res in spec.blocks:
            out_c, width = spec.features(res), spec.width(res)
            layers = []
            if res == spec.init_height:
                expected[f"synthesis.b{res}.const"] = (out_c, res, width)
            else:
                layers.append(("conv0", spec.features(res // 2)))
            layers.append(("conv1", out_c))
            for layer, in_c in layers:
                prefix = f"synthesis.b{res}.{layer}"
                expected[f"{prefix}.affine.weight"] = (in_c, spec.w_dim)
                expected[f"{prefix}.weight"] = (out_c, in_c, 3, 3)
                expected[f"{prefix}.bias"] = (out_c,)
                if spec.use_noise:
                    expected[f"{prefix}.noise_const"] = (res, width)
                    expected[f"{prefix}.noise_strength"] = ()
            if spec.has_torgb(res):
                expected[f"synthesis.b{res}.torgb.affine.weight"] = (out_c, spec.w_dim)
                expected[f"synthesis.b{res}.torgb.weight"] = (spec.channels, out_c, 1, 1)
        for name, shape in expected.items():
            if name not in self._slots:
                raise ModelError(f"tensor '{name}' is missing for this generator")
            if self._file_shapes[name] != shape:
                raise ModelError(f"tensor '{name}' has shape {list(self._file_shapes[name])}, the generator needs {list(shape)}")

    # --- mapping -----------------------------------------------------------------------------

    def mapping(self, z):
        """z [N, z_dim] -> w [N, w_dim] (one row; broadcast and truncation are the caller's)."""
        spec = self.spec
        x = z * torch.rsqrt(z.square().mean(dim=1, keepdim=True) + 1e-8)
        for i in range(spec.mapping_layers):
            weight = self.tensor(f"mapping.fc{i}.weight")
            gain = spec.lr_multiplier / math.sqrt(weight.shape[1])
            x = _lrelu(F.linear(x, weight * gain, self.tensor(f"mapping.fc{i}.bias") * spec.lr_multiplier))
        return x

    def truncate(self, w, psi, cutoff=None):
        """ws [N, num_ws, w_dim] pulled toward w_avg: w_avg + psi (w - w_avg) on the first `cutoff` rows."""
        if psi == 1:
            return w
        w_avg = self.tensor("mapping.w_avg")
        rows = w.shape[1] if cutoff is None else min(cutoff, w.shape[1])
        w = w.clone()
        w[:, :rows] = torch.lerp(w_avg, w[:, :rows], psi)
        return w

    # --- synthesis ---------------------------------------------------------------------------

    def _affine(self, prefix, w):
        weight = self.tensor(f"{prefix}.affine.weight")
        return F.linear(w, weight / math.sqrt(weight.shape[1]), self.tensor(f"{prefix}.affine.bias"))

    def _depthwise(self, x, pad):
        channels = x.shape[1]
        x = F.pad(x, [pad[0], pad[1], pad[0], pad[1]])
        return F.conv2d(x, self._up_filter.expand(channels, 1, -1, -1), groups=channels)

    def _upsample(self, image):
        """upfirdn2d.upsample2d (zeros between samples, pad, low-pass with gain 4) as one depthwise
        transposed convolution, whose kernel is the filter unflipped."""
        channels, taps = image.shape[1], self._up_filter.shape[-1]
        kernel = self._up_filter.flip([2, 3]).expand(channels, 1, -1, -1)
        # Transposed padding p leaves taps - 1 - p zeros before the stuffed signal; upsample2d pads
        # (taps + 1) // 2. The output is then 2H (+1 for odd taps, cropped).
        p = taps - 1 - (taps + 1) // 2
        h, w = image.shape[2], image.shape[3]
        out = F.conv_transpose2d(image, kernel, stride=2, padding=p, groups=channels)
        return out[:, :, :2 * h, :2 * w]

    def _layer(self, prefix, x, w, up, noise_mode):
        spec = self.spec
        weight = self.tensor(f"{prefix}.weight")
        styles = self._affine(prefix, w)
        demod = torch.rsqrt(styles.square() @ weight.square().sum(dim=[2, 3]).t() + 1e-8)
        x = x * styles[:, :, None, None]
        if up:
            x = F.conv_transpose2d(x, weight.transpose(0, 1), stride=2)
            x = self._depthwise(x, self._conv_up_pad)
        else:
            x = F.conv2d(x, weight, padding=1)
        x = x * demod[:, :, None, None]
        if spec.use_noise and noise_mode == "const":
            x = x + self.tensor(f"{prefix}.noise_const") * self.tensor(f"{prefix}.noise_strength")
        elif spec.use_noise and noise_mode != "none":
            raise ModelError(f"noise mode {noise_mode!r}: only const and none are computed here")
        x = _lrelu(x + self.tensor(f"{prefix}.bias")[None, :, None, None])
        if spec.conv_clamp is not None:
            x = x.clamp(-spec.conv_clamp, spec.conv_clamp)
        return x

    def _torgb(self, prefix, x, w):
        weight = self.tensor(f"{prefix}.weight")
        styles = self._affine(prefix, w) / math.sqrt(self._file_shapes[f"{prefix}.weight"][1])  # the real channels
        x = F.conv2d(x * styles[:, :, None, None], weight) + self.tensor(f"{prefix}.bias")[None, :, None, None]
        if self.spec.conv_clamp is not None:
            x = x.clamp(-self.spec.conv_clamp, self.spec.conv_clamp)
        return x

    def synthesis(self, ws, noise_mode="const"):
        """ws [N, num_ws, w_dim] -> image [N, img_channels, H, W] (raw, about [-1, 1])."""
        spec = self.spec
        if ws.shape[1:] != (spec.num_ws, spec.w_dim):
            raise ModelError(f"ws must be [N, {spec.num_ws}, {spec.w_dim}], got {list(ws.shape)}")
        image, x, row = None, None, 0
        for res in spec.blocks:
            block = f"synthesis.b{res}"
            if res == spec.init_height:
                x = self.tensor(f"{block}.const").unsqueeze(0).expand(ws.shape[0], -1, -1, -1)
            else:
                x = self._layer(f"{block}.conv0", x, ws[:, row], up=True, noise_mode=noise_mode)
            x = self._layer(f"{block}.conv1", x, ws[:, row + spec.num_conv(res) - 1], up=False, noise_mode=noise_mode)
            if image is not None:
                image = self._upsample(image)
            if spec.has_torgb(res):
                y = self._torgb(f"{block}.torgb", x, ws[:, row + spec.num_conv(res)])
                image = y if image is None else image + y
            row += spec.num_conv(res)
        return image

    def forward(self, z, psi=1.0, cutoff=None, noise_mode="const"):
        ws = self.mapping(z).unsqueeze(1).repeat(1, self.spec.num_ws, 1)
        return self.synthesis(self.truncate(ws, psi, cutoff), noise_mode=noise_mode)
