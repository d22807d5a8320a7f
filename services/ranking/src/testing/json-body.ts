/** A parsed JSON response body in tests, asserted field by field with `toEqual`/`toMatchObject`. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk response bodies freely
export type JsonBody = any;

export const jsonOf = async (res: Response): Promise<JsonBody> => res.json();
