"""How long one Argon2id hash and one verification take with the default settings.

Run: .venv/bin/python benchmarks/argon2_cost.py  → benchmarks/results/argon2_cost.json
"""

from __future__ import annotations

import asyncio
import json
import platform
import statistics
import time
from pathlib import Path

from accounts.auth.passwords import Passwords
from peergraph.settings import get_settings

RUNS = 20
OUT = Path(__file__).resolve().parent / "results" / "argon2_cost.json"


async def main() -> None:
    settings = get_settings(environment="test")
    passwords = Passwords(settings)
    hashes, verifies = [], []
    stored = await passwords.hash("benchmark password 123")
    for _ in range(RUNS):
        start = time.perf_counter()
        await passwords.hash("benchmark password 123")
        hashes.append(time.perf_counter() - start)
        start = time.perf_counter()
        await passwords.verify(stored, "benchmark password 123")
        verifies.append(time.perf_counter() - start)
    result = {
        "params": {
            "time_cost": settings.argon2_time_cost,
            "memory_kib": settings.argon2_memory_kib,
            "parallelism": settings.argon2_parallelism,
        },
        "runs": RUNS,
        "hash_ms_median": round(statistics.median(hashes) * 1000, 1),
        "verify_ms_median": round(statistics.median(verifies) * 1000, 1),
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
