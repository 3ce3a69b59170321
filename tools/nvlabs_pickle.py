"""Loads NVlabs StyleGAN2-ADA / StyleGAN3 network pickles (`network-snapshot-*.pkl`) with numpy alone.

An official pickle is `pickle.dump(dict(G=..., D=..., G_ema=..., augment_pipe=...,
training_set_kwargs=...))`. Each network is a `torch_utils.persistence` object, pickled as
`_reconstruct_persistent_obj(meta)` where `meta` holds the class name, the source of its module and
the module's `__dict__` (`_parameters`, `_buffers`, `_modules`, `_init_kwargs`, ...). Each tensor is
`torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)` (inside `_rebuild_parameter`
for parameters), and each storage is `torch.storage._load_from_bytes(b)` where `b` is a
`torch.save` of that one storage.

Nothing from the file is executed: the unpickler resolves only the globals listed in
`SafeUnpickler.ALLOWED_GLOBALS`, each mapped to our own numpy code or to a plain data type, and
refuses every other global. A persistent object becomes a `PersistentModule` that holds its state;
its module source is kept as text and never run. This also makes the loader safe on untrusted files.
"""

import collections
import io
import pickle
import struct
import zipfile

import numpy as np


class NetworkPickleError(Exception):
    """A network pickle that cannot be read, with what is wrong and what to do."""


