"""Files the app reads at run time that are not Python: the pages (web/dist, built by `make web`), GraphiQL's assets
(installed by `make graphiql`), the contract's operations and the bundled sample.

In a checkout they are read where they are made. The wheel carries them under `peergraph/_shipped/`, each at the
same relative path (hatch_build.py copies SHIPPED there), so an installed peergraph, the Docker image's among
them, serves `/` and `/graphiql` and imports the sample as a checkout does. This module imports nothing outside
the standard library: the wheel's build hook loads it by its path, before any dependency is installed.
"""

from __future__ import annotations

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
PACKAGED = Path(__file__).resolve().parent / "_shipped"

WEB_DIST = "web/dist"
# GraphiQL's page loads these files only, by the names on the left (peergraph/ide.py).
GRAPHIQL_FILES = {
    "react.js": "graphiql/node_modules/react/umd/react.production.min.js",
    "react-dom.js": "graphiql/node_modules/react-dom/umd/react-dom.production.min.js",
    "graphiql.js": "graphiql/node_modules/graphiql/graphiql.min.js",
    "graphiql.css": "graphiql/node_modules/graphiql/graphiql.min.css",
    "boot.js": "graphiql/boot.js",
}
CONTRACT = "contract/explorer.graphql"
SAMPLE = "data/sample"
SHIPPED = (WEB_DIST, *GRAPHIQL_FILES.values(), CONTRACT, SAMPLE)


def asset(relative: str) -> Path:
    """Where `relative` (one of SHIPPED, or under one) is: in the installed package, else in the checkout."""
    return (PACKAGED if PACKAGED.is_dir() else CHECKOUT) / relative
