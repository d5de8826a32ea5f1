// Holds the UI to its catalog: no words outside it, no message used that it lacks, none it keeps
// that nothing uses, and every use gives exactly the values its message names.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../locales/en.json";
import { argumentNames, isProse, rustUses, scanSource, translationProblems, type Scan, type Use } from "../tests/messages";
import { shippedCatalogs } from "./lib/i18n";

const SRC = new URL(".", import.meta.url).pathname;
/** Generated from the Rust types (no text), and the catalog's own loader. */
const NOT_SCANNED = new Set(["lib/bindings.ts"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    if (entry.name.endsWith(".test.ts") || NOT_SCANNED.has(relative(SRC, path))) return [];
    return entry.name.endsWith(".svelte") || entry.name.endsWith(".ts") ? [path] : [];
  });
}

const files = sources(SRC);
const ROOT = join(SRC, "../..");

function rustSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "target" ? [] : rustSources(path);
    return entry.name.endsWith(".rs") ? [path] : [];
  });
}

/** The backend's uses of the catalog: the crates and the app shell. */
const rust: Use[] = ["crates", "src-tauri/src"]
  .flatMap((dir) => rustSources(join(ROOT, dir)))
  .flatMap((path) => rustUses(relative(ROOT, path), readFileSync(path, "utf8")));
const scans: Scan[] = files.map((path) => scanSource(relative(SRC, path), readFileSync(path, "utf8"), path.endsWith(".ts")));
const uses: Use[] = [...scans.flatMap((s) => s.uses), ...rust];
const catalog = en as Record<string, string>;

describe("the UI's text", () => {
  it("scans every component and module, and the backend's messages", () => {
    expect(files.filter((f) => f.endsWith(".svelte")).length).toBeGreaterThanOrEqual(20);
    expect(scans.flatMap((s) => s.uses).length).toBeGreaterThan(300);
    expect(rust.length).toBeGreaterThan(0);
  });

  it("is all in the catalog: no words in the markup or in strings", () => {
    const findings = scans.flatMap((s) => s.findings).map((f) => `${f.file}:${f.line}: ${f.why}: "${f.text}"`);
    expect(findings).toEqual([]);
  });

  it("uses only messages the catalog has, in the window and in the backend", () => {
    const unknown = uses.filter((u) => !(u.id in catalog)).map((u) => `${u.file}:${u.line}: ${u.id || "(no literal id)"}`);
    expect(unknown).toEqual([]);
  });

  it("gives each message exactly the values it names", () => {
    const wrong = uses
      .filter((u) => u.id in catalog)
      .filter((u) => u.args === null || u.args.join() !== argumentNames(catalog[u.id]).join())
      .map((u) => `${u.file}:${u.line}: ${u.id} given {${u.args?.join(", ") ?? "…"}}, names {${argumentNames(catalog[u.id]).join(", ")}}`);
    expect(wrong).toEqual([]);
  });

  it("keeps no message that nothing uses", () => {
    const literals = new Set([...scans.flatMap((s) => [...s.literals]), ...rust.map((u) => u.id)]);
    const prefixes = scans.flatMap((s) => [...s.prefixes]);
    const unused = Object.keys(catalog).filter((id) => !literals.has(id) && !prefixes.some((p) => id.startsWith(p)));
    expect(unused).toEqual([]);
  });
});

describe("a translation", () => {
  it("has only English's ids, each with the same values", () => {
    const problems = Object.entries(shippedCatalogs())
      .filter(([tag]) => tag !== "en")
      .flatMap(([tag, messages]) => translationProblems(catalog, messages as Record<string, string>).map((p) => `${tag}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("is held to that: unknown ids, lost or new values and broken messages are reported", () => {
    const planted = { "nav.today": "Heute", "today.done": "Erledigt: {nom}.", "nav.sale": "{oops", "no.such": "x" };
    expect(translationProblems(catalog, planted)).toEqual([
      "no.such: not an id of the English catalog",
      "nav.sale: not ICU MessageFormat",
      "today.done: names {nom}, English names {name}",
    ]);
  });
});

describe("the scan", () => {
  it("finds words in markup, attributes and code, and lets keys, classes and comparisons be", () => {
    const scan = scanSource(
      "Planted.svelte",
      `<script lang="ts">
        const a = "Saved.";
        const b = \`Logged \${x} for \${y}\`;
        if (event.key === "Enter") go();
        const c = t("nav.today", { n: 1 });
      </script>
      <p class="status regular" data-testid="x">Hello</p>
      <input placeholder="Search by name" />
      <kbd>c</kbd><code>--data-dir</code>
      <Message id="app.damaged" values={{ detail }} />`,
    );
    expect(scan.findings.map((f) => f.text)).toEqual(["Saved.", "Logged ${…} for ${…}", "Hello", "Search by name"]);
    expect(scan.uses.map((u) => [u.id, u.args])).toEqual([
      ["nav.today", ["n"]],
      ["app.damaged", ["detail"]],
    ]);
  });

  it("reads the backend's uses with their values' names", () => {
    const source = `let a = t!("due.overdue", days = f(x, y));\nlet b = regulars_text::t!(\n  "today.snoozed",\n  name = "a, b",\n  day = [1, 2].len(),\n);`;
    expect(rustUses("x.rs", source)).toEqual([
      { file: "x.rs", line: 1, id: "due.overdue", args: ["days"] },
      { file: "x.rs", line: 2, id: "today.snoozed", args: ["day", "name"] },
    ]);
  });

  it("tells words for people from keys and class names", () => {
    expect(isProse("Choose a file…")).toBe(true);
    expect(isProse("Done")).toBe(true);
    expect(isProse("status regular")).toBe(true);
    expect(isProse("in_store")).toBe(false);
    expect(isProse("lastPurchase")).toBe(false);
    expect(isProse("Alt+T")).toBe(false);
  });
});
