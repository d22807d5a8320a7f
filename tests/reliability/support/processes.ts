/**
 * Real processes of the stack: find one by its listening port, remember how it was started
 * (/proc/<pid>/cmdline, environ, cwd), kill it with SIGKILL and start it again exactly that way.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../../support/stack.ts";
import { RUN_DIR } from "./stack-env.ts";

export interface ProcessSpec {
  pid: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** The pid listening on a loopback TCP port (from `ss -ltnpH`), or undefined. */
export const listenerPid = (port: number): number | undefined => {
  const proc = Bun.spawnSync(["ss", "-ltnpH", `sport = :${port}`], { stdout: "pipe" });
  const match = /pid=(\d+)/.exec(proc.stdout.toString());
  return match?.[1] ? Number(match[1]) : undefined;
};

export const isAlive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !isZombie(pid);

const isZombie = (pid: number): boolean => {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

const nulSeparated = (file: string): string[] => readFileSync(file, "utf8").split("\0").filter(Boolean);

export const processSpec = (pid: number): ProcessSpec => {
  const env: Record<string, string> = {};
  for (const entry of nulSeparated(`/proc/${pid}/environ`)) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return {
    pid,
    argv: nulSeparated(`/proc/${pid}/cmdline`),
    env,
    cwd: Bun.spawnSync(["readlink", `/proc/${pid}/cwd`])
      .stdout.toString()
      .trim(),
  };
};

export const specOfListener = (port: number): ProcessSpec => {
  const pid = listenerPid(port);
  if (!pid) throw new Error(`nothing listens on port ${port}`);
  return processSpec(pid);
};

/** SIGKILL, then wait until the pid is gone and its port is free. */
export const killHard = async (pid: number, port?: number): Promise<void> => {
  process.kill(pid, "SIGKILL");
  await waitFor(`pid ${pid} to die`, async () => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 50 });
  if (port !== undefined)
    await waitFor(`port ${port} to be free`, async () => listenerPid(port) === undefined, {
      timeoutMs: 10_000,
    });
};

const WATCHER = join(import.meta.dir, "run-while-alive.sh");

export interface Started {
  /** pid of the started command (not of its watcher). */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `spec` again in its own session, supervised by run-while-alive.sh: it keeps running after the
 * test process ends and stops when `watchedPid` ends. Output goes to .run/logs/reliability/<name>.log.
 */
export const startDetached = async (
  spec: ProcessSpec,
  name: string,
  watchedPid: number,
): Promise<Started> => {
  const logDir = join(RUN_DIR, "logs", "reliability");
  const pidDir = join(RUN_DIR, "pids", "reliability");
  mkdirSync(logDir, { recursive: true });
  mkdirSync(pidDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const pidFile = join(pidDir, `${name}.pid`);
  Bun.spawnSync(["rm", "-f", pidFile]);
  const watcher = Bun.spawn(["setsid", "bash", WATCHER, String(watchedPid), pidFile, logFile, ...spec.argv], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ["ignore", "ignore", "ignore"],
  });
  watcher.unref();
  const pid = await waitFor(
    `${name} to start`,
    async () => (existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) || undefined : undefined),
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  return {
    pid,
    logFile,
    stop: async () => {
      if (!isAlive(pid)) return;
      process.kill(pid, "SIGTERM");
      await waitFor(`${name} to stop`, async () => !isAlive(pid), {
        timeoutMs: 15_000,
        intervalMs: 100,
      }).catch(() => isAlive(pid) && process.kill(pid, "SIGKILL"));
    },
  };
};

/** The `dapr run -f` CLI of the stack (scripts/up.sh records its pid). */
export const daprRunPid = (): number | undefined => {
  const file = join(RUN_DIR, "pids", "dapr-run.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return pid > 0 && isAlive(pid) ? pid : undefined;
};
