import type { Clock } from "@trip/shared";
import type { PreviousClosePort, RatesPort } from "../../use-cases/ports.ts";

export interface RoutesDeps {
  rates: RatesPort;
  previousClose: PreviousClosePort;
  clock: Clock;
}
