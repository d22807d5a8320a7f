/**
 * The baseline for read benchmarks: a bare Bun + Hono route returning a fixed JSON body from memory.
 * Usage: bun bench/lib/baseline-server.ts <port> <body-file>
 */
import { readFileSync } from "node:fs";
import { Hono } from "hono";

const port = Number(process.argv[2] ?? 18999);
const body = readFileSync(process.argv[3] ?? "/dev/null", "utf8");
const app = new Hono().get("*", (c) => c.body(body, 200, { "content-type": "application/json" }));
console.log(JSON.stringify({ msg: "baseline listening", port, bytes: body.length }));
export default { port, fetch: app.fetch };
