"""Automatic persisted queries, in Apollo's protocol: a client sends the SHA-256 of a document instead of the document.

A request whose `extensions` hold `persistedQuery: {"version": 1, "sha256Hash": "<64 hex>"}` (a POST body's member,
or GET's `extensions` parameter, JSON):
- with its `query`: the hash must be the SHA-256 of that text (else 400 BAD_REQUEST); the text is kept under it;
- without: the text kept under the hash is run; if there is none the answer is PERSISTED_QUERY_NOT_FOUND
  (HTTP 200, as Apollo Server answers it, never stored by a cache), and the client sends it again with the
  document, which registers it.
A version other than 1, or a server with the store turned off, answers PERSISTED_QUERY_NOT_SUPPORTED (400): the
client then sends documents.

Each API process keeps its own store, bounded by the characters of the documents it holds (least recently used out
first). Another process that has not seen a hash answers NOT_FOUND once and learns it from the client's retry:
the protocol's ordinary miss, so processes share nothing (docs/deploy.md).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from cachetools import LRUCache

from peergraph.errors import ErrorCode

VERSION = 1
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class PersistedQueryError(Exception):
    """A persisted-query request that cannot run as sent: the answer's code, words and HTTP status."""

    def __init__(self, code: ErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class PersistedQueries:
    """Documents by SHA-256, at most `max_chars` characters of document text in all (0: not supported)."""

    def __init__(self, max_chars: int) -> None:
        self._documents: LRUCache[str, str] | None = (
            LRUCache(maxsize=max_chars, getsizeof=len) if max_chars > 0 else None
        )

    def __len__(self) -> int:
        return 0 if self._documents is None else len(self._documents)

    def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The document a request runs: its own `query` (kept under its hash when the request carries one), or the
        kept document of its hash. Raises PersistedQueryError when neither can be had."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return query
        if not isinstance(persisted, dict):
            raise _bad_request("`extensions.persistedQuery` must be an object with `version` and `sha256Hash`")
        if persisted.get("version") != VERSION or self._documents is None:
            raise PersistedQueryError(
                ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
                f"PersistedQueryNotSupported: this server keeps persisted queries of version {VERSION} only"
                if self._documents is not None
                else "PersistedQueryNotSupported: persisted queries are turned off on this server",
                400,
            )
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or not _SHA256.match(digest):
            raise _bad_request("`extensions.persistedQuery.sha256Hash` must be 64 lowercase hex digits (SHA-256)")
        if query is None:
            kept = self._documents.get(digest)
            if kept is None:
                # Apollo's words and status: its clients look for them to send the document.
                raise PersistedQueryError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound", 200)
            return kept
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise _bad_request("`extensions.persistedQuery.sha256Hash` is not the SHA-256 of `query`")
        if len(query) <= self._documents.maxsize:  # one bigger than the whole store is run, not kept
            self._documents[digest] = query
        return query


def _bad_request(message: str) -> PersistedQueryError:
    return PersistedQueryError(ErrorCode.BAD_REQUEST, message, 400)
