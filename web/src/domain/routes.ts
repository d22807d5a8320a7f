/** The UI's client-side routes. The web server answers every extensionless path with index.html. */
export type Route =
  | { name: "home" }
  | { name: "destination"; country: string }
  | { name: "compare" }
  | { name: "not-found" };

/**
 * @example matchRoute("/destinations/jp") // { name: "destination", country: "JP" }
 */
export const matchRoute = (pathname: string): Route => {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { name: "home" };
  if (path === "/compare") return { name: "compare" };
  const destination = /^\/destinations\/([A-Za-z]{2})$/.exec(path);
  if (destination?.[1]) return { name: "destination", country: destination[1].toUpperCase() };
  return { name: "not-found" };
};

export const destinationPath = (countryCode: string): string => `/destinations/${countryCode}`;
