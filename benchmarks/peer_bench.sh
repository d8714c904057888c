#!/usr/bin/env bash
# peergraph vs @neo4j/graphql, side by side on the same Neo4j: one command around the peer harness's run.sh.
#
#   benchmarks/peer_bench.sh            # ROUNDS=1 DURATION=10 WARMUP=3 SEQ_DURATION=6 unless set
#   PROCESSES=2 benchmarks/peer_bench.sh   # both sides with 2 processes: `peergraph serve --workers 2` and the
#                                          # peer under Node's cluster (2 workers on one port); results to peer-2/
#
# Neo4j: the one `peergraph db start` runs for the same PEERGRAPH_NEO4J_HOME / PEERGRAPH_NEO4J_BOLT_PORT (default
# .neo4j/dev on 7687), already loaded with the sample and `peergraph generate --works 100000 --seed 1` (the
# harness README); or NEO4J_URI + NEO4J_PASSWORD. The harness (PEER_SRC, default ../shared/peer beside the
# checkout) is copied to PEER_WORK (default ~/.cache/peergraph/peer) and `npm ci` runs there when its lock changes
# (node_modules stays out of the repo). The answers are checked equal first (verify), then the load runs interleaved
# (peergraph, peer per case; c=16 then c=1), one process each. Results: benchmarks/results/peer/ (verify.json,
# load.json, table.md, percentiles.md with p99, the load average before and after in load.json).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEER_SRC="${PEER_SRC:-$ROOT/../shared/peer}"
PEER_WORK="${PEER_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/peergraph/peer}"
PROCESSES="${PROCESSES:-1}"
OUT_DIR="$ROOT/benchmarks/results/peer$([ "$PROCESSES" = 1 ] || echo "-$PROCESSES")"
HOME_DIR="${PEERGRAPH_NEO4J_HOME:-$ROOT/.neo4j/dev}"
export NEO4J_URI="${NEO4J_URI:-bolt://127.0.0.1:${PEERGRAPH_NEO4J_BOLT_PORT:-7687}}"
NEO4J_PASSWORD="${NEO4J_PASSWORD:-$(cat "$HOME_DIR/password")}"
export NEO4J_PASSWORD
export ROUNDS="${ROUNDS:-1}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}" SEQ_DURATION="${SEQ_DURATION:-6}"
export PEERGRAPH_DIR="$ROOT" PEERGRAPH_CONTRACT="$ROOT/contract/explorer.graphql"

[ -f "$PEER_SRC/run.sh" ] || { echo "no peer harness at $PEER_SRC (set PEER_SRC)" >&2; exit 2; }
mkdir -p "$PEER_WORK" "$OUT_DIR"
for f in package.json package-lock.json server.mjs queries.mjs bench.mjs report.mjs run.sh; do
  cp "$PEER_SRC/$f" "$PEER_WORK/$f"
done
if ! cmp -s "$PEER_WORK/package-lock.json" "$PEER_WORK/node_modules/.installed-lock" 2>/dev/null; then
  (cd "$PEER_WORK" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.installed-lock)
fi
if [ "$PROCESSES" != 1 ]; then
  # The harness starts `node server.mjs`: with PROCESSES > 1 it starts this instead, which runs server.mjs in
  # Node's cluster workers sharing the port (the primary only forks and forwards SIGTERM).
  cat >"$PEER_WORK/cluster.mjs" <<'JS'
import cluster from "node:cluster";
const n = Number(process.env.PEER_PROCESSES ?? 1);
if (cluster.isPrimary) {
  for (let i = 0; i < n; i++) cluster.fork();
  const stop = () => { for (const w of Object.values(cluster.workers)) w.kill("SIGTERM"); process.exit(0); };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  await import("./server.mjs");
}
JS
  sed -i 's/ node server.mjs / node cluster.mjs /' "$PEER_WORK/run.sh"
  export PEER_PROCESSES="$PROCESSES" PEERGRAPH_WORKERS="$PROCESSES"
fi
rm -rf "$PEER_WORK/results"
(cd "$PEER_WORK" && LOGDIR="$PEER_WORK" bash run.sh) | tee "$OUT_DIR/run.log"
cp "$PEER_WORK/results/results-verify.json" "$OUT_DIR/verify.json"
cp "$PEER_WORK/results/results-load.json" "$OUT_DIR/load.json"
(cd "$PEER_WORK" && node report.mjs "$OUT_DIR/verify.json" "$OUT_DIR/load.json") >"$OUT_DIR/table.md"
"$ROOT/.venv/bin/python" "$ROOT/benchmarks/peer_percentiles.py" "$OUT_DIR/load.json"  # p99 too: percentiles.md
echo "results in $OUT_DIR (table.md)"
