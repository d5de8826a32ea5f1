import { describe, expect, it } from "vitest";
import { asIpcError, fieldMessage, formMessage } from "./errors";
import {
  weekStartFor,
  formatPercent,
  formatDecimal,
  addDays,
  dueText,
  reminderTitle,
  timeline,
  agoText,
  customerStatus,
  statusLabel,
  daysBetween,
  formatDay,
  formatMoney,
  localToday,
  minorToDecimal,
  moveHighlight,
  parseTags,
} from "./format";

describe("money", () => {
  it("turns minor units into exact decimal text", () => {
    expect(minorToDecimal(123450, 2)).toBe("1234.50");
    expect(minorToDecimal(5, 2)).toBe("0.05");
    expect(minorToDecimal(1500, 0)).toBe("1500");
    expect(minorToDecimal(1250, 3)).toBe("1.250");
    expect(minorToDecimal(-199, 2)).toBe("-1.99");
    expect(minorToDecimal(1_000_000_000_000, 2)).toBe("10000000000.00");
  });

  it("formats in the shop currency with its decimals", () => {
    expect(formatMoney(123450, { currency: "EUR", exponent: 2 }, "en-IE")).toBe("€1,234.50");
    expect(formatMoney(1500, { currency: "JPY", exponent: 0 }, "en-US")).toBe("¥1,500");
    expect(formatMoney(1_000_000_000_001, { currency: "USD", exponent: 2 }, "en-US")).toBe("$10,000,000,000.01");
  });
});

describe("days", () => {
  it("uses the local calendar day", () => {
    expect(localToday(new Date(2026, 10, 23, 23, 59))).toBe("2026-11-23");
    expect(localToday(new Date(2026, 0, 5, 0, 1))).toBe("2026-01-05");
  });

  it("counts days and words them", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(agoText("2026-11-23", "2026-11-23")).toBe("today");
    expect(agoText("2026-11-22", "2026-11-23")).toBe("yesterday");
    expect(agoText("2026-10-13", "2026-11-23")).toBe("41 days ago");
    expect(agoText(null, "2026-11-23")).toBe("never");
    expect(formatDay("2026-11-03", "en-GB")).toBe("3 Nov 2026");
  });
});

describe("customers", () => {
  it("names the status in the owner's words", () => {
    expect(statusLabel(customerStatus(0))).toBe("new");
    expect(statusLabel(customerStatus(1))).toBe("first-time buyer");
    expect(statusLabel(customerStatus(4))).toBe("regular");
    expect(statusLabel("archived")).toBe("archived");
  });

  it("splits tags", () => {
    expect(parseTags(" club, wholesale ,,")).toEqual(["club", "wholesale"]);
    expect(parseTags("")).toEqual([]);
  });

  it("wraps the type-ahead highlight", () => {
    expect(moveHighlight(0, -1, 3)).toBe(2);
    expect(moveHighlight(2, 1, 3)).toBe(0);
    expect(moveHighlight(0, 1, 0)).toBe(-1);
  });
});

describe("errors from the backend", () => {
  it("keeps code, message and field", () => {
    expect(asIpcError({ code: "validation", message: "Amount: 'x' is not an amount", field: "amount" })).toEqual({
      code: "validation",
      message: "Amount: 'x' is not an amount",
      field: "amount",
    });
  });

  it("wraps anything else as internal", () => {
    expect(asIpcError("boom")).toEqual({ code: "internal", message: "boom", field: null });
  });
});

describe("placing errors on a form", () => {
  const error = { code: "validation" as const, message: "Amount: is required", field: "amount" };
  it("shows a field's message next to that field only", () => {
    expect(fieldMessage(error, "amount")).toBe("Amount: is required");
    expect(fieldMessage(error, "date")).toBe("");
    expect(formMessage(error, ["amount", "date"])).toBe("");
    expect(formMessage({ ...error, field: null, code: "conflict" }, ["amount"])).toBe("Amount: is required");
    expect(formMessage(null, [])).toBe("");
  });
});

describe("reminders", () => {
  it("words how due a reminder is", () => {
    expect(dueText(0)).toBe("due today");
    expect(dueText(1)).toBe("overdue 1 day");
    expect(dueText(12)).toBe("overdue 12 days");
    expect(dueText(-2)).toBe("due in 2 days");
    expect(reminderTitle("lapsing_regular")).toBe("Regular slipping away");
  });

  it("adds calendar days across months and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 7)).toBe("2027-01-07");
  });

  it("interleaves sales and contacts newest first", () => {
    const sales = [
      { id: 1, date: "2026-11-01" },
      { id: 2, date: "2026-11-10" },
    ];
    const contacts = [
      { id: 9, date: "2026-11-05" },
      { id: 10, date: "2026-11-10" },
    ];
    expect(timeline(sales, contacts).map((e) => `${e.type}${e.item.id}`)).toEqual(["contact10", "sale2", "contact9", "sale1"]);
  });
});

describe("weekStartFor", () => {
  it("follows the region of the OS locale", () => {
    expect(weekStartFor("en-US")).toBe("sunday");
    expect(weekStartFor("de-DE")).toBe("monday");
    expect(weekStartFor("ar_EG")).toBe("saturday");
    expect(weekStartFor("fr")).toBe("monday");
    expect(weekStartFor(undefined)).toBe("monday");
  });
});

describe("numbers in the OS locale", () => {
  it("writes shares and decimals as the locale does", () => {
    expect(formatPercent(0.42, "en-US")).toBe("42%");
    expect(formatPercent(0.42, "de-DE").replace(/\s/g, " ")).toBe("42 %");
    expect(formatDecimal(1.46, 1, "en-US")).toBe("1.5");
    expect(formatDecimal(1.46, 1, "de-DE")).toBe("1,5");
  });
});
