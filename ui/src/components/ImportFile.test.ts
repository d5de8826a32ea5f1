// @vitest-environment jsdom
// What the import shows while it runs: the worker first reads and checks the whole file again
// (half a minute for ten million rows) and only then writes, reporting how many sales are in.
// Until its first report the bar must not stand at "0 of N" as if the import were stuck.
import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { ImportPreviewView, ImportProgress, ShopView } from "../lib/bindings";

let report: (p: ImportProgress) => void = () => {};
let finish: (record: null) => void = () => {};
const preview = {
  fileName: "sales.csv",
  preset: "plain",
  sales: 10,
  customersNew: 2,
  problems: [],
  skipped: [],
  problemCount: 0,
  skippedCount: 0,
  firstSales: [],
};
vi.mock("../lib/backend", () => ({
  backend: {
    importPick: () => Promise.resolve("sales.csv"),
    importPreview: () => Promise.resolve(preview as unknown as ImportPreviewView),
    importRun: (_options: unknown, _allow: boolean, onProgress: (p: ImportProgress) => void) =>
      new Promise((resolve) => {
        report = onProgress;
        finish = resolve;
      }),
    importCancel: () => Promise.resolve(),
  },
}));

const { default: ImportFile } = await import("./ImportFile.svelte");

describe("ImportFile progress", () => {
  it("says the file is being read until the first sales are written, then counts them", async () => {
    const shop = { currency: "EUR", minorDigits: 2 } as unknown as ShopView;
    const view = render(ImportFile, { props: { shop, onToast: () => {}, onImported: () => {} } });
    await fireEvent.click(view.getByTestId("import-pick"));
    await fireEvent.click(await view.findByTestId("import-run"));

    const bar = view.container.querySelector("progress");
    expect(bar?.hasAttribute("value")).toBe(false);
    expect(view.getByTestId("import-progress").textContent).toBe("Reading and checking the file…");
    expect(view.queryByText("0 of 10")).toBeNull();
    expect(view.getByTestId("import-cancel")).toBeTruthy();

    report({ done: 4, total: 10 });
    await view.findByText("4 of 10");
    expect(view.container.querySelector("progress")?.getAttribute("value")).toBe("4");

    finish(null);
  });
});

describe("ImportFile problem rows", () => {
  // A file whose every row has a problem (a date in the wrong format): the worker sends the
  // first rows and the count, and the window says how many there are, not how many it was sent.
  it("counts every row with a problem and lists the first", async () => {
    const note = (line: number) => ({ line, column: "date", value: "31/31/2024", message: "'31/31/2024' is not a day on the calendar" });
    Object.assign(preview, {
      problems: Array.from({ length: 1000 }, (_, i) => note(i + 2)),
      problemCount: 250000,
      skipped: [{ line: 3, column: "", value: "", message: "cancelled" }],
      skippedCount: 4000,
    });
    const shop = { currency: "EUR", minorDigits: 2 } as unknown as ShopView;
    const view = render(ImportFile, { props: { shop, onToast: () => {}, onImported: () => {} } });
    await fireEvent.click(view.getByTestId("import-pick"));
    expect((await view.findByTestId("preview-problems")).textContent).toBe("250000");
    const rows = view.getByTestId("problem-rows").querySelectorAll("li");
    expect(rows.length).toBe(201);
    expect(rows[200].textContent).toBe("… and 249800 more");
    expect(view.getByText("Import the other rows and leave these 250000 out")).toBeTruthy();
    expect(view.getByText(/^4,?000 rows left out on purpose$/)).toBeTruthy();
    expect((view.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(view.getByTestId("allow-problems"));
    expect((view.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(false);
  });
});
