import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import de from "@/locales/de.json";
import en from "@/locales/en.json";
import fr from "@/locales/fr.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [path] : [];
  });
}

// i18next resolves `count` keys through their plural forms (`_one`, `_other`).
function resolvable(all: Set<string>, key: string): boolean {
  return all.has(key) || all.has(`${key}_one`) || all.has(`${key}_other`);
}

describe("translations", () => {
  const english = new Set(keys(en));

  it("German and French have exactly the English keys", () => {
    expect(keys(de).sort()).toEqual([...english].sort());
    expect(keys(fr).sort()).toEqual([...english].sort());
  });

  it("every literal key the code uses exists", () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, ".."))) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !resolvable(english, key))).toEqual([]);
  });

  it("no German or French string is left in English", () => {
    const flat = (tree: Tree) => Object.fromEntries(keys(tree).map((k) => [k, k.split(".").reduce<Tree | string>((t, p) => (t as Tree)[p] as Tree | string, tree)]));
    const english = flat(en);
    const same = (other: Tree) =>
      Object.entries(flat(other))
        .filter(([key, value]) => value === english[key] && String(value).length > 12)
        .map(([key]) => key);
    expect(same(de)).toEqual([]);
    // French words that are spelled as in English.
    expect(same(fr).sort()).toEqual(["chat.conversations", "contract.total", "nav.notifications", "search.page"]);
  });
});
