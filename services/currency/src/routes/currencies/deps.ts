import type { Clock } from "@trip/shared";
import type { PreviousClosePort, RatesPort } from "../../read-path/ports.ts";

export interface RoutesDeps {
  rates: RatesPort;
  previousClose: PreviousClosePort;
  clock: Clock;
}
