/** A random RFC 4122 v4 id; crypto.randomUUID exists only on secure origins (https, localhost). */
export const newUuid = (): string => {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const SESSION_KEY = "trip.session-id";

/** The browser tab's session id, created on first use and kept in sessionStorage for the tab's life. */
export const sessionIdFrom = (storage: Pick<Storage, "getItem" | "setItem">): string => {
  const existing = storage.getItem(SESSION_KEY);
  if (existing) return existing;
  const created = newUuid();
  storage.setItem(SESSION_KEY, created);
  return created;
};

let fallbackSessionId: string | undefined;

/** The session id of this tab, or a per-page one when sessionStorage is blocked. */
export const browserSessionId = (): string => {
  try {
    return sessionIdFrom(window.sessionStorage);
  } catch {
    fallbackSessionId ??= newUuid(); // storage blocked (privacy mode): one id for this page's life
    return fallbackSessionId;
  }
};
