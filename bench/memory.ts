/**
 * 5. Memory: RSS of each service and each sidecar, found by the port it listens on (the target is on
 * RSS); PSS beside it says how much of that is shared with the other sidecars (the daprd binary's pages).
 */

import { round } from "./lib/load.ts";
import type { BenchResult } from "./lib/result.ts";
import { pidListeningOn, pssMb, rssMb } from "./lib/stack.ts";

const PROCESSES: Record<string, number> = {
  "currency-service": 8001,
  "ranking-service": 8002,
  "history-service": 8003,
  "data-ingestor": 8004,
  "daprd currency": 3501,
  "daprd ranking": 3502,
  "daprd history": 3503,
  "daprd ingestor": 3504,
};

export const memory = async (): Promise<BenchResult> => {
  const figures: Record<string, number | string> = {};
  let worst = 0;
  for (const [name, port] of Object.entries(PROCESSES)) {
    const pid = pidListeningOn(port);
    const mb = pid ? rssMb(pid) : undefined;
    figures[`${name}_rss_mb`] = mb === undefined ? "not running" : round(mb, 1);
    const pss = pid ? pssMb(pid) : undefined;
    if (pss !== undefined) figures[`${name}_pss_mb`] = round(pss, 1);
    if (mb !== undefined) worst = Math.max(worst, mb);
  }
  const missing = Object.values(figures).some((v) => v === "not running");
  return {
    name: "memory",
    target: "≤ 120 MB per service and per sidecar",
    met: missing ? null : worst <= 120,
    figures,
  };
};
