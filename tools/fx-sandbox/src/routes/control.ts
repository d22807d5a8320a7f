import { Hono } from "hono";
import { controlUpdateSchema } from "../domain/misbehaviour.ts";
import { type ControlSwitch, sandboxError } from "../sandbox-env.ts";

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `GET /__control` shows the misbehaviour switch; `POST /__control {mode, slowMs?}` flips it. */
export const controlRoutes = (control: ControlSwitch) =>
  new Hono()
    .get("/", (c) => c.json(control.get()))
    .post("/", async (c) => {
      const parsed = controlUpdateSchema.safeParse(parseJson(await c.req.text()));
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "body"}: ${issue.message}`,
        );
        return c.json(sandboxError(`expected {"mode": …, "slowMs"?: …}; ${problems.join("; ")}`), 400);
      }
      control.set({ mode: parsed.data.mode, slowMs: parsed.data.slowMs ?? control.get().slowMs });
      return c.json(control.get());
    });
