/** HTTP helpers of the ranking suite: public API calls as distinct clients, admin calls, sidecar-style calls. */
import { secrets, waitFor } from "../../support/stack.ts";
import type { Replica } from "./ranking-replicas.ts";

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  body: any;
  headers: Headers;
}

const answer = async (res: Response): Promise<Answer> => {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
};

/**
 * POST a selection as the client at `address` (the replicas trust one proxy hop, so X-Forwarded-For
 * stands for the client's address as an ingress would set it).
 */
export const select = async (replica: Replica, body: Record<string, unknown>, address: string) =>
  answer(
    await fetch(`${replica.url}/api/v1/rankings/selections`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(body),
    }),
  );

/**
 * `count` selections at once over `countries`, from clients of 10 selections each (own address in
 * `subnet`.x.y and own session), alternating between `replicas`. Returns the answers and how many
 * were sent per country.
 */
export const selectConcurrently = async (
  replicas: readonly Replica[],
  count: number,
  countries: readonly string[],
  subnet: string,
) => {
  const sent: Record<string, number> = {};
  const answers = await Promise.all(
    Array.from({ length: count }, (_, k) => {
      const client = Math.floor(k / 10);
      const country = countries[k % countries.length] as string;
      sent[country] = (sent[country] ?? 0) + 1;
      return select(
        replicas[k % replicas.length] as Replica,
        { country_code: country, session_id: `load-${client}` },
        `${subnet}.${client >> 8}.${client & 255}`,
      );
    }),
  );
  return { answers, sent };
};

export const getJson = async (replica: Replica, path: string) => answer(await fetch(`${replica.url}${path}`));

const adminHeaders = () => ({
  authorization: `Bearer ${secrets()["admin-token"]}`,
  "content-type": "application/json",
});

/** Recomputes the snapshots now (retrying while a cron recomputation holds the lock). */
export const recomputeNow = (replica: Replica) =>
  waitFor(
    `${replica.id} to recompute`,
    async () => {
      const res = await fetch(`${replica.url}/api/v1/rankings/admin/recompute`, {
        method: "POST",
        headers: adminHeaders(),
      });
      return ((await res.json()) as { data?: { outcome?: string } }).data?.outcome === "recomputed";
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );

/** Moves a replica's clock (the replicas of the rollover suite run with ALLOW_CLOCK_OVERRIDE). */
export const setClock = async (replica: Replica, now: string, frozen = false): Promise<void> => {
  const res = await fetch(`${replica.url}/api/v1/rankings/admin/clock`, {
    method: "PUT",
    headers: adminHeaders(),
    body: JSON.stringify({ now, frozen }),
  });
  if (res.status !== 200) throw new Error(`clock of ${replica.id}: ${res.status} ${await res.text()}`);
};

/** Calls a cron route the way the replica's own sidecar does (with the app token). */
export const fireCron = async (replica: Replica, binding: string): Promise<number> =>
  (
    await fetch(`${replica.url}/${binding}`, {
      method: "POST",
      headers: { "dapr-api-token": secrets()["app-api-token"] ?? "" },
    })
  ).status;
