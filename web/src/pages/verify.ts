// /verify?token=...: the link a verification mail carries. The token is confirmed on arrival.
import { openAccount, verifyToken } from "../account";
import { h, replace } from "../dom";
import type { PageContext } from "../page";
import { session } from "../session";
import { problemBox } from "../ui";

export function verifyPage(main: HTMLElement, params: URLSearchParams, ctx: PageContext): void {
  document.title = "Verify your email · peergraph";
  const token = params.get("token")?.trim() ?? "";
  const card = h("section", { class: "card narrow" }, h("h1", null, "Verify your email"));
  replace(main, card);
  if (!token) {
    card.append(
      h("p", null, "Paste the token (or the link) from your verification mail."),
      h("button", { type: "button", class: "primary", onclick: () => openAccount("verify") }, "Enter the token"),
    );
    return;
  }
  const status = h("p", { role: "status" }, "Verifying…");
  card.append(status);
  verifyToken(token)
    .then((ok) => {
      if (ctx.gone()) return;
      if (!ok) {
        status.textContent = "This token is not valid: it may have expired or been used already.";
        return;
      }
      replace(
        status,
        "Your email is verified. ",
        session.viewer()
          ? "You can claim your author record now."
          : h("button", { type: "button", class: "primary", onclick: () => openAccount("login", "Email verified: log in.") }, "Log in"),
      );
      window.history.replaceState(null, "", "/verify");
    })
    .catch((problem: unknown) => {
      if (!ctx.gone()) replace(status, problemBox(problem));
    });
}
