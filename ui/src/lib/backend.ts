// The one module screens talk to Rust through. Its functions are generated from
// src-tauri/commands.txt into commands.ts (`cargo xtask bindings`), so each command is declared
// once; nothing else imports `invoke`.
import { commands } from "./commands";

export type * from "./bindings";

export const backend = commands;
