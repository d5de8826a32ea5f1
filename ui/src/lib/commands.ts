// Generated from src-tauri/commands.txt by `cargo xtask bindings`; do not edit by hand.
// One typed function per command; errors arrive as `IpcError` ({code, message, field}).
import { Channel } from "@tauri-apps/api/core";
import type { BackupView, ChartKind, ChartView, ContactInput, ContactView, CustomerInput, CustomerListView, CustomerPageView, CustomerSortInput, CustomerSummaryView, CustomerView, DashboardView, DraftView, DuplicateView, ExportTable, FilterInput, ImportOptionsInput, ImportPreviewView, ImportProgress, ImportRecordView, ManualReminderInput, MergeView, OutlookView, PackProgress, ReachView, ReminderKind, SaleInput, SaleView, ShopInput, ShopState, TemplateKind, TemplateView, TodayView } from "./bindings";
import { call } from "./call";

export const commands = {
  shopGet: () =>
    call<ShopState>("shop_get"),
  /** Opens a shop locked with a passphrase. */
  shopUnlock: (passphrase: string) =>
    call<ShopState>("shop_unlock", { passphrase }),
  /** Locks the shop with `passphrase`, changes it, or removes it (`null`); `current` when it is locked. */
  shopLock: (current: string | null, passphrase: string | null) =>
    call<ShopState>("shop_lock", { current, passphrase }),
  shopSetUp: (input: ShopInput) =>
    call<ShopState>("shop_set_up", { input }),
  sampleLoad: () =>
    call<ShopState>("sample_load"),
  sampleRemove: () =>
    call<ShopState>("sample_remove"),
  notificationsGet: () =>
    call<boolean>("notifications_get"),
  notificationsSet: (enabled: boolean) =>
    call<boolean>("notifications_set", { enabled }),
  customerAdd: (input: CustomerInput) =>
    call<CustomerView>("customer_add", { input }),
  customerEdit: (id: number, input: CustomerInput) =>
    call<CustomerView>("customer_edit", { id, input }),
  customerArchive: (id: number) =>
    call<CustomerView>("customer_archive", { id }),
  customerUnarchive: (id: number) =>
    call<CustomerView>("customer_unarchive", { id }),
  customerPage: (id: number) =>
    call<CustomerPageView>("customer_page", { id }),
  duplicatesList: (limit: number) =>
    call<DuplicateView[]>("duplicates_list", { limit }),
  duplicatesDismiss: (a: number, b: number) =>
    call<void>("duplicates_dismiss", { a, b }),
  customersMerge: (kept: number, merged: number) =>
    call<MergeView>("customers_merge", { kept, merged }),
  customerSplit: (mergeId: number) =>
    call<CustomerView>("customer_split", { mergeId }),
  customersList: (sort: CustomerSortInput, limit: number, offset: number) =>
    call<CustomerListView>("customers_list", { sort, limit, offset }),
  customersSearch: (query: string, limit: number) =>
    call<CustomerSummaryView[]>("customers_search", { query, limit }),
  saleLog: (input: SaleInput) =>
    call<SaleView>("sale_log", { input }),
  saleLogNewCustomer: (customer: CustomerInput, input: SaleInput) =>
    call<SaleView>("sale_log_new_customer", { customer, input }),
  saleEdit: (id: number, input: SaleInput) =>
    call<SaleView>("sale_edit", { id, input }),
  saleDelete: (id: number) =>
    call<SaleView>("sale_delete", { id }),
  saleUndoDelete: (id: number) =>
    call<SaleView>("sale_undo_delete", { id }),
  salesRecent: (limit: number) =>
    call<SaleView[]>("sales_recent", { limit }),
  todayGet: () =>
    call<TodayView>("today_get"),
  reminderDone: (key: string) =>
    call<TodayView>("reminder_done", { key }),
  reminderDismiss: (key: string) =>
    call<TodayView>("reminder_dismiss", { key }),
  reminderSnooze: (key: string, until: string) =>
    call<TodayView>("reminder_snooze", { key, until }),
  reminderAdd: (input: ManualReminderInput) =>
    call<TodayView>("reminder_add", { input }),
  /** Opens the OS's mail, phone or messages app with the drafted follow-up. */
  contactReach: (customerId: number, kind: ReminderKind, channel: "email" | "call" | "text") =>
    call<ReachView>("contact_reach", { customerId, kind, channel }),
  templatesGet: () =>
    call<TemplateView[]>("templates_get"),
  templateSet: (kind: TemplateKind, subject: string, body: string) =>
    call<TemplateView>("template_set", { kind, subject, body }),
  templatePreview: (kind: TemplateKind, customerId: number) =>
    call<DraftView>("template_preview", { kind, customerId }),
  contactLog: (input: ContactInput) =>
    call<ContactView>("contact_log", { input }),
  remindersExportIcs: () =>
    call<string>("reminders_export_ics"),
  /** Who is slipping away: the model, the `limit` customers with most money at risk, the hold-out check. */
  outlookGet: (limit: number) =>
    call<OutlookView>("outlook_get", { limit }),
  dashboardGet: (filter: FilterInput) =>
    call<DashboardView>("dashboard_get", { filter }),
  chartsGet: (filter: FilterInput) =>
    call<ChartView[]>("charts_get", { filter }),
  /** Saves one chart; resolves to the saved path, or null when the owner cancelled. */
  chartExport: (kind: ChartKind | "holdout", format: "png" | "png2x" | "svg" | "csv", filter: FilterInput) =>
    call<string | null>("chart_export", { kind, format, filter }),
  /** Saves the meeting pack PDF, calling `onProgress` as pages are done. */
  packExport: (filter: FilterInput, onProgress: (p: PackProgress) => void) => {
    const progress = new Channel<PackProgress>();
    progress.onmessage = onProgress;
    return call<string | null>("pack_export", { filter, progress });
  },
  /** Opens the file dialog; resolves to the picked file's name, or null. */
  importPick: () =>
    call<string | null>("import_pick"),
  importPreview: (options: ImportOptionsInput) =>
    call<ImportPreviewView>("import_preview", { options }),
  importRun: (options: ImportOptionsInput, allowProblems: boolean, onProgress: (p: ImportProgress) => void) => {
    const progress = new Channel<ImportProgress>();
    progress.onmessage = onProgress;
    return call<ImportRecordView | null>("import_run", { options, allowProblems, progress });
  },
  importCancel: () =>
    call<void>("import_cancel"),
  importsList: () =>
    call<ImportRecordView[]>("imports_list"),
  importUndo: (id: number) =>
    call<ImportRecordView>("import_undo", { id }),
  exportCsv: (table: ExportTable) =>
    call<string | null>("export_csv", { table }),
  backupNow: () =>
    call<string | null>("backup_now"),
  backupsList: () =>
    call<BackupView[]>("backups_list"),
  /** Restores a listed backup by name, or (with "") a file the owner picks. */
  backupRestore: (name: string) =>
    call<string | null>("backup_restore", { name }),
  backupRestoreNewest: () =>
    call<ShopState>("backup_restore_newest"),
};
