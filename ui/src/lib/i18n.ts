// Every text the window shows comes from a catalog in `locales/` at the top of the repository
// (en.json is the source; the backend words its own messages from the same files), written in
// ICU MessageFormat: `{name}` for a value, `{count, plural, one {# day} other {# days}}` for a
// count, `<strong>…</strong>` (also em, kbd, code) for emphasis. A translation is one more JSON
// file with the same ids (`de.json`, `pt-BR.json`); ids it lacks fall back to English.
//
// Plural rules are those of the catalog's language, so English text on a Polish computer still
// says "2 days"; numbers inside messages are written the OS's way, as format.ts writes money.
import { IntlMessageFormat, type Formatters } from "intl-messageformat";
import en from "../../../locales/en.json";

export type MessageId = keyof typeof en;
export type Values = Record<string, string | number>;
export type Catalog = Partial<Record<MessageId, string>>;

/** The tags a message may use for emphasis; the window renders each as that element. */
export const TAGS = ["strong", "em", "kbd", "code"] as const;
export type Tag = (typeof TAGS)[number];
/** A piece of a formatted message: plain text, or text inside one of `TAGS`. */
export type Part = { tag: Tag | null; text: string };

const SOURCE = "en";

/** The catalogs shipped with the app, by file name: "en", and any translation beside it. */
export function shippedCatalogs(): Record<string, Catalog> {
  const modules = import.meta.glob<{ default: Catalog }>("../../../locales/*.json", { eager: true });
  const catalogs: Record<string, Catalog> = {};
  for (const [path, module] of Object.entries(modules)) catalogs[path.replace(/^.*\/|\.json$/g, "")] = module.default;
  return catalogs;
}

/**
 * The catalog for the first of `wanted` (the OS's preferred languages, best first) that has one:
 * the exact tag ("pt-BR"), else its language ("pt"); English when none has.
 */
export function pickCatalog(wanted: readonly string[], available: readonly string[]): string {
  const byLower = new Map(available.map((name) => [name.toLowerCase(), name]));
  for (const tag of wanted) {
    const lower = tag.toLowerCase().replace("_", "-");
    const found = byLower.get(lower) ?? byLower.get(lower.split("-")[0]);
    if (found) return found;
  }
  return SOURCE;
}

export type Translator = {
  /** The catalog in use ("en", "de", …). */
  language: string;
  /** The message `id` as plain text, with `values` filled in. Tags are dropped, their text kept. */
  t: (id: MessageId, values?: Values) => string;
  /** The message `id` as parts, so tags can be drawn as elements (see Message.svelte). */
  parts: (id: MessageId, values?: Values) => Part[];
};

/**
 * A translator from `catalog` (ids it lacks come from English), writing numbers for `locale`
 * (the OS's; undefined means the runtime's default).
 */
export function createTranslator(language: string, catalog: Catalog, locale?: string): Translator {
  const compiled = new Map<string, IntlMessageFormat>();

  /** A message of the catalog in `plurals`'s language, compiled once. */
  function compile(key: string, text: string, plurals: string): IntlMessageFormat {
    let format = compiled.get(key);
    if (!format) {
      const formatters: Formatters = {
        getNumberFormat: (_locales, options) => new Intl.NumberFormat(locale, options),
        getDateTimeFormat: (_locales, options) => new Intl.DateTimeFormat(locale, options),
        getPluralRules: (_locales, options) => new Intl.PluralRules(plurals, options),
      };
      format = new IntlMessageFormat(text, plurals, undefined, { formatters });
      compiled.set(key, format);
    }
    return format;
  }

  /** The message formatted: the translation's, else (missing or broken) English's, else the id. */
  function format(id: MessageId, values: Record<string, unknown>): unknown {
    const translated = catalog[id];
    if (translated !== undefined && language !== SOURCE) {
      try {
        return compile(`${language}:${id}`, translated, language).format(values as never);
      } catch {
        // A broken translation (the catalog test reports it) shows the English words instead.
      }
    }
    try {
      return compile(`${SOURCE}:${id}`, en[id], SOURCE).format(values as never);
    } catch {
      return id;
    }
  }

  function parts(id: MessageId, values: Values = {}): Part[] {
    const tagged: Record<string, unknown> = { ...values };
    for (const tag of TAGS) tagged[tag] = (chunks: unknown[]) => ({ tag, text: chunks.join("") });
    const out: Part[] = [];
    const formatted = format(id, tagged);
    for (const piece of Array.isArray(formatted) ? formatted : [formatted]) {
      if (typeof piece === "string") {
        const last = out[out.length - 1];
        if (last && last.tag === null) last.text += piece;
        else out.push({ tag: null, text: piece });
      } else {
        out.push(piece as Part);
      }
    }
    return out;
  }

  return {
    language,
    parts,
    t: (id, values) =>
      parts(id, values)
        .map((p) => p.text)
        .join(""),
  };
}

const catalogs = shippedCatalogs();
const wanted = typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
const chosen = pickCatalog(wanted, Object.keys(catalogs));
const translator = createTranslator(chosen, catalogs[chosen] ?? {});

/** The language the window speaks ("en", or a translation's tag), for `<html lang>`. */
export const language = translator.language;
/** The window's text for message `id`, in the OS's language where a catalog has it. */
export const t = translator.t;
/** The same as parts, for messages with emphasis; draw them with Message.svelte. */
export const parts = translator.parts;
