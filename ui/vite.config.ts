import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Relative asset paths: Tauri serves the built files from its own protocol.
export default defineConfig({
  base: "./",
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2021",
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
