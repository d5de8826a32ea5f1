// Entry point: mounts the app into the page.
import { mount } from "svelte";
import App from "./App.svelte";
import { language } from "./lib/i18n";

// Screen readers read the window in the language of its catalog.
document.documentElement.lang = language;
import "./app.css";

const target = document.getElementById("app");
if (target) mount(App, { target });
