// Reads the UI's sources the way the Svelte compiler does, to hold them to the catalog: words the
// owner sees come from `locales/en.json`, never from the markup or a string in the code.
import { IntlMessageFormat } from "intl-messageformat";
import { parse } from "svelte/compiler";

/** Attributes whose text the owner sees or a screen reader says. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "label", "submitLabel"]);
/** Elements whose text is a key or code, the same in every language. */
const VERBATIM_ELEMENTS = new Set(["kbd", "code"]);
const MESSAGE_ID = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+$/;

export type Finding = { file: string; line: number; text: string; why: string };
/** A use of a message: `t(id, {…})`, `parts(id, {…})` or `<Message id=… values={{…}} />`. */
export type Use = { file: string; line: number; id: string; args: string[] | null };
export type Scan = { findings: Finding[]; uses: Use[]; literals: Set<string>; prefixes: Set<string> };

/** Whether a string in code reads as words for people rather than a key, class or name. */
export function isProse(text: string): boolean {
  const s = text.trim();
  if (!/\p{L}/u.test(s)) return false;
  if (/\p{L}{2,}[,.:;!?'’]*\s+\p{L}{2,}/u.test(s)) return true;
  if (/^\p{Lu}\p{Ll}+[.!?…]?$/u.test(s)) return true;
  return /\p{L}\p{L}[.…!?]$/u.test(s);
}

type Node = { type?: string; start?: number; [key: string]: unknown };

/** Scans one .svelte file, or a .ts file when `typescript` is set. */
export function scanSource(file: string, source: string, typescript = false): Scan {
  const wrapped = typescript ? `<script lang="ts">${source}</script>` : source;
  const offset = typescript ? '<script lang="ts">'.length : 0;
  const ast = parse(wrapped, { modern: true }) as unknown as Node;
  const scan: Scan = { findings: [], uses: [], literals: new Set(), prefixes: new Set() };
  const lineOf = (node: Node) => source.slice(0, Math.max(0, (node.start ?? 0) - offset)).split("\n").length;
  const find = (node: Node, text: string, why: string) => scan.findings.push({ file, line: lineOf(node), text: text.trim(), why });

  // `attribute` is the name of the attribute being walked; `verbatim` is set inside kbd and code.
  function walk(node: unknown, parent: Node | null, key: string, attribute: string | null, verbatim: boolean) {
    if (Array.isArray(node)) {
      for (const child of node) walk(child, parent, key, attribute, verbatim);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    switch (n.type) {
      case "Text": {
        const text = String(n.data ?? "");
        const shown = attribute === null ? !verbatim : TEXT_ATTRIBUTES.has(attribute);
        if (shown && /\p{L}/u.test(text)) find(n, text, attribute ? `text in the ${attribute} attribute` : "text in the markup");
        return;
      }
      case "Attribute":
        walk(n.value, n, "value", String(n.name), verbatim);
        return;
      case "RegularElement":
        if (VERBATIM_ELEMENTS.has(String(n.name))) verbatim = true;
        break;
      case "Component":
        if (n.name === "Message") messageComponent(n);
        break;
      case "CallExpression":
        call(n);
        break;
      case "Literal":
        if (typeof n.value === "string") literal(n, n.value, parent, key, attribute);
        return;
      case "TemplateLiteral": {
        const quasis = (n.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked);
        if (MESSAGE_ID.test(`${quasis[0]}x`) && quasis[0].endsWith(".")) scan.prefixes.add(quasis[0]);
        else if (prosePlace(parent, key, attribute) && /\p{L}/u.test(quasis.join("")) && isProse(quasis.join(" value ")))
          find(n, quasis.join("${…}"), "text in a template string");
        break;
      }
      case "ImportDeclaration":
      case "ExportAllDeclaration":
      case "ImportExpression":
      case "TSLiteralType":
      case "TSTypeAnnotation":
      case "TSTypeAliasDeclaration":
      case "TSInterfaceDeclaration":
        return;
    }
    for (const [childKey, child] of Object.entries(n)) {
      if (childKey === "loc" || childKey === "name_loc" || childKey === "metadata") continue;
      if (child && typeof child === "object") walk(child, n, childKey, attribute, verbatim);
    }
  }

  /** Where a string in code could be shown: not a comparison, a property name, a case or an Error. */
  function prosePlace(parent: Node | null, key: string, attribute: string | null): boolean {
    if (attribute !== null && !TEXT_ATTRIBUTES.has(attribute)) return false;
    if (!parent) return true;
    if (parent.type === "BinaryExpression" && /^[!=]==?$/.test(String(parent.operator))) return false;
    if (parent.type === "Property" && key === "key") return false;
    if (parent.type === "SwitchCase") return false;
    if (parent.type === "NewExpression" && (parent.callee as Node).name === "Error") return false;
    return true;
  }

  function literal(n: Node, value: string, parent: Node | null, key: string, attribute: string | null) {
    scan.literals.add(value);
    if (MESSAGE_ID.test(value)) return;
    if (prosePlace(parent, key, attribute) && isProse(value)) find(n, value, "text in a string");
  }

  function argNames(object: Node | undefined): string[] | null {
    if (!object) return [];
    if (object.type !== "ObjectExpression") return null;
    const names: string[] = [];
    for (const property of object.properties as Node[]) {
      if (property.type !== "Property") return null;
      const k = property.key as Node;
      names.push(String(k.type === "Identifier" ? k.name : k.value));
    }
    return names.sort();
  }

  function call(n: Node) {
    const callee = n.callee as Node;
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? (callee.property as Node).name : null;
    const [first, second] = n.arguments as Node[];
    if ((name === "t" || name === "parts") && first?.type === "Literal" && typeof first.value === "string") {
      scan.uses.push({ file, line: lineOf(n), id: first.value, args: argNames(second) });
    }
  }

  function messageComponent(n: Node) {
    const attributes = n.attributes as Node[];
    const id = attributes.find((a) => a.name === "id");
    const values = attributes.find((a) => a.name === "values");
    const idText = Array.isArray(id?.value) ? String((id.value as Node[])[0]?.data ?? "") : "";
    const expression = values && !Array.isArray(values.value) ? ((values.value as Node).expression as Node) : undefined;
    scan.literals.add(idText);
    scan.uses.push({ file, line: lineOf(n), id: idText, args: argNames(expression) });
  }

  walk(ast, null, "", null, false);
  scan.findings.sort((a, b) => a.line - b.line);
  scan.uses.sort((a, b) => a.line - b.line);
  return scan;
}

/** The argument names a message uses, from ICU's own parse of it (tags are not arguments). */
export function argumentNames(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
      children?: unknown[];
    }[]) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural; 8 is a tag.
      if (element.type >= 1 && element.type <= 6 && element.value) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(message, "en").getAst());
  return [...names].sort();
}

