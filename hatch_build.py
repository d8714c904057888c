"""The wheel's build hook: the files peergraph reads at run time that are not Python (peergraph/assets.py's SHIPPED:
the built pages, GraphiQL's assets, the contract, the sample) go into the wheel under peergraph/_shipped/, at their
relative paths. A wheel built before `make web graphiql` would serve no pages: its build fails instead, naming
what is missing. Editable installs (`uv sync` in a checkout) read the files where they are and copy nothing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedFiles(BuildHookInterface):  # type: ignore[type-arg]  # hatchling's interface is generic in its config
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("peergraph_assets", root / "peergraph" / "assets.py")
        if spec is None or spec.loader is None:
            raise RuntimeError("peergraph/assets.py cannot be loaded")
        assets = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(assets)
        missing = [relative for relative in assets.SHIPPED if not (root / relative).exists()]
        if missing:
            raise RuntimeError(f"not built: {', '.join(missing)}; run `make web graphiql` before building the wheel")
        for relative in assets.SHIPPED:
            build_data["force_include"][str(root / relative)] = f"peergraph/_shipped/{relative}"
