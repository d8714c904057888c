"""A spawned process of the bulk load that answers through a pipe with pickled messages: the parsing process
(ingest/bulk/feed.py) and the counting process (ingest/bulk/counts.py).

Spawned, not forked: the caller may hold threads (a driver's, a test's). The process is given the pipe's sending
end as its last argument and ends with a message; ("failed", traceback) tells its failure, which `receive` raises.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


def send(connection: Connection, message: tuple[Any, ...]) -> None:
    connection.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def failure() -> tuple[str, str]:
    """The message that tells the caller the exception being handled (with its traceback)."""
    return "failed", traceback.format_exc()


class Child:
    """`target(*args, connection)` in a spawned process (`what` names it in errors)."""

    def __init__(self, what: str, target: Callable[..., None], *args: Any) -> None:
        self.what = what
        context = multiprocessing.get_context("spawn")
        self._receive, sending = context.Pipe(duplex=False)
        self._worker: Any = context.Process(target=target, args=(*args, sending), daemon=True)
        self._worker.start()
        sending.close()  # the process's end: EOF here once the process is gone

    def receive(self) -> tuple[Any, ...]:
        """The next message; RuntimeError when the process failed or ended without one."""
        try:
            message: tuple[Any, ...] = pickle.loads(self._receive.recv_bytes())  # noqa: S301 - our own child wrote it
        except EOFError:
            raise RuntimeError(
                f"the {self.what} process ended without its result (exit code {self._worker.exitcode})"
            ) from None
        if message[0] == "failed":
            raise RuntimeError(f"the {self.what} process failed:\n{message[1]}")
        return message

    def close(self) -> None:
        """Stop the process if it still runs and wait for it (idempotent)."""
        if self._worker is not None:
            self._receive.close()
            if self._worker.is_alive():
                self._worker.terminate()
            self._worker.join()
            self._worker = None
