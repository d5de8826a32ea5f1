// Generated from src-tauri/src/ipc/ by `cargo xtask bindings`. Do not edit by hand:
// a test fails when this file differs from what the Rust types generate.

export type SaleChannel = "in_store" | "online" | "phone" | "other";

export type ContactMethod = "call" | "email" | "message" | "visit" | "other";

export type ContactOutcome = "happy" | "neutral" | "issue_raised" | "issue_resolved";

export type ChartKind = "new-vs-returning" | "returning-rate" | "cohorts" | "purchase-counts" | "second-purchase" | "follow-up";

export type ReminderKind = "open_issue" | "manual" | "lapsing_regular" | "second_purchase" | "check_in";

export type TemplateKind = "check_in" | "second_purchase" | "lapsing_regular" | "open_issue";

export type BackupKind = "daily" | "monthly" | "before-restore";

export type ExportTable = "customers" | "sales" | "contacts";

export type ErrorCode = "validation" | "not_found" | "conflict" | "internal" | "locked";

export type IpcError = { code: ErrorCode, message: string, 
/**
 * The form field the message belongs to, e.g. `amount`.
 */
field: string | null, };

export type ShopView = { name: string, currency: string, 
/**
 * Digits after the decimal point of the currency (2 for EUR, 0 for JPY).
 */
exponent: number, 
/**
 * `monday`, `sunday` or `saturday`: the first day of the shop's weeks.
 */
weekStart: string, 
/**
 * Days after a sale to check in with the customer.
 */
checkInDays: number, 
/**
 * Sales are counted in the currency, so it can no longer change.
 */
currencyFixed: boolean, 
/**
 * The shop's time zone (IANA name): the one set, else the computer's.
 */
timeZone: string, 
/**
 * Whether the owner set it (else it follows the computer's).
 */
timeZoneSet: boolean, 
/**
 * Contacts Today plans a day.
 */
contactsPerDay: number, 
/**
 * A contacts-a-day that works through what is due now in about a week.
 */
suggestedContactsPerDay: number, };

export type ShopState = { 
/**
 * `null` until the first-run set-up.
 */
shop: ShopView | null, 
/**
 * The currency of the computer's region, to pre-fill the set-up form.
 */
suggestedCurrency: string | null, dataDir: string, 
/**
 * The open shop is the generated sample (shown with a banner and a remove button).
 */
isSample: boolean, 
/**
 * The shop is locked with a passphrase (encrypted at rest).
 */
locked: boolean, 
/**
 * Damage found in the shop file, with the offer to restore the newest good backup.
 */
damage: string | null, };

export type ShopInput = { name: string, currency: string, 
/**
 * `monday`, `sunday` or `saturday`.
 */
weekStart: string, checkInDays: number, 
/**
 * An IANA name; empty: follow the computer's; absent: leave it as it is.
 */
timeZone: string | null, 
/**
 * Contacts Today plans a day; absent: leave it as it is.
 */
contactsPerDay: number | null, };

export type FilterInput = { from: string, to: string, period: string, followUpDays: number | null, };

export type Period = "week" | "month" | "quarter";

export type Filter = { from: string, to: string, period: Period, weekStart: string, followUpDays: number, };

export type Summary = { 
/**
 * All revenue in the range, walk-ins included.
 */
revenueMinor: number, walkInRevenueMinor: number, 
/**
 * Customers who bought in the range.
 */
customers: number, 
/**
 * Of those, customers whose first purchase ever is in the range.
 */
newCustomers: number, 
/**
 * Of those, customers who had bought before the range.
 */
returningCustomers: number, 
/**
 * Customers with 2 or more purchase days in the range.
 */
repeatCustomers: number, repeatRate: number | null, 
/**
 * returning / (returning + new) over the whole range.
 */
returningRate: number | null, };

export type PeriodRow = { label: string, 
/**
 * First and last day of the period, clipped to the range.
 */
start: string, end: string, newCustomers: number, returningCustomers: number, newRevenueMinor: number, returningRevenueMinor: number, walkInRevenueMinor: number, returningRate: number | null, };

export type Cohort = { 
/**
 * The cohort's month, as `YYYY-MM`.
 */
month: string, customers: number, 
/**
 * `retained[k]`: customers of the cohort who bought in month k after it (k = 0 is all).
 */
retained: Array<number>, 
/**
 * `retained[k] / customers`.
 */
rates: Array<number>, };

export type Bucket = { label: string, customers: number, };

export type SecondPurchase = { buckets: Array<Bucket>, 
/**
 * New customers in the range who came back by its end, and who did not (yet).
 */
cameBack: number, notYet: number, medianDays: number | null, };

export type Worth = { customers: number, firstPurchaseMinor: number, revenueMinor: number, 
/**
 * revenue / first purchase revenue: "worth N times the first purchase".
 */
multiple: number | null, };

