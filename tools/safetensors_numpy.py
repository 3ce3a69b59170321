"""Reads and writes `.safetensors` files with numpy alone.

Layout (the one the reference `safetensors` library writes, which StyleCast's loader reads):
8-byte little-endian header length N, N bytes of compact JSON header padded with spaces to a
multiple of 8, then the data block. The header holds `__metadata__` first (string values), then one
entry per tensor, `{"dtype", "shape", "data_offsets": [begin, end]}`, in data order: wider dtypes
first, then by name, so the same tensors always give the same bytes.
"""

import json
import os
import struct
import tempfile

import numpy as np

# safetensors dtype name -> numpy little-endian dtype. BF16 has no numpy type: it is read as raw
# uint16 bits and widened to float32 by `_bf16_bits_to_float32`.
_DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "BF16": np.dtype("<u2"),
}
_NAMES_BY_NUMPY = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32", np.dtype("<f2"): "F16"}

# Headers beyond this are not plausible for a generator; refused before allocating.
MAXIMUM_HEADER_BYTES = 64 << 20


class SafeTensorsError(Exception):
    """A file that is not a readable safetensors file, or tensors that cannot be written as one."""


def _bf16_bits_to_float32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def read_safetensors(path):
    """Returns `(tensors, metadata)`: a dict name -> numpy array (BF16 widened to float32) in file
    order, and the `__metadata__` dict (empty when absent)."""
    with open(path, "rb") as file:
        raw = file.read()
    if len(raw) < 8:
        raise SafeTensorsError(f"{path}: not a safetensors file (shorter than its 8-byte header length)")
    (header_length,) = struct.unpack("<Q", raw[:8])
    if header_length > MAXIMUM_HEADER_BYTES or 8 + header_length > len(raw):
        raise SafeTensorsError(f"{path}: not a safetensors file (header length {header_length} runs past the file)")
    try:
        header = json.loads(raw[8:8 + header_length])
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SafeTensorsError(f"{path}: not a safetensors file (header is not JSON: {error})") from None
    if not isinstance(header, dict):
        raise SafeTensorsError(f"{path}: not a safetensors file (header is not a JSON object)")
    data = memoryview(raw)[8 + header_length:]
    metadata = header.pop("__metadata__", None) or {}
    tensors = {}
    for name, info in header.items():
        try:
            dtype = _DTYPES[info["dtype"]]
            shape = tuple(int(n) for n in info["shape"])
            begin, end = (int(n) for n in info["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise SafeTensorsError(f"{path}: tensor '{name}' needs a dtype of {sorted(_DTYPES)}, a shape and data_offsets") from None
        count = int(np.prod(shape, dtype=np.int64))
        if not 0 <= begin <= end <= len(data) or end - begin != count * dtype.itemsize:
            raise SafeTensorsError(f"{path}: tensor '{name}' data_offsets [{begin}, {end}] do not hold {info['dtype']} {list(shape)}")
        array = np.frombuffer(data[begin:end], dtype=dtype).reshape(shape)
        tensors[name] = _bf16_bits_to_float32(array) if info["dtype"] == "BF16" else array.copy()
    return tensors, metadata


def safetensors_bytes(tensors, metadata):
    """The bytes of a safetensors file holding `tensors` (name -> float64/32/16 numpy array) and
    `metadata` (str -> str)."""
    entries = []
    for name, array in tensors.items():
        dtype = np.dtype(array.dtype).newbyteorder("<")
        if dtype not in _NAMES_BY_NUMPY:
            raise SafeTensorsError(f"tensor '{name}' has dtype {array.dtype}; only float64/32/16 are written")
        # np.ascontiguousarray would turn 0-d tensors (magnitude_ema) into shape [1].
        entries.append((name, _NAMES_BY_NUMPY[dtype], np.require(array, dtype=dtype, requirements="C")))
    # Wider dtypes first keeps every tensor aligned to its element size; names break ties.
    entries.sort(key=lambda entry: (-entry[2].dtype.itemsize, entry[0]))

    header = {"__metadata__": {key: metadata[key] for key in sorted(metadata)}} if metadata else {}
    for key, value in header.get("__metadata__", {}).items():
        if not isinstance(value, str):
            raise SafeTensorsError(f"metadata '{key}' must be a string, not {type(value).__name__}")
    offset = 0
    for name, dtype_name, array in entries:
        header[name] = {"dtype": dtype_name, "shape": list(array.shape), "data_offsets": [offset, offset + array.nbytes]}
        offset += array.nbytes
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    return b"".join([struct.pack("<Q", len(header_bytes)), header_bytes] + [array.tobytes() for _, _, array in entries])


def write_safetensors(path, tensors, metadata):
    """Writes the file atomically: a reader never sees a half-written model."""
    contents = safetensors_bytes(tensors, metadata)
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".safetensors", dir=directory)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)  # mkstemp's 0600 would hide the model from other users
        with os.fdopen(descriptor, "wb") as file:
            file.write(contents)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
