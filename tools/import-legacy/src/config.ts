import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { z } from "zod";

const envSchema = z.object({
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3500),
  DAPR_API_TOKEN: z.string().min(1).optional(),
});

const argsSchema = z.object({
  dump: z.string().min(1),
  /** The old MySQL server's time zone: its DATETIME columns carry none. */
  zone: z
    .string()
    .min(1)
    .refine((zone) => DateTime.now().setZone(zone).isValid, "not a time zone (e.g. Asia/Seoul, UTC)")
    .default("Asia/Seoul"),
  binding: z.string().min(1).default("trip-db"),
  "batch-size": z.coerce.number().int().min(1).max(2000).default(400),
  "dry-run": z.boolean().default(false),
  json: z.boolean().default(false),
});

export type ImportConfig = z.infer<typeof argsSchema> & z.infer<typeof envSchema>;

export const USAGE = `usage: bun tools/import-legacy --dump <mysqldump.sql> [--zone Asia/Seoul] [--binding trip-db]
                              [--batch-size 400] [--dry-run] [--json]
Talks to a Dapr sidecar on 127.0.0.1:$DAPR_HTTP_PORT (token $DAPR_API_TOKEN) that has the bindings.mysql
component --binding pointing at the target database. See docs/migration.md.`;

/** Parses the command line and the environment once; throws a readable error with the usage. */
export const loadConfig = (
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ImportConfig => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dump: { type: "string" },
      zone: { type: "string" },
      binding: { type: "string" },
      "batch-size": { type: "string" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) throw new Error(`${z.prettifyError(args.error)}\n${USAGE}`);
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  return { ...args.data, ...envSchema.parse(present) };
};
