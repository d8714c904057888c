"""`python -m peergraph.cli`: the same as the `peergraph` command."""

from peergraph.cli import main

main()
