// Formatting money and dates for the owner, and small pure helpers the screens share.
import type { ContactMethod, ContactOutcome, SaleChannel, ShopView } from "./bindings";
import { t, type MessageId } from "./i18n";

/**
 * Exact decimal text of an amount in minor units: 123450 with exponent 2 is "1234.50".
 * Integer arithmetic only; amounts are below 10^13, well inside JavaScript's exact range.
 */
export function minorToDecimal(minor: number, exponent: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exponent === 0) return `${sign}${abs}`;
  const scale = 10 ** exponent;
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(exponent, "0");
  return `${sign}${whole}.${fraction}`;
}

/** "€1,234.50" in the computer's locale, from minor units. */
export function formatMoney(minor: number, shop: Pick<ShopView, "currency" | "exponent">, locale?: string): string {
  const decimal = minorToDecimal(minor, shop.exponent);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: shop.currency,
    minimumFractionDigits: shop.exponent,
    maximumFractionDigits: shop.exponent,
  });
  // Below 10^13 with at most 3 decimals, the decimal text round-trips through a double exactly.
  return format.format(Number(decimal));
}

/** "42%" (or "42 %" where the OS locale writes it so), for a share from 0 to 1. */
export function formatPercent(share: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** A figure with `digits` decimals in the OS locale: "1.5" or "1,5". */
export function formatDecimal(value: number, digits: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** The computer's local calendar day as YYYY-MM-DD (not UTC: a sale at 11pm is today's). */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** "12 Nov 2026" for a YYYY-MM-DD day, without time-zone shifts. */
export function formatDay(day: string | null, locale?: string): string {
  if (!day) return "—";
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const parse = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((parse(to) - parse(from)) / 86_400_000);
}

/** "today", "yesterday", "12 days ago". */
export function agoText(day: string | null, today: string): string {
  if (!day) return t("ago.never");
  const days = daysBetween(day, today);
  if (days <= 0) return t("ago.today");
  if (days === 1) return t("ago.yesterday");
  return t("ago.days", { days });
}

/** How the owner would describe a customer from their purchase days (also a CSS class). */
export function customerStatus(purchaseDays: number): "new" | "first" | "regular" {
  if (purchaseDays === 0) return "new";
  if (purchaseDays === 1) return "first";
  return "regular";
}

/** The words for a `customerStatus`, or for an archived customer. */
export function statusLabel(status: "new" | "first" | "regular" | "archived"): string {
  return t(`status.${status}` as const);
}

/** Splits "club, wholesale ,," into ["club", "wholesale"]. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** An option of a select: the stored key and the catalog message that names it. */
/** A choice of a select: its key (one of the Rust enum's, where there is one) and its label. */
export type Option<K extends string = string> = { key: K; label: string };
const options = <K extends string>(pairs: [K, MessageId][]): Option<K>[] => pairs.map(([key, id]) => ({ key, label: t(id) }));

export const CHANNELS: Option<SaleChannel>[] = options<SaleChannel>([
  ["in_store", "channel.inStore"],
  ["online", "channel.online"],
  ["phone", "channel.phone"],
  ["other", "channel.other"],
]);

export function channelLabel(key: string): string {
  return optionLabel(CHANNELS, key);
}

/** Moves a highlighted index through a list of `count` options, wrapping around. */
export function moveHighlight(current: number, delta: number, count: number): number {
  if (count === 0) return -1;
  return (((current + delta) % count) + count) % count;
}

export const METHODS: Option<ContactMethod>[] = options<ContactMethod>([
  ["call", "method.call"],
  ["email", "method.email"],
  ["message", "method.message"],
  ["visit", "method.visit"],
  ["other", "method.other"],
]);

export const OUTCOMES: Option<ContactOutcome>[] = options<ContactOutcome>([
  ["happy", "outcome.happy"],
  ["neutral", "outcome.neutral"],
  ["issue_raised", "outcome.issueRaised"],
  ["issue_resolved", "outcome.issueResolved"],
]);

export function optionLabel<K extends string>(options: Option<K>[], key: string): string {
  return options.find((o) => o.key === key)?.label ?? key;
}

/** A YYYY-MM-DD day `days` after `day`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return next.toISOString().slice(0, 10);
}

/** "due today", "overdue 3 days", "due in 2 days". */
export function dueText(daysOverdue: number): string {
  if (daysOverdue === 0) return t("due.today");
  if (daysOverdue > 0) return t("due.overdue", { days: daysOverdue });
  return t("due.ahead", { days: -daysOverdue });
}

const REMINDER_TITLES: Record<string, MessageId> = {
  open_issue: "reminder.openIssue",
  manual: "reminder.manual",
  lapsing_regular: "reminder.lapsingRegular",
  second_purchase: "reminder.secondPurchase",
  check_in: "reminder.checkIn",
};

/** What a reminder kind is called on the Today screen. */
export function reminderTitle(kind: string): string {
  const id = REMINDER_TITLES[kind];
  return id ? t(id) : kind;
}

/** One timeline of sales and contacts, newest first (a sale before a contact on the same day). */
export function timeline<S extends { date: string; id: number }, C extends { date: string; id: number }>(
  sales: S[],
  contacts: C[],
): ({ type: "sale"; item: S } | { type: "contact"; item: C })[] {
  const entries = [
    ...sales.map((item) => ({ type: "sale" as const, item })),
    ...contacts.map((item) => ({ type: "contact" as const, item })),
  ];
  return entries.sort((a, b) => {
    if (a.item.date !== b.item.date) return a.item.date < b.item.date ? 1 : -1;
    if (a.type !== b.type) return a.type === "contact" ? -1 : 1;
    return b.item.id - a.item.id;
  });
}

/** Regions whose weeks start on Sunday, and on Saturday (CLDR's week data, the common ones). */
const SUNDAY_REGIONS = new Set([
  "US",
  "CA",
  "MX",
  "BR",
  "JP",
  "KR",
  "TW",
  "HK",
  "PH",
  "IL",
  "IN",
  "ZA",
  "AU",
  "AR",
  "CO",
  "PE",
  "VE",
  "SA",
  "PK",
  "TH",
  "ID",
]);
const SATURDAY_REGIONS = new Set(["AE", "AF", "BH", "DJ", "DZ", "EG", "IQ", "IR", "JO", "KW", "LY", "OM", "QA", "SD", "SY"]);

/** The first day of the week where `locale` (such as "en-US") is spoken; Monday elsewhere. */
export function weekStartFor(locale: string | undefined): "monday" | "sunday" | "saturday" {
  const region = (locale ?? "").split(/[-_]/)[1]?.toUpperCase() ?? "";
  if (SUNDAY_REGIONS.has(region)) return "sunday";
  if (SATURDAY_REGIONS.has(region)) return "saturday";
  return "monday";
}

/** The app-wide shortcuts: Alt and a letter opens a screen. */
export const SCREEN_KEYS = {
  today: "t",
  sale: "s",
  customers: "c",
  dashboard: "r",
  atRisk: "k",
  data: "i",
  settings: "p",
} as const;
export type KeyedScreen = keyof typeof SCREEN_KEYS;

/** "Alt+T" for a screen with a shortcut. */
export function shortcut(screen: KeyedScreen): string {
  return `Alt+${SCREEN_KEYS[screen].toUpperCase()}`;
}

/** The screen Alt plus `key` opens, if any. */
export function screenForKey(key: string): KeyedScreen | null {
  const lower = key.toLowerCase();
  const found = (Object.keys(SCREEN_KEYS) as KeyedScreen[]).find((screen) => SCREEN_KEYS[screen] === lower);
  return found ?? null;
}
