/**
 * The salted hash that stands for a user id everywhere outside this service (events, logs, stores):
 * hex SHA-256 of `salt:userId`. Web Crypto only, so it runs on Bun and Deno alike.
 * @example await hashUserId("s3cret", "user-42") // "9f1c…" (64 hex chars)
 */
export const hashUserId = async (salt: string, userId: string): Promise<string> => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}:${userId}`));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
};
