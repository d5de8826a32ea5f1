// ESLint for the UI: the recommended rules for JavaScript, TypeScript (typescript-eslint) and
// Svelte 5 (eslint-plugin-svelte), run by `npm run check` in the lint step of `cargo xtask test`.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  { ignores: ["dist/", "node_modules/", "src/lib/bindings.ts"] },
);
