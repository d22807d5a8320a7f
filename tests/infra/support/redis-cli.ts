/** Reads Redis directly (redis-cli) to check how the state stores lay out their keys. Tests only. */
import { localSecrets } from "./environment.ts";

export async function redisCommand(...args: string[]): Promise<string> {
  const cli = Bun.spawn(["redis-cli", "-h", "127.0.0.1", "-p", "6380", "--no-raw", ...args], {
    env: { ...Bun.env, REDISCLI_AUTH: localSecrets()["redis-password"] },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [output, code] = await Promise.all([new Response(cli.stdout).text(), cli.exited]);
  if (code !== 0)
    throw new Error(`redis-cli ${args.join(" ")} failed: ${await new Response(cli.stderr).text()}`);
  return output.trim();
}
