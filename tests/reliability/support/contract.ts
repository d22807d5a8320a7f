/** What every answer must look like under the contract (§2): envelope, codes, nothing leaked. */
import type { Answer } from "./client.ts";

export const ERROR_STATUS: Readonly<Record<string, number>> = {
  INVALID_CURRENCY_CODE: 400,
  INVALID_COUNTRY_CODE: 400,
  INVALID_PERIOD: 400,
  MISSING_PARAMETER: 400,
  DATA_VALIDATION_ERROR: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  RATE_LIMIT_EXCEEDED: 429,
  CACHE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  EXTERNAL_API_ERROR: 503,
  INTERNAL_ERROR: 500,
};

/** Stack frames, source paths, SQL, infrastructure addresses: none may appear in an answer. */
const LEAK_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ["stack frame", /\n\s+at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)/],
  ["source path", /\/work\/|node_modules|\.ts:\d+|\bsrc\/\w+\.ts\b/],
  ["SQL", /\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b|\bmysql\b/i],
  ["SQL error", /\bSQLSTATE\b|\bER_[A-Z_]+\b|\bError \d{4} \(\w+\)/],
  ["address", /\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0):\d{2,5}\b|:(?:3307|6380|9092|3501|3502|3503|3504)\b/],
  ["infrastructure", /\bredis\b|\bmariadb\b|\bkafka\b|\bdaprd?\b.*(?:error|refused)|ECONNREFUSED/i],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The answer's text with every echoed input removed (raw, JSON-escaped or URL-encoded, in any letter
 * case, trimmed or not — services may normalise a code before echoing it), so inputs never count as
 * leaks.
 */
export const withoutEchoes = (text: string, inputs: readonly string[]): string => {
  let out = text;
  const variants = inputs
    .flatMap((input) => [input, input.trim()])
    .filter((input) => input.length > 0)
    .flatMap((input) => [input, JSON.stringify(input).slice(1, -1), encodeURIComponent(input)])
    .sort((a, b) => b.length - a.length);
  for (const variant of variants) out = out.replace(new RegExp(escapeRegExp(variant), "gi"), "");
  return out;
};

export const leaksIn = (text: string, inputs: readonly string[] = []): string[] => {
  const cleaned = withoutEchoes(text, inputs);
  return LEAK_PATTERNS.filter(([, pattern]) => pattern.test(cleaned)).map(([name]) => name);
};

/**
 * Problems with one answer to a public route: a 5xx (unless `unavailableAllowed`: then a 503 with one of
 * the contract's *_UNAVAILABLE codes is fine, as while a dependency is down), a non-envelope body, an
 * error code the contract does not have (or with the wrong status), or a leak.
 */
export const contractProblems = (
  answer: Answer,
  inputs: readonly string[] = [],
  { unavailableAllowed = false } = {},
): string[] => {
  const problems: string[] = [];
  if (answer.status === 0) return [`no answer: ${answer.text}`];
  if (answer.status >= 500 && !(unavailableAllowed && answer.status === 503))
    problems.push(`status ${answer.status}`);
  const body = answer.json;
  if (typeof body !== "object" || body === null || typeof body.success !== "boolean") {
    problems.push(`not an envelope: ${answer.text.slice(0, 120)}`);
    return problems;
  }
  if (answer.status >= 400) {
    const code = body.error?.code;
    if (body.success !== false || typeof code !== "string") problems.push("error without error.code");
    else if (ERROR_STATUS[code] !== answer.status) problems.push(`code ${code} with status ${answer.status}`);
    if (answer.status === 429 && !/^\d+$/.test(answer.headers.get("retry-after") ?? ""))
      problems.push("429 without Retry-After");
  } else if (body.success !== true) problems.push(`status ${answer.status} with success=false`);
  for (const leak of leaksIn(answer.text, inputs)) problems.push(`leaks ${leak}`);
  return problems;
};
