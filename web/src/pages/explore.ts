// The explorer (/explore?center=ID, /explore?from=A&to=B): the slice around any entity, expanded by clicking its
// nodes, filtered by kind and year; or the shortest coauthor path between two researchers (`connection`).
import { gql } from "../api";
import { h, plainTitle, plural, replace } from "../dom";
import { GraphView } from "../graph";
import { AUTOCOMPLETE_AUTHORS, CONNECTION, SEARCH } from "../operations";
import type { PageContext } from "../page";
import { type Choice, picker } from "../picker";
import { kindName, kindOfId, navigate, pageOf } from "../routes";
import type { CoauthorPath, EntityKind, SliceNode } from "../types";
import { problemBox } from "../ui";

const LIMITS = [50, 100, 200, 500];

interface SearchHit {
  score: number;
  node: { __typename: string; id: string; name?: string | null; title?: string | null; year?: number | null };
}

export async function searchEntities(text: string): Promise<Choice[]> {
  const data = await gql<{ search: SearchHit[] }>(SEARCH, { q: text, first: 8 });
  return data.search.map(({ node }) => ({
    id: node.id,
    label: node.name ?? plainTitle(node.title, node.id),
    note: node.__typename.toLowerCase() + (node.year ? ` · ${node.year}` : ""),
  }));
}

async function authorsStartingWith(text: string): Promise<Choice[]> {
  const data = await gql<{ autocomplete: { id: string; name?: string | null }[] }>(AUTOCOMPLETE_AUTHORS, { prefix: text });
  return data.autocomplete.map((a) => ({ id: a.id, label: a.name ?? a.id, note: a.id }));
}

function bounded(value: string | null, allowed: number[], fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return allowed.includes(n) ? n : fallback;
}

export function explorePage(main: HTMLElement, params: URLSearchParams, ctx: PageContext): void {
  document.title = "Explorer · peergraph";
  const pathMode = params.has("from") || params.get("mode") === "path";
  const center = params.get("center")?.trim() ?? "";
  const depth = bounded(params.get("depth"), [1, 2], 2);
  const limit = bounded(params.get("limit"), LIMITS, 100);

  const side = h("aside", { class: "side card", "aria-live": "polite" });
  const view = new GraphView({ limit, onSelect: (node) => drawSide(side, node, view) });
  drawSide(side, null, view);
  const controls = h("div", { class: "controls" });
  const modes = h(
    "nav",
    { class: "tabs", "aria-label": "Explorer mode" },
    h("a", { href: center ? `/explore?center=${encodeURIComponent(center)}` : "/explore", class: pathMode ? "tab" : "tab active", "aria-current": pathMode ? null : "page" }, "Slice"),
    h("a", { href: "/explore?mode=path", class: pathMode ? "tab active" : "tab", "aria-current": pathMode ? "page" : null }, "Path between two researchers"),
  );
  replace(
    main,
    h(
      "div",
      { class: "explorer" },
      h("div", { class: "explorer-head" }, h("h1", null, "Explorer"), modes),
      controls,
      h("div", { class: "explorer-body" }, h("div", { class: "card stage" }, view.root), side),
    ),
  );
  if (pathMode) pathControls(controls, view, params, ctx);
  else sliceControls(controls, view, { center, depth, limit });
}

function sliceControls(box: HTMLElement, view: GraphView, at: { center: string; depth: number; limit: number }): void {
  const go = (center: string, depth: number, limit: number) =>
    navigate(`/explore?center=${encodeURIComponent(center)}&depth=${depth}&limit=${limit}`);
  const find = picker({
    label: "Center on",
    name: "center",
    placeholder: "Search authors, works, topics, institutions",
    suggest: searchEntities,
    onPick: (c) => go(c.id, at.depth, at.limit),
  });
  if (at.center) find.set({ id: at.center, label: at.center, note: "" });
  const depth = h("select", { name: "depth", "aria-label": "Depth" }, [1, 2].map((d) => h("option", { value: d, selected: d === at.depth }, `${d} hop${d > 1 ? "s" : ""}`)));
  const limit = h("select", { name: "limit", "aria-label": "Nodes per slice" }, LIMITS.map((n) => h("option", { value: n, selected: n === at.limit }, `${n} nodes`)));
  const change = () => go(find.input.dataset.id ?? at.center, Number(depth.value), Number(limit.value));
  depth.addEventListener("change", change);
  limit.addEventListener("change", change);
  const from = h("input", { type: "number", name: "yearFrom", min: 1800, max: 2100, placeholder: "from", "aria-label": "Works from year" });
  const to = h("input", { type: "number", name: "yearTo", min: 1800, max: 2100, placeholder: "to", "aria-label": "Works up to year" });
  const years = () => {
    const a = from.value ? Number(from.value) : null;
    const b = to.value ? Number(to.value) : null;
    void view.setYears(a, b);
  };
  from.addEventListener("change", years);
  to.addEventListener("change", years);
  replace(
    box,
    h("label", { class: "field grow" }, h("span", null, "Center"), find.root),
    h("label", { class: "field" }, h("span", null, "Depth"), depth),
    h("label", { class: "field" }, h("span", null, "Limit"), limit),
    h("fieldset", { class: "field years" }, h("legend", null, "Works' years"), from, to),
  );
  if (at.center) {
    void view.show(at.center, at.depth).then(() => {
      const node = view.nodes.get(at.center);
      if (node && !find.input.matches(":focus")) find.set({ id: at.center, label: node.label, note: "" });
    });
  }
  else view.clear("Search for an author, work, topic or institution to center the drawing on.");
}

