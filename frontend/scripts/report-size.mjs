// Prints the gzipped JavaScript the initial route (the landing page at /) downloads: the entry
// chunk, the landing route's lazy chunk and their static imports, not the other routes' chunks.
// Fails the build above the 250 KB budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 250 * 1024;
const dist = "dist";
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const seen = new Set();
function collect(key) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) collect(imported);
}
collect("index.html");
collect("src/app/routes/landing.tsx");
let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  if (!file.endsWith(".js")) continue;
  total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
const kb = (total / 1024).toFixed(1);
console.log(`initial route JavaScript: ${kb} KB gzipped (${seen.size} chunks; budget 250 KB)`);
if (total > BUDGET_BYTES) {
  console.error("over the 250 KB budget: split the route that grew with React.lazy");
  process.exit(1);
}
