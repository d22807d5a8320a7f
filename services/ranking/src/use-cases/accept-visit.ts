import { AppError, type Country } from "@trip/shared";
import { clientAddressOf, selectionRateRules } from "../domain/client-identity.ts";
import { destinationOf } from "../domain/destinations.ts";
import type { SelectionBody } from "../domain/selection-log.ts";
import { distinctCountries, VISIT_REFERRER, visitSelectionId } from "../domain/visit-selections.ts";
import { type AcceptSelectionDeps, type ClientSeen, withinRateLimit } from "./accept-selection.ts";

export interface VisitRequest {
  countries: readonly string[];
}

export interface CountedVisit {
  selections: SelectionBody[];
  message: string;
}

const destinationsOf = (codes: readonly string[]): Country[] =>
  codes.map((code) => {
    const country = destinationOf(code);
    if (!country)
      throw new AppError("INVALID_COUNTRY_CODE", `Not a supported destination: ${code}`, {
        country_code: code,
      });
    return country;
  });

/**
 * `POST /api/v1/rankings/update` (old frontend, deprecated): each distinct country of the visit is one
 * selection under the rules of `POST /selections` — destinations only (any other code: 400, nothing
 * counted), the client address's rate limit with room for all of them (else 429, nothing counted),
 * and idempotent per (X-Correlation-ID, country) through `visitSelectionId`.
 */
export const acceptVisit = async (
  deps: AcceptSelectionDeps,
  visit: VisitRequest,
  client: ClientSeen,
  correlationId: string,
): Promise<CountedVisit> => {
  const countries = distinctCountries(destinationsOf(visit.countries));
  const address = clientAddressOf(client.forwardedFor, client.peerAddress, deps.trustedProxyHops);
  withinRateLimit(deps, selectionRateRules(address, null, null, deps.limits), countries.length);
  const recorded = await Promise.all(
    countries.map(async (country) =>
      deps.recorder.record({
        selection_id: await visitSelectionId(correlationId, country.code),
        country_code: country.code,
        currency_code: country.currencyCode,
        user_hash: null,
        session_id: null,
        referrer: VISIT_REFERRER,
      }),
    ),
  );
  for (const r of recorded) deps.onResult?.(r.replayed ? "replayed" : "accepted");
  const n = recorded.length;
  return {
    selections: recorded.map((r) => r.body),
    message: `Visit recorded as ${n} selection${n === 1 ? "" : "s"}`,
  };
};