# Torch storage class name -> numpy dtype of its elements (little-endian, as torch.save writes them).
# BFloat16 has no numpy dtype: its raw bits are kept as uint16 and widened when a tensor is built.
_STORAGE_DTYPES = {
    "DoubleStorage": np.dtype("<f8"),
    "FloatStorage": np.dtype("<f4"),
    "HalfStorage": np.dtype("<f2"),
    "BFloat16Storage": np.dtype("<u2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("<i1"),
    "ByteStorage": np.dtype("<u1"),
    "BoolStorage": np.dtype("?"),
    "UntypedStorage": np.dtype("<u1"),
}

# torch.serialization's legacy (non-zip) format constants.
_LEGACY_MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
_LEGACY_PROTOCOL_VERSION = 1001


class StorageType:
    """Stands in for `torch.FloatStorage` and friends inside a storage's `torch.save` bytes."""

    def __init__(self, name):
        self.name = name
        self.dtype = _STORAGE_DTYPES[name]


class TorchStorage:
    """A storage's elements as a flat numpy array (BFloat16 as its uint16 bits)."""

    def __init__(self, storage_type, elements):
        self.type_name = storage_type.name
        self.elements = elements


class TorchTensorClass:
    """Stands in for `torch.Tensor` / `torch.nn.Parameter` where a pickle names the class itself."""

    def __init__(self, name):
        self.name = name


class EasyDict(dict):
    """`dnnlib.util.EasyDict`: a dict; NVlabs uses it for nested constructor kwargs."""


class PersistentModule:
    """A `torch_utils.persistence` object: its class name and pickled `__dict__`, never its code."""

    def __init__(self, class_name, module_source, state):
        self.class_name = class_name
        self.module_source = module_source
        self.state = state

    def attribute(self, name, default=None):
        return self.state.get(name, default)

    @property
    def init_args(self):
        return tuple(self.state.get("_init_args", ()))

    @property
    def init_kwargs(self):
        return dict(self.state.get("_init_kwargs", {}))

    def children(self):
        """Submodules in registration order, skipping those registered as None."""
        return [(name, module) for name, module in self._ordered("_modules").items() if module is not None]

    def state_dict(self, prefix=""):
        """What torch's `state_dict()` holds: `[(name, array, is_parameter)]` in torch's order,
        parameters then persistent buffers then submodules, None entries skipped."""
        entries = []
        for name, value in self._ordered("_parameters").items():
            if value is not None:
                entries.append((prefix + name, self._checked_array(prefix + name, value), True))
        non_persistent = set(self.state.get("_non_persistent_buffers_set") or ())
        for name, value in self._ordered("_buffers").items():
            if value is not None and name not in non_persistent:
                entries.append((prefix + name, self._checked_array(prefix + name, value), False))
        for name, module in self.children():
            if not isinstance(module, PersistentModule):
                raise NetworkPickleError(f"submodule '{prefix + name}' is a {type(module).__name__}, not a persistent NVlabs module")
            entries.extend(module.state_dict(prefix + name + "."))
        return entries

    def _ordered(self, field):
        value = self.state.get(field, {})
        if not isinstance(value, dict):
            raise NetworkPickleError(f"{self.class_name}.{field} is a {type(value).__name__}, not a dict")
        return value

    @staticmethod
    def _checked_array(name, value):
        if not isinstance(value, np.ndarray):
            raise NetworkPickleError(f"'{name}' is a {type(value).__name__}, not a tensor")
        return value


# --- The callables a pickle may name, implemented on numpy -------------------------------------

def _reconstruct_persistent_obj(meta):
    if not isinstance(meta, dict) or meta.get("type") != "class" or not isinstance(meta.get("class_name"), str):
        raise NetworkPickleError("a persistent object's meta is not a {type: 'class', class_name, state} dict")
    state = meta.get("state")
    if not isinstance(state, dict):
        raise NetworkPickleError(f"persistent {meta['class_name']} has no state dict")
    return PersistentModule(meta["class_name"], meta.get("module_src", ""), state)


def _rebuild_tensor(storage, storage_offset, size, stride, *unused):
    """`torch._utils._rebuild_tensor(_v2)`: the strided view of `storage`, copied to C order."""
    if not isinstance(storage, TorchStorage):
        raise NetworkPickleError(f"a tensor's storage is a {type(storage).__name__}, not a torch storage")
    size, stride = tuple(int(n) for n in size), tuple(int(n) for n in stride)
    if len(size) != len(stride) or storage_offset < 0 or any(n < 0 for n in size) or any(s < 0 for s in stride):
        raise NetworkPickleError(f"a tensor has an invalid layout (size {size}, stride {stride}, offset {storage_offset})")
    elements = storage.elements
    if 0 not in size:
        last = storage_offset + sum((n - 1) * s for n, s in zip(size, stride))
        if last >= elements.size:
            raise NetworkPickleError(f"a tensor of size {size} runs past its storage of {elements.size} elements")
    itemsize = elements.dtype.itemsize
    view = np.lib.stride_tricks.as_strided(
        elements[storage_offset:] if 0 not in size else elements[:0],
        shape=size, strides=tuple(s * itemsize for s in stride), writeable=False)
    array = np.array(view, order="C")
    if storage.type_name == "BFloat16Storage":
        array = (array.astype(np.uint32) << 16).view(np.float32)
    return array


def _rebuild_parameter(data, requires_grad, backward_hooks, *state):
    """`torch._utils._rebuild_parameter(_with_state)`: a Parameter is its data here."""
    return data


def _rebuild_from_type_v2(function, tensor_class, arguments, state):
    """`torch._tensor._rebuild_from_type_v2`: how torch 2.x pickles a tensor carrying Python state."""
    if function not in (_rebuild_tensor, _rebuild_parameter):
        raise NetworkPickleError("a tensor is rebuilt by something other than torch's tensor functions")
    return function(*arguments)


def _load_from_bytes(data):
    """`torch.storage._load_from_bytes`: one storage saved by `torch.save`."""
    if not isinstance(data, (bytes, bytearray)):
        raise NetworkPickleError("a storage's bytes are missing")
    data = bytes(data)
    if data.startswith(b"PK\x03\x04"):
        return _load_zip_storage(data)
    return _load_legacy_storage(data)


def _load_legacy_storage(data):
    """torch.save's legacy format: magic number, protocol version and system info pickles, the
    object pickle (storages as persistent ids), the sorted storage keys, then each storage as an
    int64 element count and its raw little-endian bytes."""
    stream = io.BytesIO(data)
    header = SafeUnpickler(stream)
    if header.load() != _LEGACY_MAGIC_NUMBER:
        raise NetworkPickleError("a storage is not in torch.save's format (wrong magic number)")
    if header.load() != _LEGACY_PROTOCOL_VERSION:
        raise NetworkPickleError("a storage uses an unknown torch.save protocol version")
    system_info = header.load()
    if not isinstance(system_info, dict) or not system_info.get("little_endian", False):
        raise NetworkPickleError("a storage was saved on a big-endian machine, which is not supported")

    declared = {}  # storage key -> (StorageType, element count)

    def persistent_load(saved_id):
        if not (isinstance(saved_id, tuple) and len(saved_id) >= 5 and saved_id[0] in ("storage", b"storage")):
            raise NetworkPickleError(f"unexpected persistent id {saved_id!r} in a storage")
        storage_type, key, _location, count = saved_id[1:5]
        view = saved_id[5] if len(saved_id) > 5 else None
        if not isinstance(storage_type, StorageType):
            raise NetworkPickleError(f"a storage has unknown type {storage_type!r}")
        declared.setdefault(key, (storage_type, int(count)))
        return (key, view)

    objects = SafeUnpickler(stream, persistent_load=persistent_load)
    saved = objects.load()
    keys = SafeUnpickler(stream).load()
    storages = {}
    for key in keys:
        if key not in declared:
            raise NetworkPickleError(f"storage key {key!r} has no declaration")
        storage_type, count = declared[key]
        length = stream.read(8)
        if len(length) != 8:
            raise NetworkPickleError("a storage's data is truncated")
        (stored_count,) = struct.unpack("<q", length)
        if stored_count != count:
            raise NetworkPickleError(f"a storage holds {stored_count} elements but declares {count}")
        raw = stream.read(count * storage_type.dtype.itemsize)
        if len(raw) != count * storage_type.dtype.itemsize:
            raise NetworkPickleError("a storage's data is truncated")
        storages[key] = TorchStorage(storage_type, np.frombuffer(raw, dtype=storage_type.dtype))
    return _resolve_saved_storage(saved, storages)


def _resolve_saved_storage(saved, storages):
    if not (isinstance(saved, tuple) and len(saved) == 2):
        raise NetworkPickleError("a storage's torch.save holds something other than one storage")
    key, view = saved
    if key not in storages:
        raise NetworkPickleError(f"storage key {key!r} has no data")
    storage = storages[key]
    if view is not None:  # (view key, offset, size) of the legacy format's storage views
        _view_key, offset, size = view
        storage = TorchStorage(StorageType(storage.type_name), storage.elements[offset:offset + size])
    return storage


def _load_zip_storage(data):
    """torch.save's zip format: `<archive>/data.pkl` with persistent ids
    ('storage', type, key, location, count) and each storage's raw bytes in `<archive>/data/<key>`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        pickle_name = next(name for name in names if name.endswith("/data.pkl") or name == "data.pkl")
        prefix = pickle_name[: -len("data.pkl")]

        def persistent_load(saved_id):
            if not (isinstance(saved_id, tuple) and len(saved_id) == 5 and saved_id[0] == "storage"):
                raise NetworkPickleError(f"unexpected persistent id {saved_id!r} in a storage")
            storage_type, key, _location, count = saved_id[1:]
            if not isinstance(storage_type, StorageType):
                raise NetworkPickleError(f"a storage has unknown type {storage_type!r}")
            raw = archive.read(f"{prefix}data/{key}")
            if len(raw) != int(count) * storage_type.dtype.itemsize:
                raise NetworkPickleError("a storage's data is truncated")
            return TorchStorage(storage_type, np.frombuffer(raw, dtype=storage_type.dtype))

        storage = SafeUnpickler(io.BytesIO(archive.read(pickle_name)), persistent_load=persistent_load).load()
    except (zipfile.BadZipFile, KeyError, StopIteration) as error:
        raise NetworkPickleError(f"a storage's zip archive is damaged ({error})") from None
    if not isinstance(storage, TorchStorage):
        raise NetworkPickleError("a storage's torch.save holds something other than one storage")
    return storage


_TENSORFLOW_MESSAGE = (
    "this is a TensorFlow StyleGAN/StyleGAN2 pickle (dnnlib.tflib.network.Network), which is out of scope; "
    "convert it to a PyTorch pickle first with NVlabs stylegan2-ada-pytorch's "
    "`python legacy.py --source=OLD.pkl --dest=NEW.pkl`, then convert NEW.pkl")


def _numpy_reconstructors():
    """numpy's own pickle helpers, under both module names numpy 1.x and 2.x pickles use."""
    reconstruct = np.zeros(1).__reduce__()[0]
    from_buffer = np.zeros(1).__reduce_ex__(5)[0]  # pickle protocol 5's out-of-band-capable form
    scalar = np.float64(0).__reduce__()[0]
    allowed = {("numpy", "ndarray"): np.ndarray, ("numpy", "dtype"): np.dtype}
    for package in ("numpy.core", "numpy._core"):
        allowed[(package + ".multiarray", "_reconstruct")] = reconstruct
        allowed[(package + ".multiarray", "scalar")] = scalar
        allowed[(package + ".numeric", "_frombuffer")] = from_buffer
    return allowed


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that resolves only the globals official network pickles use, and refuses the rest."""

    ALLOWED_GLOBALS = {
        ("torch_utils.persistence", "_reconstruct_persistent_obj"): _reconstruct_persistent_obj,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
        ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
        ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
        ("torch._tensor", "_rebuild_from_type_v2"): _rebuild_from_type_v2,
        ("torch", "Tensor"): TorchTensorClass("Tensor"),
        ("torch.nn.parameter", "Parameter"): TorchTensorClass("Parameter"),
        ("torch.storage", "_load_from_bytes"): _load_from_bytes,
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("builtins", "set"): set,
        ("builtins", "frozenset"): frozenset,
        ("dnnlib.util", "EasyDict"): EasyDict,
        **{("torch", name): StorageType(name) for name in _STORAGE_DTYPES},
        **_numpy_reconstructors(),
    }

    def __init__(self, file, persistent_load=None):
        super().__init__(file)
        if persistent_load is not None:
            self.persistent_load = persistent_load

    def find_class(self, module, name):
        if (module, name) == ("dnnlib.tflib.network", "Network"):
            raise NetworkPickleError(_TENSORFLOW_MESSAGE)
        try:
            return self.ALLOWED_GLOBALS[(module, name)]
        except KeyError:
            raise NetworkPickleError(
                f"the pickle names the global '{module}.{name}', which is not part of an NVlabs network pickle; "
                "it was refused (the converter runs no code from the file)") from None


def load_network_pickle(path):
    """The top-level object of the pickle at `path` (for an official snapshot, a dict with G, D, G_ema...)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise NetworkPickleError(f"cannot read the file ({error.strerror})") from None
    if data.startswith(b"PK\x03\x04"):
        raise NetworkPickleError("this is a zip archive (a torch.save checkpoint?), not a network pickle from NVlabs train.py")
    if not data.startswith(b"\x80") or len(data) < 2 or not 2 <= data[1] <= pickle.HIGHEST_PROTOCOL:
        raise NetworkPickleError("not a Python pickle (expected a network-snapshot-*.pkl written by NVlabs train.py)")
    try:
        return SafeUnpickler(io.BytesIO(data)).load()
    except NetworkPickleError:
        raise
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, struct.error, IndexError, KeyError, AttributeError,
            RecursionError) as error:
        raise NetworkPickleError(f"the pickle is truncated or corrupt ({type(error).__name__}: {error}); download or export it again") from None
