/** fast-check arbitraries for hostile request parameters and bodies. */
import fc from "fast-check";

/** Strings that look like SQL, script, template, path or header injection. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "1; DROP TABLE exchange_rates; --",
  '" UNION SELECT password FROM mysql.user -- ',
  "Robert'); DELETE FROM user_selections WHERE ('1'='1",
  "<script>alert(document.cookie)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literal on purpose
  "{{7*7}}${7*7}<%= 7*7 %>",
  "../../../../etc/passwd",
  "%00%0d%0aSet-Cookie: injected=1",
  "\u0000\u0001\u001f",
  "\r\nX-Injected: 1",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x41",
  "한국어 통화 🇰🇷",
  "\u202Eevil",
  " ",
  "",
];

/** One value for a parameter: a documented sample, a hostile string, a number, or random text. */
export const paramValue = (samples: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    ...(samples.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...samples) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 16 }) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
    ...(samples.length > 0
      ? [
          {
            weight: 1,
            arbitrary: fc.array(fc.constantFrom(...samples), { maxLength: 12 }).map((v) => v.join(",")),
          },
        ]
      : []),
  );

/** Values for every parameter; each may also be left out. */
export const paramValues = (
  params: ReadonlyArray<{ name: string; samples: string[] }>,
): fc.Arbitrary<Record<string, string | undefined>> =>
  fc.record(
    Object.fromEntries(
      params.map((p) => [p.name, fc.option(paramValue(p.samples), { nil: undefined, freq: 4 })]),
    ),
  );

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ minLength: 100, maxLength: 1200 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A request body: the route's own properties with hostile values, arbitrary JSON, or broken JSON text. */
export const requestBody = (
  properties: readonly string[],
  samples: Readonly<Record<string, readonly string[]>>,
): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record(
          Object.fromEntries(
            properties.map((name) => [
              name,
              fc.option(
                samples[name]?.length
                  ? fc.oneof(fc.constantFrom(...(samples[name] ?? [])), jsonValue)
                  : jsonValue,
                { nil: undefined },
              ),
            ]),
          ),
        )
        .chain((known) =>
          fc
            .dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 2 })
            .map((extra) => JSON.stringify({ ...extra, ...known })),
        ),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `{"${s}`) },
    { weight: 1, arbitrary: fc.constantFrom("", "null", "[]", "{", "{}}", '{"a":1,}', "\u0000") },
  );

/** Everything a generated input contains as text, for telling echoes apart from leaks. */
export const textsOf = (value: unknown): string[] => {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(textsOf);
  return value === undefined ? [] : [String(value)];
};
