/**
 * A provider's number as a JS number: JSON numbers as they are, strings with thousands separators
 * (`"1,140.79"`) parsed, anything else NaN — cleaning drops NaN rather than the whole snapshot.
 * @example providerNumber("3,898.81") // 3898.81
 */
export const providerNumber = (value: unknown): number => {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return Number.NaN;
  const text = value.replaceAll(",", "").trim();
  return text === "" ? Number.NaN : Number(text);
};

/** Like `providerNumber`, but an absent value is `null` (e.g. Eximbank `tts`/`ttb`). */
export const optionalProviderNumber = (value: unknown): number | null =>
  value === null || value === undefined || value === "" ? null : providerNumber(value);
