// Pieces the pages share: a problem in words, a list of works with folded abstracts and paging, a graph panel.
import { explain, gql } from "./api";
import { type Children, h, plainTitle, plural, replace } from "./dom";
import { GraphView } from "./graph";
import { WORK_ABSTRACT } from "./operations";
import type { PageContext } from "./page";
import { explorerOf } from "./routes";
import type { WorkPage, WorkSummary } from "./types";

export function problemBox(problem: unknown, retry?: () => void): HTMLElement {
  const { title, detail, code } = explain(problem);
  return h(
    "div",
    { class: "problem", role: "alert", "data-code": code },
    h("strong", null, title),
    detail ? h("span", { class: "detail" }, detail) : null,
    retry ? h("button", { type: "button", onclick: retry }, "Try again") : null,
  );
}

/** A page's head card: the kind of entity, its name, a one-line summary, and what else the page puts there. */
export function headCard(kind: string, title: string, summary: string, ...more: Children[]): HTMLElement {
  return h("section", { class: "card head" }, h("p", { class: "kind" }, kind), h("h1", null, title), h("p", { class: "summary" }, summary), more);
}

/** The two columns of every entity page: the primary one (the head, the slice, the lists) and the aside. */
export function pageLayout(primary: Children[], secondary: Children[]): HTMLElement {
  return h("div", { class: "layout" }, h("div", { class: "primary" }, primary), h("aside", { class: "secondary" }, secondary));
}

/**
 * An entity page's loader: fetch the entity, then draw it (with the loader, to draw it again), or say it is not
 * there, or show the problem with a way to try again; nothing once the page has been left.
 */
export function entityLoader<T>(
  main: HTMLElement,
  ctx: PageContext,
  what: string,
  id: string,
  fetch: () => Promise<T | null>,
  draw: (entity: T, reload: () => void) => void,
): () => void {
  const load = (): void => {
    fetch()
      .then((entity) => {
        if (ctx.gone()) return;
        if (!entity) {
          replace(main, notFound(what, id));
          return;
        }
        draw(entity, load);
      })
      .catch((problem: unknown) => {
        if (!ctx.gone()) replace(main, problemBox(problem, load));
      });
  };
  return load;
}

/** A page-sized "not found" for an id the graph does not know. */
export function notFound(what: string, id: string): HTMLElement {
  return h(
    "section",
    { class: "card" },
    h("h1", null, `No ${what} ${id}`),
    h("p", null, `The graph has no ${what} with the id ${id}.`),
    h("p", null, h("a", { href: "/" }, "Back to the start page")),
  );
}

function workItem(work: WorkSummary): HTMLElement {
  const abstract = h("div", { class: "abstract" });
  const fold = h("details", { class: "fold" }, h("summary", null, "Abstract"), abstract);
  fold.addEventListener("toggle", () => {
    if (!fold.open || abstract.dataset.loaded) return;
    abstract.dataset.loaded = "1";
    abstract.textContent = "Loading the abstract…";
    gql<{ work: { abstract: string | null } | null }>(WORK_ABSTRACT, { id: work.id })
      .then((data) => {
        abstract.textContent = data.work?.abstract || "No abstract in the graph for this work.";
      })
      .catch((problem: unknown) => {
        delete abstract.dataset.loaded;
        replace(abstract, problemBox(problem));
      });
  });
  const meta = [work.type, work.year, work.venue?.name].filter((x) => x !== null && x !== undefined && x !== "");
  return h(
    "li",
    { class: "work", "data-id": work.id },
    h("p", { class: "meta" }, meta.join(" · ")),
    h("a", { href: `/works/${encodeURIComponent(work.id)}`, class: "title" }, plainTitle(work.title, work.id)),
    fold,
  );
}

/** "N published item(s)" and the works, 10 a page, with "Show more" fetching the next page by cursor. */
export function workList(first: WorkPage, next: (after: string) => Promise<WorkPage>, heading = "Published work"): HTMLElement {
  const list = h("ol", { class: "works" }, first.edges.map((e) => workItem(e.node)));
  const more = h("div", { class: "more" });
  const shown = () => list.children.length;
  const counter = h("p", { class: "count" });
  const setCount = () => {
    counter.textContent = `${plural(first.totalCount, "published item")}${shown() < first.totalCount ? `, ${shown()} shown` : ""}`;
  };
  const showMore = (page: WorkPage) => {
    replace(more);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    const cursor = page.pageInfo.endCursor;
    const button = h("button", { type: "button", class: "secondary" }, "Show more works");
    button.addEventListener("click", () => {
      button.disabled = true;
      button.textContent = "Loading…";
      next(cursor)
        .then((page2) => {
          for (const edge of page2.edges) list.append(workItem(edge.node));
          setCount();
          showMore(page2);
        })
        .catch((problem: unknown) => replace(more, problemBox(problem, () => showMore(page))));
    });
    more.append(button);
  };
  setCount();
  showMore(first);
  return h(
    "section",
    { class: "card", "aria-labelledby": "works-title" },
    h("h2", { id: "works-title" }, heading),
    counter,
    first.totalCount ? list : h("p", { class: "empty" }, "No works in the graph."),
    more,
  );
}

/** The graph slice around an entity, drawn in place, with the way to the full explorer. */
export function graphPanel(center: string, depth: number): { section: HTMLElement; view: GraphView } {
  const view = new GraphView({ limit: 100 });
  const section = h(
    "section",
    { class: "card graph-card", "aria-labelledby": "graph-title" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "graph-title" }, "Research graph"),
      h("a", { href: explorerOf(center), class: "button" }, "Open full explorer"),
    ),
    view.root,
  );
  void view.show(center, depth);
  return { section, view };
}
