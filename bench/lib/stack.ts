import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const REPO = join(import.meta.dir, "..", "..");

export const URLS = {
  currency: "http://127.0.0.1:8001",
  ranking: "http://127.0.0.1:8002",
  history: "http://127.0.0.1:8003",
  ingestor: "http://127.0.0.1:8004",
  fx: "http://127.0.0.1:8090",
  currencySidecar: "http://127.0.0.1:3501",
  historySidecar: "http://127.0.0.1:3503",
  ingestorSidecar: "http://127.0.0.1:3504",
} as const;

export const secrets = (): Record<string, string> =>
  JSON.parse(readFileSync(join(REPO, ".run", "secrets.json"), "utf8")) as Record<string, string>;

/** The profile the running stack was started with (written by scripts/up.sh), if known. */
export const runningProfile = (): string => {
  const file = join(REPO, ".run", "profile");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : "unknown";
};

/** PID of the process listening on a loopback TCP port (from `ss`). */
export const pidListeningOn = (port: number): number | undefined => {
  const out = Bun.spawnSync(["ss", "-ltnpH", `sport = :${port}`]).stdout.toString();
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : undefined;
};

/** Resident set size of a process in MB, from /proc. */
export const rssMb = (pid: number): number | undefined => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
};

/** Proportional set size: resident memory with pages shared by N processes counted 1/N each. */
export const pssMb = (pid: number): number | undefined => {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const match = /^Pss:\s+(\d+) kB/m.exec(rollup);
  return match ? Number(match[1]) / 1024 : undefined;
};

export const getJson = async <T = unknown>(url: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(url, init);
  if (!res.ok)
    throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
};
