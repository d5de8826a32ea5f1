import { describe, expect, it } from "vitest";
import { attempt } from "./errors";

describe("attempt", () => {
  it("returns the action's result and shows nothing when it succeeds", async () => {
    const shown: { text: string; error?: boolean }[] = [];
    expect(
      await attempt(
        (t) => shown.push(t),
        async () => 42,
      ),
    ).toBe(42);
    expect(shown).toEqual([]);
  });

  it("shows a failure as an error toast with the IPC message", async () => {
    const shown: { text: string; error?: boolean }[] = [];
    const result = await attempt(
      (t) => shown.push(t),
      () => Promise.reject({ code: "conflict", message: "The shop file is busy.", field: null }),
    );
    expect(result).toBeUndefined();
    expect(shown).toEqual([{ text: "The shop file is busy.", error: true }]);
  });
});
