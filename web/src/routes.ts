// Where each kind of entity has its page, and history navigation without reloads.
import type { EntityKind } from "./types";

export const KINDS: EntityKind[] = ["AUTHOR", "WORK", "TOPIC", "INSTITUTION", "SOURCE"];
const NAMES: Record<EntityKind, [string, string]> = {
  AUTHOR: ["author", "Authors"],
  WORK: ["work", "Works"],
  TOPIC: ["topic", "Topics"],
  INSTITUTION: ["institution", "Institutions"],
  SOURCE: ["source", "Sources"],
};
const PAGES: Partial<Record<EntityKind, string>> = {
  AUTHOR: "/authors/",
  WORK: "/works/",
  TOPIC: "/topics/",
  INSTITUTION: "/institutions/",
};

export function kindName(kind: EntityKind, count: 1 | 2): string {
  return NAMES[kind][count - 1];
}

export function pageOf(kind: EntityKind, id: string): string | null {
  const prefix = PAGES[kind];
  return prefix ? prefix + encodeURIComponent(id) : null;
}

export function kindOfId(id: string): EntityKind | null {
  const found = { A: "AUTHOR", W: "WORK", T: "TOPIC", I: "INSTITUTION", S: "SOURCE" }[id.charAt(0).toUpperCase()];
  return (found as EntityKind | undefined) ?? null;
}

export function explorerOf(id: string): string {
  return `/explore?center=${encodeURIComponent(id)}`;
}

type Render = () => void;
let render: Render = () => undefined;

export function onNavigate(fn: Render): void {
  render = fn;
}

export function navigate(url: string, replaceState = false): void {
  if (replaceState) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  render();
}

/** Same-origin links navigate in place (history routing); others behave as links do. */
export function interceptLinks(): void {
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || link.target || link.hasAttribute("download")) return;
    // "/" is the server's redirect to the start page; GraphiQL is a page of its own.
    if (url.pathname === "/" || url.pathname.startsWith("/graphql") || url.pathname.startsWith("/graphiql")) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener("popstate", () => render());
}
