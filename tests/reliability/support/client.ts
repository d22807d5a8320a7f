/**
 * Every HTTP call of the suite goes through `send`: it counts requests (for the summary), keeps the
 * distinct response bodies (the secret-leak scan reads them) and measures latency.
 */

/** A parsed JSON answer: assertions read it field by field, whatever its shape. */
// biome-ignore lint/suspicious/noExplicitAny: answers of any route, read field by field in assertions
export type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: Json;
  ms: number;
}

let requests = 0;
const bodies = new Set<string>();
const MAX_KEPT_BODY = 256 * 1024;

export const requestCount = (): number => requests;

/** Distinct answers seen so far: `METHOD url` line, headers line, body. */
export const collectedBodies = (): ReadonlySet<string> => bodies;

/** Headers and body with per-request values (time, ids) blanked, so repeated answers are kept once. */
const normalised = (request: string, headers: Headers, text: string): string => {
  const headerLine = [...headers]
    .filter(([name]) => name !== "date" && name !== "x-correlation-id")
    .map(([name, value]) => `${name}: ${value}`)
    .join("; ");
  return `${request}\n${headerLine}\n${text.replace(/"timestamp":"[^"]*"/g, '"timestamp":""')}`;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** fetch with a timeout; network failures resolve to status 0 (a refused connection is an answer here). */
export const send = async (url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> => {
  requests += 1;
  const started = performance.now();
  const { timeoutMs = 20_000, ...rest } = init;
  try {
    const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    const ms = performance.now() - started;
    if (text.length <= MAX_KEPT_BODY)
      bodies.add(normalised(`${rest.method ?? "GET"} ${url}`, res.headers, text));
    return { status: res.status, headers: res.headers, text, json: parseJson(text), ms };
  } catch (err) {
    const ms = performance.now() - started;
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { status: 0, headers: new Headers(), text, json: undefined, ms };
  }
};

export const getJson = (url: string, headers: Record<string, string> = {}): Promise<Answer> =>
  send(url, { headers });

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
  send(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