export type Loyalty = { all: Worth, repeat: Worth, };

export type Group = { customers: number, cameBack: number, rate: number | null, };

export type FollowUp = { windowDays: number, contacted: Group, notContacted: Group, };

export type TopCustomer = { customerId: number, name: string, revenueMinor: number, purchaseDays: number, lastPurchase: string, };

export type Segment = "champions" | "loyal" | "new" | "promising" | "at_risk" | "hibernating" | "lost";

export type SegmentRow = { segment: Segment, label: string, customers: number, revenueMinor: number, };

export type Report = { filter: Filter, summary: Summary, periods: Array<PeriodRow>, cohorts: Array<Cohort>, purchaseCounts: Array<Bucket>, secondPurchase: SecondPurchase, loyalty: Loyalty, followUp: FollowUp, topCustomers: Array<TopCustomer>, segments: Array<SegmentRow>, };

export type DashboardView = { report: Report, 
/**
 * The first and last day with a sale, for "all time".
 */
firstSale: string | null, lastSale: string | null, 
/**
 * The metric definitions as printed under the charts: (name, text).
 */
definitions: Array<[string, string]>, };

export type Variant = "BgNbd" | "MbgNbd";

export type BgParams = { r: number, alpha: number, a: number, b: number, };

export type BgFit = { variant: Variant, params: BgParams, 
/**
 * Of the whole sample, at the estimates.
 */
logLikelihood: number, customers: number, iterations: number, };

export type GgParams = { p: number, q: number, gamma: number, };

export type GgFit = { params: GgParams, logLikelihood: number, 
/**
 * Customers with repeat purchases the fit rests on.
 */
customers: number, };

export type Models = { variant: Variant, 
/**
 * The time unit of `alpha` (and of the likelihood's data).
 */
unit: string, purchases: BgFit, 
/**
 * `None` when too few customers came back to fit spend; each customer's own mean is used.
 */
spend: GgFit | null, };

export type CustomerOutlook = { customerId: number, name: string, purchaseDays: number, firstPurchase: string, lastPurchase: string, 
/**
 * The chance they are still a customer, 0 to 1.
 */
pAlive: number, 
/**
 * Purchase days to expect in the next 90 days (the chance they have gone included).
 */
expectedPurchases: number, 
/**
 * What one visit is expected to bring, minor units.
 */
expectedSpendMinor: number, 
/**
 * What the next 90 days would bring if they are still a customer, minor units.
 */
expectedValueMinor: number, 
/**
 * Expected value × (1 − P(alive)), minor units.
 */
moneyAtRiskMinor: number, };

export type MonthCheck = { label: string, from: string, to: string, expected: number, actual: number, };

export type Holdout = { 
/**
 * The model saw the history up to and including this day.
 */
fittedTo: string, customers: number, months: Array<MonthCheck>, };

export type OutlookView = { asOf: string, horizonDays: number, models: Models | null, unavailable: string | null, 
/**
 * Customers scored.
 */
scored: number, 
/**
 * The most money at risk first.
 */
atRisk: Array<CustomerOutlook>, holdout: Holdout | null, 
/**
 * The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
 */
salesStop: string | null, 
/**
 * The hold-out chart (an SVG document, shown as an image, never as markup).
 */
holdoutSvg: string | null, 
/**
 * The prediction definitions: (name, text).
 */
definitions: Array<[string, string]>, };

export type ChartView = { kind: ChartKind, title: string, svg: string, };

export type PackProgress = { done: number, total: number, };

export type ImportOptionsInput = { 
/**
 * A preset name, or blank to recognise the file by its columns.
 */
preset: string, 
/**
 * `dmy`, `mdy`, `ymd`, or blank to infer.
 */
dateOrder: string, 
/**
 * Column names for a file no preset knows; blank date and amount mean "no mapping".
 */
dateColumn: string, amountColumn: string, customerColumn: string, emailColumn: string, phoneColumn: string, customerIdColumn: string, descriptionColumn: string, quantityColumn: string, 
/**
 * Rows with one order id are one sale (an order total repeated on each line counts once).
 */
orderIdColumn: string, 
/**
 * Cancelled, refunded, failed, voided and pending orders are left out.
 */
statusColumn: string, 
/**
 * The price of one item: the line's amount is this times the quantity (instead of an
 * amount column).
 */
unitPriceColumn: string, 
/**
 * The time of day, in a column of its own.
 */
timeColumn: string, 
/**
 * Each row's currency: a row in another currency is a problem unless it says what it
 * settled for in the shop's.
 */
currencyColumn: string, };

export type PreviewSaleView = { line: number, date: string, amountMinor: number, customer: string, newCustomer: boolean, description: string, };

export type ImportRowNote = { line: number, column: string, value: string, message: string, };

