import type { App } from "../../../scripts/ci/apps.ts";

/**
 * The app's Dockerfile with its build arguments filled in where Docker substitutes them (`${NAME}` in
 * FROM/COPY/ENV/EXPOSE/WORKDIR…): what the four services' shared Dockerfile reads as for one service.
 * `$NAME` without braces (the shell's, inside RUN) and arguments the app does not set (BUN_VERSION)
 * stay as written.
 */
export const renderDockerfile = (text: string, app: App): string =>
  text.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => app.buildArgs[name] ?? whole);
