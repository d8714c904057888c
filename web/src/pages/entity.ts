// Pages for topics (/topics/{id}) and institutions (/institutions/{id}): who and what is there, and the slice.
import { gql } from "../api";
import { h, plural, replace } from "../dom";
import { INSTITUTION_PAGE, TOPIC_PAGE } from "../operations";
import type { PageContext } from "../page";
import type { Named, WorkPage } from "../types";
import { graphPanel, headCard, notFound, pageLayout, problemBox, workList } from "../ui";

interface TopicAnswer {
  node: {
    __typename: string;
    id?: string;
    name?: string | null;
    subfield?: string | null;
    field?: string | null;
    domain?: string | null;
    workCount?: number;
    topAuthors?: { totalCount: number; edges: { workCount: number; node: Named }[] };
    works?: WorkPage;
  } | null;
}

interface InstitutionAnswer {
  institution: {
    id: string;
    name: string | null;
    countryCode: string | null;
    ror: string | null;
    type: string | null;
    authors: { totalCount: number; edges: { node: Named }[] };
    works: WorkPage;
  } | null;
}

function people(title: string, total: number, items: { author: Named; note: string }[]): HTMLElement {
  return h(
    "section",
    { class: "card" },
    h("h2", null, `${title} (${total.toLocaleString("en")})`),
    items.length
      ? h("ul", { class: "people" }, items.map(({ author, note }) => h("li", null, h("a", { href: `/authors/${encodeURIComponent(author.id)}` }, author.name ?? author.id), note ? h("span", { class: "muted" }, ` ${note}`) : null)))
      : h("p", { class: "empty" }, "None in the graph."),
  );
}

function loadPage<T>(main: HTMLElement, ctx: PageContext, query: string, id: string, draw: (data: T) => void): void {
  const load = () => {
    gql<T>(query, { id })
      .then((data) => {
        if (!ctx.gone()) draw(data);
      })
      .catch((problem: unknown) => {
        if (!ctx.gone()) replace(main, problemBox(problem, load));
      });
  };
  load();
}

export function topicPage(main: HTMLElement, id: string, ctx: PageContext): void {
  loadPage<TopicAnswer>(main, ctx, TOPIC_PAGE, id, (data) => {
    const topic = data.node;
    if (!topic || topic.__typename !== "Topic" || !topic.id || !topic.works || !topic.topAuthors) {
      replace(main, notFound("topic", id));
      return;
    }
    const topicId = topic.id;
    document.title = `${topic.name ?? topic.id} · peergraph`;
    const next = (after: string) =>
      gql<TopicAnswer>(TOPIC_PAGE, { id: topicId, after }).then((d) => {
        if (!d.node?.works) throw new Error("the topic is gone");
        return d.node.works;
      });
    const summary = [topic.domain, topic.field, topic.subfield].filter(Boolean).join(" › ") || "No field recorded.";
    const authors = topic.topAuthors.edges.map((e) => ({ author: e.node, note: `· ${plural(e.workCount, "work")}` }));
    replace(
      main,
      pageLayout(
        [
          headCard("Topic", topic.name ?? topic.id, summary, h("p", { class: "muted" }, `${plural(topic.workCount ?? 0, "work")} in the graph carry this topic.`)),
          graphPanel(topicId, 1).section,
          workList(topic.works, next, "Works with this topic"),
        ],
        [people("Authors", topic.topAuthors.totalCount, authors)],
      ),
    );
  });
}

export function institutionPage(main: HTMLElement, id: string, ctx: PageContext): void {
  loadPage<InstitutionAnswer>(main, ctx, INSTITUTION_PAGE, id, (data) => {
    const inst = data.institution;
    if (!inst) {
      replace(main, notFound("institution", id));
      return;
    }
    document.title = `${inst.name ?? inst.id} · peergraph`;
    const next = (after: string) =>
      gql<InstitutionAnswer>(INSTITUTION_PAGE, { id: inst.id, after }).then((d) => {
        if (!d.institution) throw new Error("the institution is gone");
        return d.institution.works;
      });
    const summary = [inst.type, inst.countryCode, inst.ror ? `ROR ${inst.ror}` : null].filter(Boolean).join(" · ") || "No details recorded.";
    replace(
      main,
      pageLayout(
        [headCard("Institution", inst.name ?? inst.id, summary), graphPanel(inst.id, 1).section, workList(inst.works, next, "Works with an authorship here")],
        [people("Authors", inst.authors.totalCount, inst.authors.edges.map((e) => ({ author: e.node, note: "" })))],
      ),
    );
  });
}
