import { ApiError } from "./api-client.ts";
import type { SelectionInput } from "./endpoints.ts";

export interface RecordSelectionDeps {
  post: (selection: SelectionInput) => Promise<unknown>;
  selectionId: string;
  sessionId: string;
  sleep?: (ms: number) => Promise<void>;
  attempts?: number;
}

const retryable = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status >= 500);

/**
 * Records that the traveller picked `countryCode`. The selection id is made once by the caller, so a
 * retry after a lost answer or a 5xx is counted once by the ranking service. 4xx answers (unknown
 * country, rate limit) are final and thrown.
 */
export const recordSelection = async (countryCode: string, deps: RecordSelectionDeps): Promise<void> => {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = deps.attempts ?? 3;
  const selection: SelectionInput = {
    country_code: countryCode,
    selection_id: deps.selectionId,
    session_id: deps.sessionId,
    referrer: "web-search",
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.post(selection);
      return;
    } catch (err) {
      if (attempt >= attempts || !retryable(err)) throw err;
      await sleep(400 * attempt);
    }
  }
};
