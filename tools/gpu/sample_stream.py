"""Reads the training batches `stylecast train-samples` streams (numpy only, no torch).

Format 2 (Sources/Training/TrainingSamples.swift), little-endian: b"SCSAMP01", a uint32 n, n bytes
of JSON header (z_dim, num_ws, height, width, channels, batch_size, first_step, stride, steps
(absent: endless), seed, target, rows, and emphasis_weight when the config has an attributeEmphasis);
then per step: int64 step, float32 zA [B, z_dim], float32 zB [B, z_dim], uint8 fromB [B, num_ws]
(1: that w row comes from zB's w), uint8 target [B, height, width, 4] (the renderer's RGBA, straight
alpha), and with emphasis_weight only, uint8 emphasis [B, height, width] (1: the pixel tells an
emphasised attribute apart; `emphasis_weights` turns it into loss weights).

Sampling and rendering stay in the Swift program: this side only reads, so a batch here is the
batch `stylecast train` would have drawn for that step.
"""

import collections
import json
import queue
import struct
import subprocess
import threading
import time

import numpy as np

MAGIC = b"SCSAMP01"
FORMAT = 2

Batch = collections.namedtuple("Batch", "step z_a z_b from_b target emphasis")


def emphasis_weights(mask, weight):
    """`AttributeEmphasis.pixelWeights`: per pixel 1 + weight where the mask is 1, else 1, scaled
    to a mean of 1 over each sample's pixels. mask [B, H, W] (numpy or torch) -> float weights."""
    raw = 1 + weight * (mask.astype(np.float32) if isinstance(mask, np.ndarray) else mask.float())
    # reshape and a positional mean axis read alike in numpy and torch
    return raw / raw.reshape(raw.shape[0], -1).mean(1)[:, None, None]


class StreamError(Exception):
    """A stream that is not (or stops being) a `stylecast train-samples` stream."""


def _read_exact(file, count, what):
    """`count` bytes (a bytearray, read in place: a record is megabytes through a 64 KiB pipe),
    or None at a clean end before the first byte."""
    data = bytearray(count)
    view, done = memoryview(data), 0
    while done < count:
        read = file.readinto(view[done:])
        if not read:
            if done == 0:
                return None
            raise StreamError(f"the stream ended inside {what} ({done} of {count} bytes)")
        done += read
    return data


class SampleReader:
    """One stream: `header` (dict), then `read_batch()` until it returns None at the end."""

    def __init__(self, file, name="sample stream"):
        self.file, self.name = file, name
        magic = _read_exact(file, len(MAGIC), "the magic")
        if magic != MAGIC:
            raise StreamError(f"{name}: not a stylecast train-samples stream (starts {bytes(magic or b'')!r}, expected {MAGIC!r})")
        length = _read_exact(file, 4, "the header length")
        if length is None:
            raise StreamError(f"{name}: the stream ended before its header")
        raw = _read_exact(file, struct.unpack("<I", length)[0], "the header")
        try:
            self.header = json.loads(raw)
        except (TypeError, ValueError) as error:
            raise StreamError(f"{name}: the header is not JSON ({error})") from None
        if self.header.get("format") != FORMAT:
            raise StreamError(f"{name}: stream format {self.header.get('format')!r}; this reader reads format {FORMAT}")
        h = self.header
        b, z = h["batch_size"], h["z_dim"]
        self._layout = [
            ("z_a", np.dtype("<f4"), (b, z)),
            ("z_b", np.dtype("<f4"), (b, z)),
            ("from_b", np.dtype("u1"), (b, h["num_ws"])),
            ("target", np.dtype("u1"), (b, h["height"], h["width"], h["channels"])),
        ]
        if "emphasis_weight" in h:
            self._layout.append(("emphasis", np.dtype("u1"), (b, h["height"], h["width"])))
        self.record_size = 8 + sum(dtype.itemsize * int(np.prod(shape)) for _, dtype, shape in self._layout)

    def read_batch(self):
        record = _read_exact(self.file, self.record_size, "a batch")
        if record is None:
            return None
        (step,) = struct.unpack_from("<q", record)
        offset, fields = 8, {"emphasis": None}
        for name, dtype, shape in self._layout:
            count = int(np.prod(shape))
            fields[name] = np.frombuffer(record, dtype=dtype, count=count, offset=offset).reshape(shape)
            offset += count * dtype.itemsize
        return Batch(step=step, **fields)

    def __iter__(self):
        while True:
            batch = self.read_batch()
            if batch is None:
                return
            yield batch


def _widen_pipe(file):
    """A 1 MiB pipe (Linux's F_SETPIPE_SZ) instead of 64 KiB: fewer wake-ups per megabyte record."""
    try:
        import fcntl

        fcntl.fcntl(file.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError, AttributeError):
        pass  # only slower


def producer_command(stylecast, config, first_step, stride=1, steps=None, batch_size=None):
    """The `stylecast train-samples` command line of one producer."""
    command = list(stylecast) + ["train-samples", "--config", config, "--first-step", str(first_step), "--stride", str(stride)]
    if steps is not None:
        command += ["--steps", str(steps)]
    if batch_size is not None:
        command += ["--batch-size", str(batch_size)]
    return command


class Producers:
    """Steps first_step, first_step + 1, ... from `count` producer processes, producer i streaming
    every count-th step from first_step + i; each is read ahead on its own thread."""

    def __init__(self, stylecast, config, first_step, count=1, batch_size=None, steps=None, ahead=4, popen=subprocess.Popen):
        self.processes, self.readers, self.queues, self._next = [], [], [], 0
        # Seconds the consumer spent blocked on the producers: how far the renderer holds back training.
        self.waited_seconds = 0.0
        self._stop = threading.Event()
        try:
            for i in range(count):
                share = None if steps is None else len(range(i, steps, count))
                if share == 0:
                    break
                command = producer_command(stylecast, config, first_step + i, count, share, batch_size)
                process = popen(command, stdout=subprocess.PIPE, bufsize=0)
                self.processes.append(process)
                _widen_pipe(process.stdout)
                self.readers.append(SampleReader(process.stdout, name=f"producer {i} ({' '.join(command)})"))
        except BaseException:
            self.close()
            raise
        self.header = self.readers[0].header if self.readers else None
        for i, reader in enumerate(self.readers):
            pending = queue.Queue(maxsize=ahead)
            self.queues.append(pending)
            threading.Thread(target=self._read, args=(i, reader, pending), daemon=True).start()

    def _read(self, index, reader, pending):
        try:
            for batch in reader:
                while not self._stop.is_set():
                    try:
                        pending.put(batch, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if self._stop.is_set():
                    return
            pending.put(None)
        except BaseException as error:  # handed to the consumer, which raises it
            pending.put(error)

    def next_batch(self):
        """The next step's batch in step order, or None when the producers have all ended."""
        if not self.queues:
            return None
        index = self._next % len(self.queues)
        asked = time.monotonic()
        item = self.queues[index].get()
        self.waited_seconds += time.monotonic() - asked
        if isinstance(item, BaseException):
            raise item
        if item is None:
            code = self.processes[index].wait()
            if code != 0:
                raise StreamError(f"producer {index} exited with status {code} (its message is above)")
            return None
        self._next += 1
        return item

    def close(self):
        """Stops the producers this object started (closing their pipes ends them quietly)."""
        self._stop.set()
        for process in self.processes:
            if process.stdout:
                process.stdout.close()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
