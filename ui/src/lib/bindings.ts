// Generated from src-tauri/src/ipc.rs by `cargo xtask bindings`. Do not edit by hand:
// a test fails when this file differs from what the Rust types generate.

export type ErrorCode = "validation" | "not_found" | "conflict" | "internal";

export type IpcError = { code: ErrorCode, message: string, 
/**
 * The form field the message belongs to, e.g. `amount`.
 */
field: string | null, };

export type ShopView = { name: string, currency: string, 
/**
 * Digits after the decimal point of the currency (2 for EUR, 0 for JPY).
 */
exponent: number, };

export type ShopState = { 
/**
 * `null` until the first-run set-up.
 */
shop: ShopView | null, 
/**
 * The currency of the computer's region, to pre-fill the set-up form.
 */
suggestedCurrency: string | null, dataDir: string, };

export type ShopInput = { name: string, currency: string, };

export type CustomerInput = { name: string, email: string, phone: string, notes: string, tags: Array<string>, };

export type CustomerSummaryView = { id: number, name: string, email: string | null, phone: string | null, archived: boolean, saleCount: number, 
/**
 * Distinct days with a purchase; 2 or more make a regular.
 */
purchaseDays: number, lifetimeMinor: number, firstPurchase: string | null, lastPurchase: string | null, };

export type CustomerView = { summary: CustomerSummaryView, notes: string, tags: Array<string>, };

export type CustomerPageView = { customer: CustomerView, sales: Array<SaleView>, 
/**
 * Follow-up contacts, newest first.
 */
contacts: Array<ContactView>, 
/**
 * Median days between purchase days, once there are two.
 */
usualGapDays: number | null, 
/**
 * `YYYY-MM-DD` of the oldest unresolved issue.
 */
openIssueSince: string | null, };

export type CustomerListView = { total: number, customers: Array<CustomerSummaryView>, };

export type CustomerSortInput = "name" | "lastPurchase" | "lifetimeValue";

export type SaleInput = { 
/**
 * `null` for a walk-in sale.
 */
customerId: number | null, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * As typed: `12.50`, `12,50`, `1,234`.
 */
amount: string, description: string, 
/**
 * `in_store`, `online`, `phone` or `other`; empty means in store.
 */
channel: string, note: string, };

export type SaleView = { id: number, customerId: number | null, customerName: string | null, date: string, amountMinor: number, description: string, channel: string, note: string, };

export type ContactInput = { customerId: number, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * `call`, `email`, `message`, `visit` or `other`.
 */
method: string, 
/**
 * `happy`, `neutral`, `issue_raised` or `issue_resolved`.
 */
outcome: string, saleId: number | null, note: string, 
/**
 * The key of the reminder this contact answers, marked done with it.
 */
completes: string | null, };

export type ContactView = { id: number, customerId: number, date: string, method: string, outcome: string, saleId: number | null, note: string, };

export type ReminderView = { key: string, customerId: number, customerName: string, 
/**
 * `open_issue`, `manual`, `lapsing_regular`, `second_purchase` or `check_in`.
 */
kind: string, 
/**
 * The reason in plain words.
 */
why: string, due: string, 
/**
 * 0 on the due day.
 */
daysOverdue: number, lifetimeMinor: number, };

export type TodayView = { asOf: string, 
/**
 * The most important reminders, at most [`TODAY_PAGE`] of them.
 */
due: Array<ReminderView>, 
/**
 * How many are due in all.
 */
total: number, checkInDays: number, secondPurchaseDays: number, };

export type ManualReminderInput = { customerId: number, 
/**
 * `YYYY-MM-DD`.
 */
due: string, note: string, };
