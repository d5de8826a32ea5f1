// @vitest-environment jsdom
// Where the contact form shows what the backend refused: the message in the form, the field it
// names marked invalid for screen readers; an error that names no field of it, under the form.
import { fireEvent, render } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { IpcError } from "../lib/bindings";

const contactLog = vi.fn();
vi.mock("../lib/backend", () => ({ backend: { contactLog: (...args: unknown[]) => contactLog(...args) } }));

const { default: ContactForm } = await import("./ContactForm.svelte");

async function refusedWith(error: IpcError) {
  contactLog.mockRejectedValueOnce(error);
  const view = render(ContactForm, { props: { customerId: 7, today: "2026-11-23", onSaved: () => {}, onCancel: () => {} } });
  await fireEvent.submit(view.getByTestId("contact-form"));
  await view.findAllByRole("alert");
  return view;
}

describe("ContactForm errors", () => {
  beforeEach(() => contactLog.mockReset());

  for (const [field, selector] of [
    ["date", 'input[type="date"]'],
    ["method", '[data-testid="contact-method"]'],
    ["outcome", '[data-testid="contact-outcome"]'],
    ["note", '[data-testid="contact-note"]'],
  ]) {
    it(`shows a ${field} error and marks the ${field} field invalid`, async () => {
      const view = await refusedWith({ code: "validation", message: `bad ${field}`, field });
      expect(view.getAllByRole("alert").map((a) => a.textContent)).toEqual([`bad ${field}`]);
      expect(view.container.querySelector(selector)?.getAttribute("aria-invalid")).toBe("true");
      expect(view.container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(1);
    });
  }

  it("shows an error that names no field of the form, with no field marked", async () => {
    const view = await refusedWith({ code: "not_found", message: "No such customer", field: "customer" });
    expect(view.getAllByRole("alert").map((a) => a.textContent)).toEqual(["No such customer"]);
    expect(view.container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });
});
