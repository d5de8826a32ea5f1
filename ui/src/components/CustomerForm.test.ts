// @vitest-environment jsdom
// Where the customer form shows what the backend refused: beside the field it names, with that
// field marked invalid for screen readers, or under the form when it names no field of it.
import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { IpcError } from "../lib/bindings";
import CustomerForm from "./CustomerForm.svelte";

const blank = { name: "Ana", email: "", phone: "", tags: [], notes: "" };

async function refusedWith(error: IpcError) {
  const view = render(CustomerForm, {
    props: { initial: blank, submitLabel: "Save", onSave: () => Promise.reject(error), onCancel: () => {} },
  });
  await fireEvent.submit(view.getByTestId("customer-form"));
  await view.findAllByRole("alert");
  return view;
}

describe("CustomerForm errors", () => {
  for (const [field, id] of [
    ["name", "customer-name"],
    ["email", "customer-email"],
    ["phone", "customer-phone"],
    ["tags", "customer-tags"],
    ["notes", "customer-notes"],
  ]) {
    it(`puts a ${field} error beside the ${field} field and marks it invalid`, async () => {
      const view = await refusedWith({ code: "validation", message: `bad ${field}`, field });
      const alerts = view.getAllByRole("alert");
      expect(alerts.map((a) => a.textContent)).toEqual([`bad ${field}`]);
      const input = view.container.querySelector(`#${id}`);
      expect(alerts[0].closest(".field")?.contains(input)).toBe(true);
      expect(input?.getAttribute("aria-invalid")).toBe("true");
      expect(view.container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(1);
      expect(view.container.querySelector(".form-error")).toBeNull();
    });
  }

  it("puts an error that names no field of the form under the form", async () => {
    const view = await refusedWith({ code: "conflict", message: "The shop is locked", field: null });
    expect(view.container.querySelector(".form-error")?.textContent).toBe("The shop is locked");
    expect(view.container.querySelectorAll(".field-error")).toHaveLength(0);
    expect(view.container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });
});
