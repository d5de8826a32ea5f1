import { describe, expect, it } from "vitest";
import en from "../../../locales/en.json";
import { argumentNames } from "../../tests/messages";
import { createTranslator, pickCatalog, shippedCatalogs, type Catalog, type MessageId } from "./i18n";

const ids = Object.keys(en) as MessageId[];

describe("the English catalog", () => {
  it("is ICU MessageFormat that formats with every argument it names", () => {
    const english = createTranslator("en", {}, "en-US");
    for (const id of ids) {
      const names = argumentNames(en[id]);
      const values = Object.fromEntries(names.map((n) => [n, 2]));
      const text = english.t(id, values);
      expect(text.length, id).toBeGreaterThan(0);
      expect(text, id).not.toMatch(/[{}]|<\/?[a-z]+>/);
    }
  });

  it("says one thing, or many, the way English does", () => {
    const english = createTranslator("en", {}, "en-US");
    expect(english.t("data.importSales", { count: 1 })).toBe("Import 1 sale");
    expect(english.t("data.importSales", { count: 2500 })).toBe("Import 2,500 sales");
    expect(english.t("today.empty", { days: 1 })).toContain("a check-in 1 day after each sale");
    expect(english.t("data.skipped", { count: 1 })).toBe("1 row left out on purpose");
  });

  it("is the only catalog shipped, and the one picked when the OS language has none", () => {
    expect(Object.keys(shippedCatalogs())).toEqual(["en"]);
    expect(pickCatalog(["fr-FR", "de"], ["en"])).toBe("en");
  });
});

describe("a translation", () => {
  const german: Catalog = {
    "nav.today": "Heute",
    "due.overdue": "{days, plural, one {# Tag} other {# Tage}} überfällig",
    "app.damaged": "<strong>Die Datei ist beschädigt.</strong> {detail}",
  };

  it("is chosen by exact tag first, then by language", () => {
    expect(pickCatalog(["pt-BR", "de-AT"], ["en", "pt", "pt-BR", "de"])).toBe("pt-BR");
    expect(pickCatalog(["de-AT", "en-US"], ["en", "de"])).toBe("de");
    expect(pickCatalog(["de_CH"], ["en", "de"])).toBe("de");
  });

  it("replaces the English text, and English fills in what it lacks", () => {
    const de = createTranslator("de", german, "de-DE");
    expect(de.t("nav.today")).toBe("Heute");
    expect(de.t("nav.sale")).toBe("Log a sale");
  });

  it("shows English where a message of it is broken, never a broken screen", () => {
    const broken = createTranslator("de", { "nav.today": "{Heute", "today.done": "Erledigt: {nom}." }, "de-DE");
    expect(broken.t("nav.today")).toBe("Today");
    expect(broken.t("today.done", { name: "Ada" })).toBe("Done: Ada.");
  });

  it("counts with its own language's plural rules and writes numbers the OS's way", () => {
    const de = createTranslator("de", german, "de-DE");
    expect(de.t("due.overdue", { days: 1 })).toBe("1 Tag überfällig");
    expect(de.t("due.overdue", { days: 1200 })).toBe("1.200 Tage überfällig");
    // English text on a German computer: English plurals, German digits.
    const english = createTranslator("en", {}, "de-DE");
    expect(english.t("due.overdue", { days: 1200 })).toBe("overdue 1.200 days");
    expect(english.t("due.overdue", { days: 1 })).toBe("overdue 1 day");
  });
});

describe("emphasis", () => {
  const english = createTranslator("en", {}, "en-US");

  it("comes out as parts the window draws as elements", () => {
    expect(english.parts("app.damaged", { detail: "Page 3 is unreadable." })).toEqual([
      { tag: "strong", text: "The shop file is damaged." },
      { tag: null, text: " Page 3 is unreadable." },
    ]);
  });

  it("is dropped from plain text, and a value is never read as markup", () => {
    expect(english.t("app.damaged", { detail: "<strong>{x}</strong>" })).toBe("The shop file is damaged. <strong>{x}</strong>");
  });

  it("works inside a choice", () => {
    const values = { chance: "40%", visits: "1.0", oneVisit: "yes", value: "$90.00" };
    expect(english.t("customer.outlook", { ...values, risk: "none" })).toBe(
      "Likely still a customer: 40%. Expected in the next 90 days: 1.0 visit · $90.00 if they stay.",
    );
    expect(english.parts("customer.outlook", { ...values, risk: "$54.00" }).filter((p) => p.tag === "strong")).toEqual([
      { tag: "strong", text: "40%" },
      { tag: "strong", text: "$54.00 at risk" },
    ]);
  });
});
