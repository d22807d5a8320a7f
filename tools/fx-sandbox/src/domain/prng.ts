/**
 * Counter-based randomness: every number is a pure function of (seed, stream, index), so any point of the
 * walk can be recomputed on its own, in any order, after any restart.
 */

/** 32-bit FNV-1a hash; turns a human seed or a stream name into a number. */
export const hashString = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/** splitmix32 finaliser: a well-mixed 32-bit value for any 32-bit input. */
const mix32 = (input: number): number => {
  let x = (input + 0x9e3779b9) | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
};

/** A stream key: one independent sequence per (seed, name), e.g. the daily moves of "USD". */
export const streamKey = (seed: number, name: string): number => mix32(seed ^ hashString(name));

/** Uniform in the open interval (0, 1). */
export const uniformAt = (key: number, index: number, salt = 0): number =>
  (mix32(mix32(key ^ (index | 0)) ^ salt) + 0.5) / 4294967296;

/** Tails are cut at ±3.5σ: a sandbox never needs a once-in-a-century jump, and tests can rely on a bound. */
export const NORMAL_TAIL_CUT = 3.5;

/** Standard normal (Box-Muller), truncated to ±NORMAL_TAIL_CUT. */
export const normalAt = (key: number, index: number): number => {
  const u1 = uniformAt(key, index, 1);
  const u2 = uniformAt(key, index, 2);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(-NORMAL_TAIL_CUT, Math.min(NORMAL_TAIL_CUT, z));
};
