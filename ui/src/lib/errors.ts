// The error shape every backend call rejects with, and helpers to read it.
import type { IpcError } from "./bindings";

/** Turns whatever a failed call threw into an `IpcError`, so screens handle one shape. */
export function asIpcError(thrown: unknown): IpcError {
  if (thrown && typeof thrown === "object" && "code" in thrown && "message" in thrown) {
    const e = thrown as IpcError;
    return { code: e.code, message: String(e.message), field: e.field ?? null };
  }
  return { code: "internal", message: String(thrown), field: null };
}

/** The message for one form field, or "" when the error belongs elsewhere. */
export function fieldMessage(error: IpcError | null, field: string): string {
  return error && error.field === field ? error.message : "";
}

/** The message for the form as a whole: errors that name no field of `fields`. */
export function formMessage(error: IpcError | null, fields: string[]): string {
  if (!error) return "";
  return error.field && fields.includes(error.field) ? "" : error.message;
}

/**
 * Runs `action`; when it fails, the failure is shown as an error toast instead of being
 * thrown, and the result is `undefined`.
 */
export async function attempt<T>(
  onToast: (t: { text: string; error?: boolean }) => void,
  action: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    onToast({ text: asIpcError(e).message, error: true });
    return undefined;
  }
}