function pathControls(box: HTMLElement, view: GraphView, params: URLSearchParams, ctx: PageContext): void {
  const result = h("div", { class: "path-result", role: "status" });
  const ends = [params.get("from"), params.get("to")];
  const pickers = ["From", "To"].map((label) =>
    picker({ label: `${label} researcher`, name: label.toLowerCase(), placeholder: "Type a researcher's name", suggest: authorsStartingWith, onPick: () => undefined }),
  );
  ends.forEach((id, i) => {
    if (id) pickers[i].set({ id, label: id, note: "" });
  });
  const find = h("button", { type: "submit", class: "primary" }, "Find path");
  const form = h(
    "form",
    { class: "path-form" },
    h("label", { class: "field grow" }, h("span", null, "From"), pickers[0].root),
    h("label", { class: "field grow" }, h("span", null, "To"), pickers[1].root),
    find,
  );
  const run = (from: string, to: string) => {
    replace(result, "Looking for the shortest coauthor path…");
    gql<{ connection: CoauthorPath | null }>(CONNECTION, { from, to })
      .then((data) => {
        if (ctx.gone()) return;
        const path = data.connection;
        if (!path) {
          replace(result, h("p", { class: "notice" }, "No coauthorship path within 6 hops between these two researchers."));
          view.clear("No path to draw.");
          return;
        }
        replace(result, pathText(path));
        void view.showPath(path);
      })
      .catch((problem: unknown) => {
        replace(result, problemBox(problem, () => run(from, to)));
        view.clear("No path drawn: see the message above.");
      });
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [a, b] = pickers.map((p) => p.input.dataset.id ?? p.input.value.trim());
    if (!a || !b) {
      replace(result, h("p", { class: "notice" }, "Pick two researchers."));
      return;
    }
    window.history.replaceState(null, "", `/explore?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}`);
    run(a, b);
  });
  replace(box, form, result);
  if (ends[0] && ends[1]) run(ends[0], ends[1]);
  else view.clear("Pick two researchers to draw the shortest coauthor path between them.");
}

function pathText(path: CoauthorPath): HTMLElement {
  const author = (a: { id: string; name: string | null }) => h("a", { href: `/authors/${encodeURIComponent(a.id)}` }, a.name ?? a.id);
  return h(
    "div",
    null,
    h("p", null, h("strong", null, plural(path.hops, "hop")), ` between ${path.authors[0]?.name ?? ""} and ${path.authors[path.authors.length - 1]?.name ?? ""}.`),
    h(
      "ol",
      { class: "hops" },
      path.links.map((link) =>
        h(
          "li",
          { "data-source": link.source.id, "data-target": link.target.id },
          author(link.source),
          " — ",
          author(link.target),
          h("span", { class: "muted" }, ` · ${plural(link.works.length, "shared work")}: `),
          link.works.slice(0, 3).map((w, i) => [i ? "; " : "", h("a", { href: `/works/${encodeURIComponent(w.id)}` }, plainTitle(w.title, w.id))]),
          link.works.length > 3 ? ` and ${link.works.length - 3} more` : null,
        ),
      ),
    ),
  );
}

function drawSide(side: HTMLElement, node: SliceNode | null, view: GraphView): void {
  if (!node) {
    replace(side, h("h2", null, "Selection"), h("p", { class: "muted" }, "Click a node to see it here and to add its neighbours to the drawing."));
    return;
  }
  const page = pageOf(node.kind, node.id);
  replace(
    side,
    h("h2", null, "Selection"),
    h("p", { class: "kind" }, kindName(node.kind as EntityKind, 1)),
    h("p", { class: "selected-label" }, node.label),
    h("p", { class: "muted" }, node.id, view.expanded.has(node.id) ? " · expanded" : ""),
    h(
      "div",
      { class: "row" },
      page ? h("a", { href: page, class: "button" }, `Open ${kindName(node.kind, 1)} page`) : null,
      h("a", { href: `/explore?center=${encodeURIComponent(node.id)}`, class: "button secondary" }, "Center here"),
    ),
    kindOfId(node.id) === "AUTHOR" ? h("p", null, h("a", { href: `/explore?from=${encodeURIComponent(node.id)}&to=` }, "Find a path from this researcher")) : null,
  );
}
