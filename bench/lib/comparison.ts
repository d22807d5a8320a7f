/** A figure measured on the local stack and through the cluster in the same run, and how they print. */
import { round } from "./load.ts";

export interface ComparedFigure {
  figure: string;
  local: number | string;
  cluster: number | string;
  /** cluster / local (for throughput: < 1 is slower in the cluster; for latency: > 1 is slower). */
  ratio?: number;
}

export interface Comparison {
  name: string;
  figures: ComparedFigure[];
  notes?: string;
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

/** A figure with its cluster/local ratio (none when local is 0 or either side is not a number). */
export const compared = (figure: string, local: number, cluster: number, digits = 1): ComparedFigure => ({
  figure,
  local: round(local, digits),
  cluster: round(cluster, digits),
  ...(local > 0 && Number.isFinite(cluster) ? { ratio: round(cluster / local, 3) } : {}),
});

export const printTables = (comparisons: Comparison[], checks: Check[]): void => {
  console.log("\n| benchmark | figure | local | cluster | cluster/local |\n|---|---|---|---|---|");
  for (const c of comparisons) {
    for (const f of c.figures) {
      console.log(`| ${c.name} | ${f.figure} | ${f.local} | ${f.cluster} | ${f.ratio ?? "—"} |`);
    }
  }
  console.log("\n| check | passed | detail |\n|---|---|---|");
  for (const check of checks)
    console.log(`| ${check.name} | ${check.passed ? "yes" : "NO"} | ${check.detail} |`);
};
