"""Settings of a run: from the environment (GANBOARD_*), overridden by keyword arguments to init()."""

import os
from dataclasses import dataclass, field, fields, replace
from typing import Mapping, Optional
from urllib.parse import urlparse

_MODES = ("online", "offline")
_FSYNC = ("batch", "off")


def _default_dir() -> str:
    return os.path.join(os.path.expanduser("~"), ".ganboard", "sdk")


@dataclass(frozen=True)
class Config:
    url: str = "http://localhost:8080"
    api_key: Optional[str] = None
    project: Optional[str] = None
    #: "online" (default) or "offline": write the WAL only, deliver later with `python -m ganboard sync`
    mode: str = "online"
    #: parent of the per-run directories (WAL, checkpoints)
    dir: str = field(default_factory=_default_dir)
    #: seconds logged points may wait in memory before they are written to the WAL
    flush_interval: float = 0.2
    #: "batch": fsync after every batch written, before it is sent; "off": leave it to the OS
    fsync: str = "batch"
    #: seconds finish() waits for delivery before it leaves the rest to sync
    finish_timeout: float = 60.0
    #: seconds init() tries to reach the server before the run starts anyway (created when the server is back)
    init_timeout: float = 10.0
    max_points_per_batch: int = 10_000
    #: points held in memory before log() waits for the WAL writer (backpressure, never data loss)
    max_queued_points: int = 1_000_000
    max_backoff: float = 5.0

    def __post_init__(self):
        object.__setattr__(self, "url", self.url.rstrip("/"))
        if self.mode not in _MODES:
            raise ValueError(f"mode {self.mode!r}: expected one of {_MODES} (GANBOARD_MODE)")
        if self.fsync not in _FSYNC:
            raise ValueError(f"fsync {self.fsync!r}: expected one of {_FSYNC} (GANBOARD_FSYNC)")
        if not 0 < self.max_points_per_batch <= 10_000:
            raise ValueError("max_points_per_batch: between 1 and 10000 (the server's limit)")

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None, **overrides) -> "Config":
        """GANBOARD_URL, GANBOARD_API_KEY, GANBOARD_PROJECT, GANBOARD_MODE, GANBOARD_DIR, GANBOARD_FSYNC,
        GANBOARD_FLUSH_MS, GANBOARD_FINISH_TIMEOUT_S; keyword arguments that are not None win."""
        env = os.environ if env is None else env

        def get(name):
            v = env.get(name)
            return v.strip() if v and v.strip() else None

        values = {}
        for name, attr, conv in (
            ("GANBOARD_URL", "url", str),
            ("GANBOARD_API_KEY", "api_key", str),
            ("GANBOARD_PROJECT", "project", str),
            ("GANBOARD_MODE", "mode", str.lower),
            ("GANBOARD_DIR", "dir", str),
            ("GANBOARD_FSYNC", "fsync", str.lower),
            ("GANBOARD_FLUSH_MS", "flush_interval", lambda s: float(s) / 1000.0),
            ("GANBOARD_FINISH_TIMEOUT_S", "finish_timeout", float),
        ):
            v = get(name)
            if v is not None:
                values[attr] = conv(v)
        known = {f.name for f in fields(cls)}
        for k, v in overrides.items():
            if k not in known:
                raise TypeError(f"unknown setting {k!r}")
            if v is not None:
                values[k] = v
        config = cls(**values)
        if config.api_key is None:
            key = _local_admin_key(config.url, get("GANBOARD_HOME"))
            if key:
                config = replace(config, api_key=key)
        return config


def _local_admin_key(url: str, home: Optional[str]) -> Optional[str]:
    """A server on this machine's loopback address is reached with its admin key file if no key is given;
    never another host, so the key stays local."""
    host = urlparse(url).hostname
    if host not in ("localhost", "127.0.0.1", "::1"):
        return None
    path = os.path.join(home or os.path.join(os.path.expanduser("~"), ".ganboard"), "admin-api-key")
    try:
        with open(path, encoding="ascii") as f:
            return f.read().strip() or None
    except OSError:
        return None
