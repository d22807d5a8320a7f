// Runs one autocannon load as its own process (so the load generator never shares an event loop with
// the system under test) and prints the result as JSON on stdout.
// Usage: node bench/lib/autocannon-worker.mjs '<json options>'
// Options: url, connections, duration (s), overallRate (req/s, optional), method, headers, bodies (array:
// requests cycle through them), pipelining.
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2] ?? "{}");
// Requests cycle through `paths` and/or `bodies`; `{{n}}` in a body is replaced by a per-request counter
// (so every selection gets its own id).
const bodies = Array.isArray(options.bodies) ? options.bodies : undefined;
const paths = Array.isArray(options.paths) ? options.paths : undefined;
let next = 0;
const requests =
  bodies || paths
    ? [
        {
          setupRequest: (req) => {
            const n = next;
            next += 1;
            const out = { ...req };
            if (paths) out.path = paths[n % paths.length];
            if (bodies) {
              const body = bodies[n % bodies.length];
              out.body = (typeof body === "string" ? body : JSON.stringify(body)).replaceAll(
                "{{n}}",
                String(n),
              );
            }
            return out;
          },
        },
      ]
    : undefined;

const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 10,
  // A fixed number of requests (`amount`) instead of a duration: every response is then counted, none
  // is cut off in flight when the time is up.
  ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  method: options.method ?? "GET",
  headers: options.headers ?? {},
  ...(requests ? { requests } : {}),
  pipelining: options.pipelining ?? 1,
  timeout: options.timeout ?? 10,
});

const statuses = {};
for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx"]) statuses[key] = result[key] ?? 0;
process.stdout.write(
  JSON.stringify({
    url: options.url,
    connections: result.connections,
    duration_s: result.duration,
    requests_total: result.requests.total,
    rps_mean: result.requests.average,
    latency_ms: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
  }),
);
