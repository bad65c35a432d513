"""GANBoard logging SDK: ``run = ganboard.init(project=..., variant=..., seed=..., config=...)``,
``run.log({...}, step=...)``, ``run.log_checkpoint(step, G_scripted, latent_dim=...)``, ``run.finish()``.

Standard library only. log() never waits on the network: points go to an on-disk write-ahead log and are
delivered in the background; ``python -m ganboard sync DIR`` delivers offline runs and what a killed process
left behind. See docs/sdk.md.
"""

from .config import Config
from .errors import AuthenticationError, GanBoardError
from .run import VERSION as __version__
from .run import Run, init
from .sync import sync

__all__ = ["init", "Run", "sync", "Config", "GanBoardError", "AuthenticationError", "__version__"]
