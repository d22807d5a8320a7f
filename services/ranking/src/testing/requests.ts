import { ADMIN_TOKEN, type inMemoryRanking } from "./in-memory-ranking.ts";
import { type JsonBody, jsonOf } from "./json-body.ts";

/** Requests the route tests send to an in-memory replica. */
type Replica = ReturnType<typeof inMemoryRanking>;

const json = { "content-type": "application/json" };

/** POST a selection; a string body is sent as is (for malformed JSON). */
export const select = (replica: Replica, body: unknown, headers: Record<string, string> = {}) =>
  replica.app.request("/api/v1/rankings/selections", {
    method: "POST",
    headers: { ...json, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** GET `path`: its status and parsed body. */
export const get = async (replica: Replica, path: string): Promise<{ status: number; body: JsonBody }> => {
  const res = await replica.app.request(path);
  return { status: res.status, body: await jsonOf(res) };
};

/** POST `path` with the admin token. */
export const admin = (replica: Replica, path: string, init: RequestInit = {}) =>
  replica.app.request(path, {
    method: "POST",
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...json, ...(init.headers as Record<string, string>) },
  });
