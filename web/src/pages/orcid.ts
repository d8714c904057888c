// /orcid-callback#id_token=...&state=...: back from signing in with ORCID (orcid.ts); the id_token claims the author.
import { refreshViewer } from "../account";
import { gql } from "../api";
import { h, replace } from "../dom";
import { CLAIM_WITH_ORCID } from "../operations";
import { nonceOf, takePending } from "../orcid";
import type { PageContext } from "../page";
import { navigate } from "../routes";
import { problemBox } from "../ui";

export function orcidCallbackPage(main: HTMLElement, ctx: PageContext): void {
  document.title = "Signing in with ORCID · peergraph";
  const answer = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  window.history.replaceState(null, "", window.location.pathname); // the token leaves the address bar
  const pending = takePending();
  const status = h("p", { role: "status" }, "Claiming with your ORCID iD…");
  const card = h("section", { class: "card narrow" }, h("h1", null, "Sign in with ORCID"), status);
  replace(main, card);
  const idToken = answer.get("id_token");
  const refused = (words: string) => replace(status, words, " ", pending ? h("a", { href: `/authors/${encodeURIComponent(pending.authorId)}` }, "Back to the author") : null);
  if (!pending || answer.get("state") !== pending.state) return refused("This sign-in was not started from this tab, or it was already used.");
  if (answer.get("error")) return refused(`ORCID did not sign you in (${answer.get("error")}).`);
  if (!idToken || nonceOf(idToken) !== pending.nonce) return refused("ORCID's answer did not carry the expected id_token.");
  gql(CLAIM_WITH_ORCID, { id: pending.authorId, orcidIdToken: idToken })
    .then(() => refreshViewer())
    .then(() => {
      if (!ctx.gone()) navigate(`/authors/${encodeURIComponent(pending.authorId)}`, true);
    })
    .catch((problem: unknown) => {
      if (!ctx.gone()) replace(status, problemBox(problem), h("a", { href: `/authors/${encodeURIComponent(pending.authorId)}` }, "Back to the author"));
    });
}
