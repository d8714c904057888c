// The single-page app: the header (search, explorer, account) and the pages by path (history routing; the API
// serves this index.html for each of these paths, peergraph/web.py).
import "./style.css";
import { openAccount, restoreSession } from "./account";
import { h, replace } from "./dom";
import { type PageContext, pageContext } from "./page";
import { authorPage } from "./pages/author";
import { institutionPage, topicPage } from "./pages/entity";
import { explorePage, searchEntities } from "./pages/explore";
import { CALLBACK } from "./orcid";
import { orcidCallbackPage } from "./pages/orcid";
import { verifyPage } from "./pages/verify";
import { workPage } from "./pages/work";
import { picker } from "./picker";
import { interceptLinks, kindOfId, navigate, onNavigate, pageOf } from "./routes";
import { session } from "./session";

type Page = (main: HTMLElement, id: string, ctx: PageContext) => void;
const BY_ID: Record<string, Page> = {
  authors: authorPage,
  works: workPage,
  topics: topicPage,
  institutions: institutionPage,
};

const main = document.getElementById("main") as HTMLElement;
const top = document.getElementById("top") as HTMLElement;
let current = pageContext();

function header(): void {
  const search = picker({
    label: "Search",
    name: "q",
    placeholder: "Search researchers, works, topics…",
    suggest: searchEntities,
    onPick: (choice) => {
      const kind = kindOfId(choice.id);
      navigate((kind && pageOf(kind, choice.id)) || `/explore?center=${encodeURIComponent(choice.id)}`);
    },
  });
  const account = h("div", { class: "account-menu" });
  const drawAccount = () => {
    const viewer = session.viewer();
    if (!viewer) {
      replace(
        account,
        session.notice ? h("span", { class: "notice small", role: "status" }, session.notice) : null,
        h("button", { type: "button", class: "secondary", onclick: () => openAccount("login") }, "Log in"),
        h("button", { type: "button", class: "linklike", onclick: () => openAccount("register") }, "Register"),
      );
      return;
    }
    const own = viewer.claimedAuthorIds[0];
    replace(
      account,
      h("span", { class: "who", title: viewer.email }, viewer.displayName),
      viewer.emailVerified ? null : h("button", { type: "button", class: "linklike", onclick: () => openAccount("verify") }, "Verify email"),
      own ? h("a", { href: `/authors/${encodeURIComponent(own)}` }, "My page") : null,
      h("button", { type: "button", class: "linklike", onclick: () => session.end("logout") }, "Log out"),
    );
  };
  session.subscribe(drawAccount);
  drawAccount();
  replace(
    top,
    h("a", { href: "/", class: "brand" }, "peergraph"),
    h("div", { class: "search" }, search.root),
    h("nav", { class: "links", "aria-label": "Main" }, h("a", { href: "/explore" }, "Explorer"), h("a", { href: "/graphiql" }, "GraphiQL")),
    account,
  );
}

function route(): void {
  current.dispose();
  current = pageContext();
  const { pathname, search } = window.location;
  const params = new URLSearchParams(search);
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  main.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  window.scrollTo(0, 0);
  const byId = parts.length === 2 ? BY_ID[parts[0]] : undefined;
  if (byId) byId(main, parts[1], current);
  else if (parts[0] === "explore") explorePage(main, params, current);
  else if (parts[0] === "verify") verifyPage(main, params, current);
  else if (pathname === CALLBACK) orcidCallbackPage(main, current);
  else {
    document.title = "Not found · peergraph";
    replace(main, h("section", { class: "card narrow" }, h("h1", null, "No such page"), h("p", null, h("a", { href: "/" }, "Back to the start page"))));
  }
}

header();
interceptLinks();
onNavigate(route);
void restoreSession().finally(route);