export type ImportPreviewView = { fileName: string, needs: string | null, message: string | null, examples: Array<string>, headers: Array<string>, preset: string, presetLabel: string, encoding: string, dateOrder: string, rows: number, sales: number, alreadyImported: number, customersNew: number, customersMatched: number, revenueMinor: number, 
/**
 * The file's column the amounts come from, and what that amount is.
 */
revenueColumn: string, revenueMeans: string, 
/**
 * Said when the file's sales stop long before today.
 */
salesStop: string | null, 
/**
 * The time zone whose days timestamps in UTC were put on, when the file had any.
 */
timeZone: string | null, 
/**
 * Orders in the file: each is a sale to add, already in, left out or a problem.
 */
fileOrders: number, 
/**
 * Refunds taken off the sales to add.
 */
refundedMinor: number, firstDay: string | null, lastDay: string | null, firstSales: Array<PreviewSaleView>, 
/**
 * The first rows left out and with problems (at most [`regulars_core::NOTED_ROWS`] each,
 * by line), and how many there are in all.
 */
skipped: Array<ImportRowNote>, problems: Array<ImportRowNote>, skippedCount: number, problemCount: number, };

export type ImportRecordView = { id: number, fileName: string, preset: string, importedAt: string, rows: number, sales: number, alreadyImported: number, skipped: number, problems: number, customersNew: number, customersMatched: number, revenueMinor: number, firstDay: string | null, lastDay: string | null, undoneAt: string | null, };

export type ImportProgress = { done: number, total: number, };

export type BackupView = { 
/**
 * The file name inside the backups folder (the handle to restore it by).
 */
name: string, kind: BackupKind, when: string, bytes: number, };

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
openIssueSince: string | null, 
/**
 * The prediction models' view of them (`None`: not bought yet, or no model).
 */
outlook: CustomerOutlook | null, 
/**
 * Why there is no model, when there is none.
 */
outlookUnavailable: string | null, 
/**
 * Customers merged into this one (and not split), newest first.
 */
merged: Array<MergeView>, 
/**
 * This customer's merge into another, while it stands.
 */
mergedInto: MergeView | null, };

export type MergeView = { id: number, keptId: number, keptName: string, mergedId: number, mergedName: string, 
/**
 * When (RFC 3339, UTC).
 */
mergedAt: string, };

export type DuplicateView = { a: CustomerSummaryView, b: CustomerSummaryView, reason: "email" | "phone" | "name", };

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
 * Empty means in store.
 */
channel: SaleChannel | "", note: string, };

export type SaleView = { id: number, customerId: number | null, customerName: string | null, date: string, amountMinor: number, description: string, channel: SaleChannel, note: string, };

export type ContactInput = { customerId: number, 
/**
 * `YYYY-MM-DD`.
 */
date: string, method: ContactMethod, outcome: ContactOutcome, saleId: number | null, note: string, 
/**
 * The key of the reminder this contact answers, marked done with it.
 */
completes: string | null, };

export type ContactView = { id: number, customerId: number, date: string, method: ContactMethod, outcome: ContactOutcome, saleId: number | null, note: string, };

export type ReminderView = { key: string, customerId: number, customerName: string, kind: ReminderKind, 
/**
 * The reason in the owner's words (catalog messages, `reason.*`).
 */
why: string, due: string, 
/**
 * 0 on the due day.
 */
daysOverdue: number, lifetimeMinor: number, 
/**
 * Lapsing regulars, when there is a prediction model: how likely still a customer (0-1).
 */
pAlive: number | null, 
/**
 * …and the money at risk, minor units.
 */
moneyAtRiskMinor: number | null, 
/**
 * The follow-up drafted for a contact of the day's plan (`None` under Later).
 */
draft: DraftView | null, };

export type DraftView = { subject: string, body: string, email: string | null, phone: string | null, };

export type TemplateView = { kind: TemplateKind, subject: string, body: string, 
/**
 * The owner's own (else the one Regulars ships).
 */
custom: boolean, };

export type ReachView = { url: string, draft: DraftView, 
/**
 * The contact method to log it as (`email`, `call` or `message`).
 */
method: ContactMethod, };

export type TodayView = { asOf: string, 
/**
 * The day's plan: every open issue, then the best contacts up to the room left today.
 */
plan: Array<ReminderView>, 
/**
 * The first of those that wait (at most [`TODAY_PAGE`]), in the plan's order.
 */
later: Array<ReminderView>, 
/**
 * How many wait in all.
 */
laterTotal: number, 
/**
 * Nudges long past their window, now on At risk.
 */
rolledOver: number, contactsPerDay: number, 
/**
 * Reminders done or dismissed today.
 */
doneToday: number, checkInDays: number, secondPurchaseDays: number, 
/**
 * The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
 */
salesStop: string | null, };

export type ManualReminderInput = { customerId: number, 
/**
 * `YYYY-MM-DD`.
 */
due: string, note: string, };
