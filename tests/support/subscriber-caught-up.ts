/**
 * Whether an app's subscription has acknowledged everything published to a topic of the stack's broker.
 * A test that publishes events and then deletes what they stored must wait for this first: delivery is
 * at least once, and an event not yet acknowledged is delivered again later (Kafka: after a restart the
 * consumer group resumes from its last committed offset, and a group that never committed starts at the
 * oldest event) — storing the deleted rows a second time, after the test has gone.
 * - kafka profile: the consumer group `appId` has committed the log-end offset of every partition;
 * - local profile (Redis Streams): the group `appId` of stream `topic` has no pending entry.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/render-resources.ts";
import { installedTool, STACK, secrets, waitFor } from "./stack.ts";

const tripCache = process.env.TRIP_CACHE ?? join(homedir(), ".cache", "trip-service");

/** The broker's profile: STACK_PROFILE when set (tests/cluster/contract.ts sets kafka), else the stack's. */
const profile = (): string => {
  if (process.env.STACK_PROFILE) return process.env.STACK_PROFILE;
  const file = join(repoRoot, ".run", "profile");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : "local";
};

const kafkaVersion = (): string => {
  const line = readFileSync(join(repoRoot, "scripts/setup/versions.env"), "utf8")
    .split("\n")
    .find((l) => l.startsWith("KAFKA_VERSION="));
  if (!line) throw new Error("KAFKA_VERSION is not pinned in scripts/setup/versions.env");
  return line.slice("KAFKA_VERSION=".length).trim();
};

const run = async (argv: string[], env: Record<string, string> = {}): Promise<string> => {
  const proc = Bun.spawn(argv, { env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`${argv[0]} failed (${code}): ${err.trim()}`);
  return out;
};

/**
 * Kafka's consumer-group tool, `--describe --group <group>` appended. KAFKA_CONSUMER_GROUPS (a shell
 * command line) replaces the local broker's, e.g. the tool inside a cluster's broker pod (contract.ts).
 */
const describeGroup = (group: string): Promise<string> => {
  const command = process.env.KAFKA_CONSUMER_GROUPS;
  if (command) return run(["sh", "-c", `${command} --describe --group '${group}'`]);
  const libs = join(
    installedTool(join(tripCache, "kafka", kafkaVersion(), "libs"), "scripts/setup.sh (kafka libs step)"),
    "*",
  );
  return run([
    "java",
    "-Xmx128m",
    "-cp",
    libs,
    "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
    "--bootstrap-server",
    `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    "--describe",
    "--group",
    group,
  ]);
};

/** Kafka: every partition of `topic` has its log-end offset committed by group `group`. */
const kafkaCaughtUp = async (topic: string, group: string): Promise<boolean> => {
  const out = await describeGroup(group);
  // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ... ("-" while nothing is committed, which
  // is caught up only for a partition that never held an event)
  const rows = out
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[0] === group && cells[1] === topic);
  return (
    rows.length > 0 && rows.every((cells) => cells[3] === cells[4] || (cells[3] === "-" && cells[4] === "0"))
  );
};

/** Redis Streams: the consumer group `group` of stream `topic` has no pending entry. */
const redisCaughtUp = async (topic: string, group: string): Promise<boolean> => {
  const { host, port } = STACK.redis;
  const out = await run(["redis-cli", "-h", host, "-p", String(port), "--raw", "XPENDING", topic, group], {
    REDISCLI_AUTH: secrets()["redis-password"] ?? "",
  });
  return out.split("\n")[0]?.trim() === "0";
};

/** Waits until `appId` has acknowledged every event of `topic` published so far. */
export const waitForSubscriberCaughtUp = (topic: string, appId: string, timeoutMs = 45_000) =>
  waitFor(
    `${appId} to acknowledge every ${topic} event (${profile()} profile)`,
    () => (profile() === "kafka" ? kafkaCaughtUp(topic, appId) : redisCaughtUp(topic, appId)),
    { timeoutMs, intervalMs: 1000 },
  );