/**
 * The `t!("id", name = value, …)` uses in a Rust file: the backend's messages come from the same
 * catalog. Values are split at the commas outside brackets and strings.
 */
export function rustUses(file: string, source: string): Use[] {
  const uses: Use[] = [];
  const start = /\bt!\(\s*"([^"]+)"/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    const line = source.slice(0, match.index).split("\n").length;
    let depth = 1;
    let quoted = false;
    let piece = "";
    const pieces: string[] = [];
    for (let i = match.index + match[0].length; i < source.length && depth > 0; i++) {
      const c = source[i];
      if (quoted) {
        if (c === "\\") piece += c + source[++i];
        else {
          if (c === '"') quoted = false;
          piece += c;
        }
        continue;
      }
      if (c === '"') quoted = true;
      else if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) depth--;
      if (depth === 1 && c === ",") {
        pieces.push(piece);
        piece = "";
      } else if (depth > 0) piece += c;
    }
    pieces.push(piece);
    const args = pieces
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => p.split("=")[0].trim());
    uses.push({ file, line, id: match[1], args: args.sort() });
  }
  return uses;
}

/** What is wrong with a translation, held to the English catalog: ids, values, syntax. */
export function translationProblems(english: Record<string, string>, translation: Record<string, string>): string[] {
  const unknown: string[] = [];
  const broken: string[] = [];
  const values: string[] = [];
  for (const [id, message] of Object.entries(translation)) {
    if (!(id in english)) {
      unknown.push(`${id}: not an id of the English catalog`);
      continue;
    }
    let names: string[];
    try {
      names = argumentNames(message);
    } catch {
      broken.push(`${id}: not ICU MessageFormat`);
      continue;
    }
    const expected = argumentNames(english[id]);
    if (names.join() !== expected.join()) values.push(`${id}: names {${names.join(", ")}}, English names {${expected.join(", ")}}`);
  }
  return [...unknown, ...broken, ...values];
}
