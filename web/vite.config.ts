import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// @trip/shared publishes its TypeScript sources under the "bun" export condition; the browser build
// reads the same sources (the catalog) and tree-shakes the server-only parts away (sideEffects: false).
const sharedSource = fileURLToPath(new URL("../packages/shared/src/index.ts", import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: [{ find: /^@trip\/shared$/, replacement: sharedSource }] },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false },
  // `bun run dev`: the UI on :5173 with the API from the running web app on :8080.
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
