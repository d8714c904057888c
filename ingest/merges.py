"""Merged ids: OpenAlex's `merged_ids/<entity>/*.csv.gz` (merge date, id, merged-into id), applied to the graph."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class MergeResult:
    rows: int = 0  # merge rows read
    applied: int = 0  # merges that changed the graph (recorded, re-pointed, or an old node folded in)
    folded: int = 0  # of those, old nodes that were in the graph and were merged into their survivor
    unchanged: int = 0  # already applied before

    def add(self, other: MergeResult) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)
