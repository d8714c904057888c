// A work's page (/works/{id}): the contract's WorkDetail, and the graph slice around the work.
import { gql } from "../api";
import { h, plainTitle, plural, replace } from "../dom";
import { WORK_DETAIL } from "../operations";
import type { PageContext } from "../page";
import type { Named } from "../types";
import { entityLoader, graphPanel, headCard, pageLayout } from "../ui";

interface Authorship {
  position: number;
  isCorresponding: boolean;
  author: Named | null;
  institutions: (Named & { countryCode: string | null })[];
}

interface WorkDetail {
  id: string;
  title: string | null;
  type: string | null;
  year: number | null;
  doi: string | null;
  citedByCount: number | null;
  abstract: string | null;
  venue: Named | null;
  authorships: Authorship[];
  topics: { score: number | null; topic: Named }[];
}

const AUTHORS_SHOWN = 25;

function authorshipItem(a: Authorship): HTMLElement {
  return h(
    "li",
    null,
    a.author ? h("a", { href: `/authors/${encodeURIComponent(a.author.id)}` }, a.author.name ?? a.author.id) : h("span", null, "(unlinked author)"),
    a.isCorresponding ? h("span", { class: "badge" }, "corresponding") : null,
    a.institutions.length
      ? h("span", { class: "muted" }, " · ", a.institutions.map((i, n) => [n ? "; " : "", h("a", { href: `/institutions/${encodeURIComponent(i.id)}` }, i.name ?? i.id)]))
      : null,
  );
}

export function workPage(main: HTMLElement, id: string, ctx: PageContext): void {
  const fetch = () => gql<{ work: WorkDetail | null }>(WORK_DETAIL, { id }).then((data) => data.work);
  entityLoader(main, ctx, "work", id, fetch, (work) => draw(main, work))();
}

function draw(main: HTMLElement, work: WorkDetail): void {
  const title = plainTitle(work.title, work.id);
  document.title = `${title} · peergraph`;
  const authors = h("ol", { class: "authorships" }, work.authorships.slice(0, AUTHORS_SHOWN).map(authorshipItem));
  const more =
    work.authorships.length > AUTHORS_SHOWN
      ? h("button", {
          type: "button",
          class: "secondary",
          onclick: (e: Event) => {
            authors.append(...work.authorships.slice(AUTHORS_SHOWN).map(authorshipItem));
            (e.target as HTMLElement).remove();
          },
        }, `Show all ${work.authorships.length.toLocaleString("en")} authors`)
      : null;
  const meta = [work.type, work.year, work.venue?.name, work.citedByCount !== null ? plural(work.citedByCount, "citation") : null];
  const doi = work.doi ? h("p", null, "DOI ", h("a", { href: `https://doi.org/${work.doi}`, rel: "noopener", target: "_blank" }, work.doi)) : null;
  const abstract = h("details", { class: "fold", open: Boolean(work.abstract) && work.abstract!.length < 600 }, h("summary", null, "Abstract"), h("p", { class: "abstract" }, work.abstract ?? "No abstract in the graph for this work."));
  const topics = work.topics.length
    ? h("ul", { class: "topics" }, work.topics.map((t) => h("li", null, h("a", { href: `/topics/${encodeURIComponent(t.topic.id)}` }, t.topic.name ?? t.topic.id), t.score !== null ? h("span", { class: "muted" }, ` · score ${t.score.toFixed(2)}`) : null)))
    : h("p", { class: "empty" }, "No topics in the graph.");
  replace(
    main,
    pageLayout(
      [headCard("Work", title, meta.filter((x) => x !== null && x !== undefined).join(" · "), doi, abstract), graphPanel(work.id, 1).section],
      [
        h("section", { class: "card" }, h("h2", null, `Authors (${work.authorships.length.toLocaleString("en")})`), authors, more),
        h("section", { class: "card" }, h("h2", null, "Topics"), topics),
      ],
    ),
  );
}
