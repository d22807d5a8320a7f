/**
 * The GitOps loop of the local cluster as the delivery suite drives it: Argo CD installed by
 * scripts/delivery/argocd.sh, its staging application, and the git server it reads. Tests change the
 * deployment only as the pipeline does — commits to that git server's main, made in a scratch clone, never
 * in this working tree — and put every change back with another commit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kubectlJson, REPO_ROOT, waitFor } from "../../cluster/support/cluster.ts";

export const ARGOCD_NAMESPACE = "argocd";
export const APPLICATION = "trip-service-staging";
export const STAGING_NAMESPACE = "trip-service-staging";

/** Runs a command; stdout, or throws with its stderr. */
export const run = async (
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<string> => {
  const proc = Bun.spawn(argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`${argv.join(" ")} failed (${code}):\n${err.trim()}\n${out.trim()}`);
  return out;
};

/** What `scripts/delivery/argocd.sh env` exports: the CLI, its server and the `ci` role's token, the repo. */
export const gitopsEnv = async (): Promise<Record<string, string>> => {
  const text = await run(["bash", join(REPO_ROOT, "scripts/delivery/argocd.sh"), "env"]);
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^export (.*)$/gm)) {
    for (const assignment of (match[1] as string).matchAll(/(\w+)=('[^']*'|\S*)/g)) {
      env[assignment[1] as string] = (assignment[2] as string).replace(/^'|'$/g, "");
    }
  }
  if (!env.ARGOCD_AUTH_TOKEN || !env.TRIP_GITOPS_REPO) throw new Error(`argocd.sh env gave ${text}`);
  return env;
};

/** The Application as Argo CD last wrote it. */
// biome-ignore lint/suspicious/noExplicitAny: the Application's status is read field by field
export const application = (): any =>
  kubectlJson(["-n", ARGOCD_NAMESPACE, "get", "application", APPLICATION]);

/** Waits until the application is Synced and Healthy at `revision` (any revision when not given). */
export const waitSyncedHealthy = (revision: string | undefined, timeoutMs: number) =>
  waitFor(
    `${APPLICATION} Synced + Healthy${revision ? ` at ${revision.slice(0, 8)}` : ""}`,
    () => {
      const status = application().status ?? {};
      return (
        status.sync?.status === "Synced" &&
        status.health?.status === "Healthy" &&
        (revision === undefined || status.sync?.revision === revision) &&
        status
      );
    },
    { timeoutMs },
  );

/** A scratch clone of the git server's main: the pipeline's scripts run in it, as on a Jenkins agent. */
export class ScratchClone {
  readonly dir: string;
  private constructor(
    readonly repoUrl: string,
    root: string,
  ) {
    this.dir = join(root, "repo");
  }

  static async create(repoUrl: string): Promise<ScratchClone> {
    const clone = new ScratchClone(repoUrl, mkdtempSync(join(tmpdir(), "trip-gitops-")));
    await run(["git", "clone", "--quiet", repoUrl, clone.dir]);
    await clone.git(["config", "user.name", "trip-service-tests"]);
    await clone.git(["config", "user.email", "tests@trip.example.com"]);
    return clone;
  }

  git(args: string[], env?: Record<string, string>) {
    return run(["git", ...args], { cwd: this.dir, env });
  }

  read(path: string) {
    return readFileSync(join(this.dir, path), "utf8");
  }

  /** Commits `path` with `content` on top of the latest main and pushes it; returns the new commit. */
  async commitFile(path: string, content: string, message: string): Promise<string> {
    await this.git(["fetch", "--quiet", "origin", "main"]);
    await this.git(["checkout", "--quiet", "-B", "main", "origin/main"]);
    writeFileSync(join(this.dir, path), content);
    await this.git(["commit", "--quiet", "-am", message]);
    await this.git(["push", "--quiet", "origin", "HEAD:main"]);
    return (await this.git(["rev-parse", "HEAD"])).trim();
  }

  remove() {
    rmSync(join(this.dir, ".."), { recursive: true, force: true });
  }
}

/** The git server's main. */
export const mainRevision = async (repoUrl: string) =>
  (await run(["git", "ls-remote", repoUrl, "refs/heads/main"])).split(/\s/)[0] as string;
