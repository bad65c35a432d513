class GanBoardError(Exception):
    """Something the SDK cannot work around, e.g. a run the server refuses to create."""


class AuthenticationError(GanBoardError):
    """The server rejected the API key (HTTP 401/403); raised by init() before training starts."""
