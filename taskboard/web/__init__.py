"""The board in a browser: textual-serve behind an access token, one board process per tab.

Nothing here imports Textual: each browser tab runs its own ``taskboard`` process
(the terminal board, driven by Textual's web driver) against the configured database.
"""

from .access import is_loopback_host, new_token
from .server import BoardServer
from .sessions import BadName, check_name

__all__ = ["BadName", "BoardServer", "check_name", "is_loopback_host", "new_token"]
