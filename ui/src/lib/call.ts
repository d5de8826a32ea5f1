// The one place that calls `invoke`: every command goes through the generated wrappers in
// commands.ts, and errors arrive as `IpcError` ({code, message, field}).
import { invoke } from "@tauri-apps/api/core";
import { asIpcError } from "./errors";

export async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    throw asIpcError(thrown);
  }
}
