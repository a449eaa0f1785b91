import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Imports flow one way, app → features → shared (bulletproof-react): a feature never imports
// another feature or the app, and shared code never imports features or the app.
const features = ["auth", "search", "freelancers", "firms", "gigs", "proposals", "contracts",
  "chat", "notifications", "settings", "reviews"];
const crossFeature = features.map((name) => ({
  target: `./src/features/${name}`,
  from: "./src/features",
  except: [`./${name}`],
}));

export default tseslint.config(
  { ignores: ["dist", "src/api/generated", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks, import: importPlugin },
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "import/no-cycle": "error",
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...crossFeature,
            { target: "./src/features", from: "./src/app" },
            {
              target: ["./src/components", "./src/lib", "./src/api", "./src/locales"],
              from: ["./src/features", "./src/app"],
            },
          ],
        },
      ],
    },
  },
  { files: ["scripts/**/*.mjs", "*.js"], languageOptions: { globals: globals.node } },
);
