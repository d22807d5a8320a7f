/**
 * A stand-in for the old frontend (../shared/legacy.md): one page whose API module issues exactly its
 * calls — same paths and queries, `Content-Type: application/json` and `X-Correlation-ID` on every
 * request (so the browser preflights even GETs) — and reads each answer the way it does, `.toFixed()`
 * on the statistics included. `window.oldFrontend[call]()` answers `{ status, reads }`: the type of
 * every field read (`typeof`, "array", "null"), or `{ error }` when the request failed at the network
 * level (a refused preflight), was not a success envelope, or a read threw (a null given `.toFixed()`).
 */

export interface OldFrontendBases {
  currency: string;
  ranking: string;
  history: string;
}

export type CallOutcome =
  | { status: number; reads: Record<string, string> }
  | { error: string; status?: number; body?: unknown };

/** The calls of legacy.md in the order its pages make them (the comparison-page visit before the board). */
export const OLD_FRONTEND_CALLS = [
  "health",
  "latestRates",
  "latestRateEach",
  "currencyDetail",
  "priceIndex",
  "selectDestination",
  "comparisonVisit",
  "ranking",
  "rankingStats",
  "history",
  "historyStats",
  "historyCompare",
] as const;
export type OldFrontendCall = (typeof OLD_FRONTEND_CALLS)[number];

export const OLD_FRONTEND_SYMBOLS = ["USD", "JPY", "EUR", "GBP", "CNY"] as const;

/** The old client's module, as browser JavaScript (it runs in the page, not in the test process). */
const clientModule = `
const bases = JSON.parse(document.getElementById("bases").textContent);
const SYMBOLS = ${JSON.stringify(OLD_FRONTEND_SYMBOLS)};
const kindOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

async function request(base, path, init = {}) {
  let res;
  try {
    res = await fetch(base + path, {
      ...init,
      headers: { "Content-Type": "application/json", "X-Correlation-ID": crypto.randomUUID() },
    });
  } catch (err) {
    throw Object.assign(new Error("network: " + err.message), { outcome: { error: "network: " + err.message } });
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok || !body || body.success !== true)
    throw Object.assign(new Error("status " + res.status), {
      outcome: { error: "status " + res.status, status: res.status, body },
    });
  return { status: res.status, data: body.data };
}

const calls = {
  async health() {
    const { status, data } = await request(bases.currency, "/health");
    return { status, reads: { "data.status": kindOf(data.status) } };
  },
  async latestRates() {
    const { status, data } = await request(bases.currency, "/api/v1/currencies/latest?symbols=" + SYMBOLS.join(",") + "&base=KRW");
    const reads = {};
    for (const code of SYMBOLS) {
      data.rates[code].toFixed(2);
      reads["data.rates." + code] = kindOf(data.rates[code]);
    }
    return { status, reads };
  },
  async latestRateEach() {
    const reads = {};
    let status = 0;
    for (const code of SYMBOLS) {
      const answer = await request(bases.currency, "/api/v1/currencies/latest?symbols=" + code + "&base=KRW");
      status = answer.status;
      answer.data.rates[code].toFixed(2);
      reads["data.rates." + code] = kindOf(answer.data.rates[code]);
    }
    return { status, reads };
  },
  async currencyDetail() {
    const { status, data } = await request(bases.currency, "/api/v1/currencies/USD");
    return { status, reads: { "data.currency_name": kindOf(data.currency_name) } };
  },
  async priceIndex() {
    const { status, data } = await request(bases.currency, "/api/v1/price-index?country=JP&base_country=KR");
    window.storedPriceIndex = data;
    return { status, reads: { data: kindOf(data) } };
  },
  async selectDestination() {
    const { status, data } = await request(bases.ranking, "/api/v1/rankings/selections", {
      method: "POST",
      body: JSON.stringify({ user_id: "legacy-client-suite", country_code: "JP", session_id: "legacy-client-session" }),
    });
    return { status, reads: { "data.selection_id": kindOf(data.selection_id) } };
  },
  async comparisonVisit() {
    const { status } = await request(bases.ranking, "/api/v1/rankings/update", {
      method: "POST",
      body: JSON.stringify({ countries: ["JP", "TH", "VN"], period: "daily" }),
    });
    return { status, reads: {} };
  },
  async ranking() {
    const { status, data } = await request(bases.ranking, "/api/v1/rankings?period=daily&limit=10&offset=0");
    const reads = { "data.ranking": kindOf(data.ranking), "data.last_updated": kindOf(data.last_updated) };
    data.ranking.forEach((entry, i) => {
      const count = entry.selection_count ?? entry.score;
      reads["ranking[" + i + "].rank"] = kindOf(entry.rank);
      reads["ranking[" + i + "].country_code"] = kindOf(entry.country_code);
      reads["ranking[" + i + "].country_name"] = kindOf(entry.country_name);
      reads["ranking[" + i + "].selection_count ?? score"] = kindOf(count);
      count.toLocaleString();
    });
    return { status, reads };
  },
  async rankingStats() {
    const { status, data } = await request(bases.ranking, "/api/v1/rankings/stats/JP?period=7d");
    data.statistics.daily_average.toFixed(1);
    return {
      status,
      reads: {
        "data.statistics.total_selections": kindOf(data.statistics.total_selections),
        "data.statistics.daily_average": kindOf(data.statistics.daily_average),
      },
    };
  },
  async history() {
    const { status, data } = await request(bases.history, "/api/v1/history?period=1w&target=USD&base=KRW&interval=daily");
    const reads = { "data.results": kindOf(data.results) };
    data.results.forEach((point, i) => {
      reads["results[" + i + "].date"] = kindOf(point.date);
      reads["results[" + i + "].rate"] = kindOf(point.rate);
      point.rate.toFixed(2);
    });
    const s = data.statistics;
    for (const name of ["average", "min", "max", "volatility"]) {
      s[name].toFixed(2);
      reads["data.statistics." + name] = kindOf(s[name]);
    }
    reads["data.statistics.trend"] = kindOf(s.trend);
    return { status, reads };
  },
  async historyStats() {
    const { status, data } = await request(bases.history, "/api/v1/history/stats?target=USD&period=6m&base=KRW");
    data.statistics.volatility_index.toFixed(2);
    return {
      status,
      reads: {
        "data.statistics.trend_direction": kindOf(data.statistics.trend_direction),
        "data.statistics.volatility_index": kindOf(data.statistics.volatility_index),
      },
    };
  },
  async historyCompare() {
    const { status, data } = await request(bases.history, "/api/v1/history/compare?targets=USD,JPY&period=1m&base=KRW");
    return { status, reads: { "data.currencies": kindOf(data.currencies) } };
  },
};

window.oldFrontend = Object.fromEntries(
  Object.entries(calls).map(([name, call]) => [
    name,
    () => call().catch((err) => err.outcome ?? { error: "read: " + err.message }),
  ]),
);
`;

/** The page at the old frontend's origin, with its API base URLs (VITE_*_API_BASE_URL) filled in. */
export const oldFrontendPage = (bases: OldFrontendBases): string => `<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8"><title>old frontend (compatibility suite)</title></head>
  <body>
    <script id="bases" type="application/json">${JSON.stringify(bases)}</script>
    <script type="module">${clientModule}</script>
  </body>
</html>`;
