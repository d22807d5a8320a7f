/**
 * Stops and starts one infrastructure server of the shared stack with the functions of
 * scripts/infra/<part>.sh (pid files only, exactly as scripts/infra.sh does), and always restores it.
 */
import { waitFor } from "../../support/stack.ts";
import { send } from "./client.ts";
import { REPO_ROOT, SERVICES } from "./stack-env.ts";

export type InfraPart = "redis" | "mariadb" | "kafka" | "fx-sandbox";

const functionPrefix = (part: InfraPart) => part.replace("-", "_");

const infraShell = async (part: InfraPart, action: "start" | "stop" | "status") => {
  const script = [
    `root=${JSON.stringify(REPO_ROOT)}`,
    'source "$root/scripts/infra/common.sh"',
    `source "$root/scripts/infra/${part}.sh"`,
    `${functionPrefix(part)}_${action}`,
  ].join("\n");
  const proc = Bun.spawn(["bash", "-c", script], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  return { code, output: `${out}${err}`.trim() };
};

export const infraIsUp = async (part: InfraPart): Promise<boolean> =>
  (await infraShell(part, "status")).code === 0;

export const stopInfra = async (part: InfraPart): Promise<void> => {
  const { code, output } = await infraShell(part, "stop");
  if (code !== 0) throw new Error(`stopping ${part} failed: ${output}`);
};

export const startInfra = async (part: InfraPart): Promise<void> => {
  const { code, output } = await infraShell(part, "start");
  if (code !== 0) throw new Error(`starting ${part} failed: ${output}`);
};

/** Every app of the stack answers `/ready` with 200 again (their sidecars reconnected). */
export const waitStackReady = async (timeoutMs = 60_000): Promise<void> => {
  for (const service of SERVICES) {
    await waitFor(
      `${service.appId} ready`,
      async () => (await send(`${service.url}/ready`, { timeoutMs: 3000 })).status === 200,
      { timeoutMs, intervalMs: 500 },
    );
  }
};

/**
 * Stops `part`, runs `during`, then starts it again and waits until it and the whole stack are ready —
 * in a finally, so a failing assertion never leaves shared infrastructure down.
 * @example await withInfraStopped("redis", async () => { ... assertions while Redis is down ... });
 */
export const withInfraStopped = async <T>(part: InfraPart, during: () => Promise<T>): Promise<T> => {
  if (!(await infraIsUp(part))) throw new Error(`${part} is not running; nothing to stop`);
  await stopInfra(part);
  try {
    return await during();
  } finally {
    await startInfra(part);
    await waitFor(`${part} up again`, () => infraIsUp(part), { timeoutMs: 120_000, intervalMs: 500 });
    await waitStackReady();
  }
};
