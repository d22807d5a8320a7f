/**
 * SIGKILL a process of the running stack (found by its listening port) and start it again exactly as
 * `dapr run -f` had started it (same argv, environment and working directory, read from /proc before the
 * kill). The dapr CLI does not restart a dead app or sidecar, so the replacement runs under
 * run-while-alive.sh: it keeps the port until the CLI ends (scripts/down.sh), then stops as well.
 */
import { waitFor } from "../../support/stack.ts";
import { send } from "./client.ts";
import { daprRunPid, killHard, specOfListener, startDetached } from "./processes.ts";

export interface KillTarget {
  /** Log/pid file name of the replacement, e.g. `ranking-service-app`. */
  name: string;
  port: number;
  /** Answers 2xx once the restarted process (and what depends on it) works again. */
  readyUrls: readonly string[];
}

export interface KillRecord {
  killedPid: number;
  restartedPid: number;
  logFile: string;
}

export const killAndRestart = async (target: KillTarget, downtimeMs: number): Promise<KillRecord> => {
  const cli = daprRunPid();
  if (!cli) throw new Error("the stack was not started by scripts/up.sh (no live .run/pids/dapr-run.pid)");
  const spec = specOfListener(target.port);
  await killHard(spec.pid, target.port);
  await Bun.sleep(downtimeMs);
  const started = await startDetached(spec, target.name, cli);
  for (const url of target.readyUrls)
    await waitFor(
      `${url} after restarting ${target.name}`,
      async () => {
        const answer = await send(url, { timeoutMs: 3000 });
        return answer.status >= 200 && answer.status < 300;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  return { killedPid: spec.pid, restartedPid: started.pid, logFile: started.logFile };
};
