/// <reference types="vitest" />
import { fileURLToPath, URL } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Django serves the build: hashed assets under /static/ (whitenoise), index.html at every
// SPA route. In `npm run dev` the API calls are proxied to `make run`'s server on :8000.
const backend = "http://127.0.0.1:8000";

export default defineConfig({
  base: "/static/",
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, manifest: true },
  server: {
    proxy: {
      "/api": backend,
      "/_allauth": backend,
      "/media": backend,
      "/ws": { target: backend, ws: true },
    },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./src/testing/setup.ts"],
    reporters: ["default", "junit"],
    outputFile: { junit: process.env.VITEST_JUNIT ?? "../var/test-reports/frontend-unit.xml" },
  },
});
