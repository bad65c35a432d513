"""The binary column format of a metric batch (content type application/x-ganboard-columns, docs/api.md), stdlib
only: magic b"\\0GM", version 1, run id / seq / received-at as 8-byte big-endian integers (the SDK sends 0 for run
id and received-at: the server fills them in), the key table, then per point key index, step delta, the value's
8 IEEE-754 bytes and time delta (varints; deltas zig-zag encoded)."""

import struct
from typing import List, Tuple

MAGIC = b"\0GM"
VERSION = 1
CONTENT_TYPE = "application/x-ganboard-columns"
NO_TIME = -(1 << 63)

_HEADER = struct.Struct(">3sBqqq")
_DOUBLE = struct.Struct(">d")
# the common point: key index < 128, same step and time as the previous point
PLAIN_POINT = struct.Struct(">BBdB")


def is_columns(body: bytes) -> bool:
    return body[:3] == MAGIC


def varint(v: int) -> bytes:
    out = bytearray()
    while v > 0x7F:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _s64(v: int) -> int:
    """v as Java's long arithmetic leaves it (deltas wrap around, as the server's codec does)."""
    return ((v + (1 << 63)) & 0xFFFFFFFFFFFFFFFF) - (1 << 63)


def zigzag(v: int) -> int:
    v = _s64(v)
    return ((v << 1) ^ (v >> 63)) & 0xFFFFFFFFFFFFFFFF


def point(key_index: int, step_delta: int, value: float, time_delta: int) -> bytes:
    return varint(key_index) + varint(zigzag(step_delta)) + _DOUBLE.pack(value) + varint(zigzag(time_delta))


def batch(seq: int, keys: List[str], n: int, points: bytes) -> bytes:
    """A whole body: header, key table, point count, the points as encoded by point() / PLAIN_POINT."""
    parts = [_HEADER.pack(MAGIC, VERSION, 0, seq, 0), varint(len(keys))]
    for k in keys:
        raw = k.encode("utf-8")
        parts.append(varint(len(raw)))
        parts.append(raw)
    parts.append(varint(n))
    parts.append(points)
    return b"".join(parts)


def decode(body: bytes) -> Tuple[int, List[Tuple[str, int, float, int]]]:
    """(seq, [(key, step, value, time or None), ...]); ValueError for a damaged body."""
    if len(body) < _HEADER.size or not is_columns(body):
        raise ValueError("not a binary metric batch")
    magic, version, _run, seq, _received = _HEADER.unpack_from(body)
    if version != VERSION:
        raise ValueError(f"binary metric batch of unknown version {version}")
    pos = _HEADER.size

    def var() -> int:
        nonlocal pos
        result, shift = 0, 0
        while True:
            b = body[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80:
                return result
            shift += 7

    def unzig(v: int) -> int:
        return (v >> 1) ^ -(v & 1)

    keys = []
    for _ in range(var()):
        length = var()
        keys.append(body[pos:pos + length].decode("utf-8"))
        pos += length
    out = []
    step = time = 0
    try:
        for _ in range(var()):
            key = keys[var()]
            step = _s64(step + unzig(var()))
            value = _DOUBLE.unpack_from(body, pos)[0]
            pos += 8
            time = _s64(time + unzig(var()))
            out.append((key, step, value, None if time == NO_TIME else time))
    except IndexError:
        raise ValueError("binary metric batch truncated") from None
    return seq, out


_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def json_number(value: float) -> str:
    """repr() of a finite float is valid JSON and round-trips exactly; NaN and ±Inf become the bare tokens NaN,
    Infinity and -Infinity that the server (like Python's json module) reads."""
    text = repr(value)
    return _NON_FINITE.get(text, text)


def to_json(body: bytes) -> bytes:
    """The same batch as a JSON body, for servers from before the binary format; keys were validated to plain
    ASCII."""
    seq, points = decode(body)
    parts = []
    for key, step, value, time in points:
        t = "" if time is None else ',"time":%d' % time
        parts.append('{"key":"%s","step":%d,"value":%s%s}' % (key, step, json_number(value), t))
    return ('{"seq":%d,"points":[%s]}' % (seq, ",".join(parts))).encode("ascii")
