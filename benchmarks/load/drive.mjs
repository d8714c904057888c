// The load of benchmarks/load_bench.py from autocannon (C-speed HTTP in one Node process) instead of Python, so the
// client's own cost on the shared cores stays small: `connections` keep-alive connections each send the mix's
// bodies in turn for `seconds`. Prints one JSON object: every answer's status and GraphQL error code counted, and
// the latencies of all answers and of the accepted ones (not 503), as percentiles in milliseconds.
//
//   node benchmarks/load/drive.mjs <url> <connections> <seconds> <bodies.json> <deadline ms>
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [url, connections, seconds, bodiesFile, deadlineMs] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, "utf8"));
const statuses = {};
const codes = {};
const all = [];
const accepted = [];

function codeOf(body) {
  try {
    const errors = JSON.parse(body).errors || [];
    return errors.length ? (errors[0].extensions || {}).code || "UNKNOWN" : "OK";
  } catch {
    return "NOT_JSON";
  }
}

const instance = autocannon({
  url: `${url}/graphql`,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 60,
  requests: bodies.map((body) => ({
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    onResponse: (_status, responseBody) => {
      const code = codeOf(responseBody);
      codes[code] = (codes[code] || 0) + 1;
    },
  })),
});
instance.on("response", (_client, status, _bytes, ms) => {
  statuses[status] = (statuses[status] || 0) + 1;
  all.push(ms);
  if (status !== 503) accepted.push(ms);
});

function percentiles(values) {
  if (!values.length) return { p50: null, p95: null, p99: null, max: null };
  const ordered = [...values].sort((a, b) => a - b);
  const at = (q) => Math.round(ordered[Math.min(ordered.length - 1, Math.floor(q * ordered.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(ordered[ordered.length - 1] * 10) / 10 };
}

instance.on("done", (result) => {
  const requests = all.length;
  process.stdout.write(
    JSON.stringify({
      client: "autocannon 9.0.0 (one Node process)",
      clients: Number(connections),
      seconds: result.duration,
      requests,
      requests_per_second: Math.round((requests / result.duration) * 10) / 10,
      statuses,
      codes,
      client_errors: result.errors,
      client_timeouts: result.timeouts,
      all_ms: percentiles(all),
      accepted_ms: percentiles(accepted),
      accepted_count: accepted.length,
      accepted_over_deadline: accepted.filter((ms) => ms > Number(deadlineMs)).length,
      server_errors_5xx_not_shed: Object.entries(statuses)
        .filter(([status]) => Number(status) >= 500 && Number(status) !== 503)
        .reduce((sum, [, n]) => sum + n, 0),
      shed: statuses[503] || 0,
    }) + "\n",
  );
});
