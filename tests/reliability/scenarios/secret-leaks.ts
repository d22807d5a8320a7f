/**
 * No secret of `.run/secrets.json` is anywhere it could leak from: the content of files git tracks (or
 * would add: untracked, not ignored), the git history, the stack's log files, or any HTTP answer this
 * run collected (every request of the suite goes through support/client.ts). Runs after the fault
 * files, so the logs and answers include what the services said while their dependencies were down.
 * Only file names are ever reported, never the secret.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { secrets } from "../../support/stack.ts";
import { collectedBodies, getJson, send } from "../support/client.ts";
import { filesContaining, logFiles } from "../support/data-search.ts";
import { REPO_ROOT, SERVICES, sidecarUrlOf, tokens } from "../support/stack-env.ts";
import { scenario } from "../support/summary.ts";

const secretValues = (): string[] => Object.values(secrets()).filter((value) => value.length >= 8);

const git = (args: string[]): string => {
  const proc = Bun.spawnSync(["git", ...args], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" });
  if (proc.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed: ${proc.stderr.toString()}`);
  return proc.stdout.toString();
};

/** Files git tracks plus the untracked files it would add (everything not ignored). */
const repositoryFiles = (): string[] =>
  [
    ...git(["ls-files", "-z"]).split("\0"),
    ...git(["ls-files", "--others", "--exclude-standard", "-z"]).split("\0"),
  ]
    .filter(Boolean)
    .map((file) => join(REPO_ROOT, file))
    .filter((file) => existsSync(file) && statSync(file).isFile());

/** The kinds of answers that are most likely to carry a secret, fetched once more here. */
const provokeAnswers = async () => {
  for (const service of SERVICES) {
    for (const path of ["/health", "/ready", "/metrics", "/openapi.json", "/dapr/subscribe", "/nope"])
      await getJson(`${service.url}${path}`);
    await send(`${service.url}/api/v1/x`, { method: "POST", body: "{".repeat(70_000) });
    await getJson(`${sidecarUrlOf(service)}/v1.0/metadata`, { "dapr-api-token": tokens().dapr });
  }
};

describe("no secret leaks", () => {
  test("not in git, not in a log line, not in any collected answer", async () => {
    await scenario("secrets", "secrets in git, logs and answers", async (tally) => {
      const values = secretValues();
      expect(values.length).toBeGreaterThanOrEqual(6);
      await provokeAnswers();
      const files = repositoryFiles();
      expect(files.length).toBeGreaterThan(100);
      expect(filesContaining(files, values).map((f) => f.slice(REPO_ROOT.length + 1))).toEqual([]);
      const history = git(["log", "--all", "-p", "--no-color"]);
      expect(values.filter((value) => history.includes(value)).length).toBe(0);
      const logs = logFiles();
      expect(logs.length).toBeGreaterThan(0);
      expect(filesContaining(logs, values).map((f) => f.slice(REPO_ROOT.length + 1))).toEqual([]);
      const bodies = [...collectedBodies()];
      const leaking = bodies.filter((body) => values.some((value) => body.includes(value)));
      // Only the request line is shown: the answer itself would print the secret into the test log.
      expect(leaking.map((body) => body.split("\n")[0])).toEqual([]);
      const logBytes = logs.reduce((n, file) => n + readFileSync(file).length, 0);
      tally.inputsTried += files.length + logs.length + bodies.length;
      tally.notes.push(
        `${values.length} secrets × ${files.length} repository files, git history, ${logs.length} log files ` +
          `(${(logBytes / 1e6).toFixed(1)} MB), ${bodies.length} distinct answers`,
      );
    });
  }, 120_000);
});
