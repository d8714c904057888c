// Log in, register and verify an email address, in one dialog opened from the header or from an action
// that needs an account ("Log in to follow", "Log in to claim").
import { explain, gql } from "./api";
import { h, replace } from "./dom";
import { LOGIN, REGISTER, REQUEST_VERIFICATION, VERIFY_EMAIL, VIEWER } from "./operations";
import { session, type Viewer } from "./session";

type Mode = "login" | "register" | "verify";

let dialog: HTMLDialogElement | null = null;
let lastEmail = "";

/** The token from what was pasted: the token itself, or the link from the mail (`/verify?token=...`). */
export function tokenFrom(text: string): string {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed, window.location.origin);
    const token = url.searchParams.get("token");
    if (token) return token;
  } catch {
    // not a link: the token itself
  }
  return trimmed;
}

/** Restore the viewer of a token kept from earlier in this tab (an expired one ends the session). */
export async function restoreSession(): Promise<void> {
  if (!session.token()) return;
  try {
    const data = await gql<{ viewer: Viewer | null }>(VIEWER);
    if (data.viewer) session.set(data.viewer, "restored");
    else session.end("expired");
  } catch {
    // gql already ended the session on UNAUTHENTICATED; other problems leave it for the next request
  }
}

/** Read the viewer again (its claims or verification changed); "refreshed" tells pages not to redraw. */
export async function refreshViewer(reason = "refreshed"): Promise<void> {
  const data = await gql<{ viewer: Viewer | null }>(VIEWER);
  session.set(data.viewer, reason);
}

export async function verifyToken(token: string): Promise<boolean> {
  const data = await gql<{ verifyEmail: boolean }>(VERIFY_EMAIL, { token });
  if (data.verifyEmail && session.viewer()) await refreshViewer("verified");
  return data.verifyEmail;
}

export function openAccount(mode: Mode, why = ""): void {
  if (!dialog) {
    dialog = h("dialog", { class: "account", "aria-labelledby": "account-title" });
    document.body.append(dialog);
  }
  render(dialog, mode, why);
  if (!dialog.open) dialog.showModal();
}

function closeAccount(): void {
  dialog?.close();
}

function problemText(problem: unknown): string {
  const { title, detail } = explain(problem);
  return detail ? `${title} (${detail})` : title;
}

function field(label: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "field" }, h("span", null, label), input);
}

function render(box: HTMLDialogElement, mode: Mode, why: string): void {
  const message = h("p", { class: "form-message", role: "alert" });
  const tabs = h(
    "nav",
    { class: "tabs", "aria-label": "Account" },
    (["login", "register", "verify"] as Mode[]).map((m) =>
      h(
        "button",
        { type: "button", class: m === mode ? "tab active" : "tab", "aria-pressed": String(m === mode), onclick: () => render(box, m, "") },
        { login: "Log in", register: "Register", verify: "Verify email" }[m],
      ),
    ),
  );
  const close = h("button", { type: "button", class: "close", "aria-label": "Close", onclick: closeAccount }, "×");
  let form: HTMLFormElement;
  if (mode === "login") {
    const email = h("input", { type: "email", name: "email", required: true, autocomplete: "email", value: lastEmail });
    const password = h("input", { type: "password", name: "password", required: true, autocomplete: "current-password" });
    form = h("form", null, field("Email", email), field("Password", password), h("button", { type: "submit", class: "primary" }, "Log in"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      lastEmail = email.value;
      message.textContent = "Logging in…";
      gql<{ login: { token: string; viewer: Viewer } | null }>(LOGIN, { email: email.value, password: password.value }, { anonymous: true })
        .then((data) => {
          if (!data.login) {
            message.textContent = "Wrong email or password.";
            return;
          }
          session.start(data.login.token, data.login.viewer);
          closeAccount();
        })
        .catch((problem: unknown) => {
          message.textContent = problemText(problem);
        });
    });
  } else if (mode === "register") {
    const name = h("input", { type: "text", name: "displayName", required: true, autocomplete: "name" });
    const email = h("input", { type: "email", name: "email", required: true, autocomplete: "email" });
    const password = h("input", { type: "password", name: "password", required: true, minlength: 10, autocomplete: "new-password" });
    form = h(
      "form",
      null,
      field("Display name", name),
      field("Email", email),
      field("Password (10 characters or more)", password),
      h("button", { type: "submit", class: "primary" }, "Create account"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      message.textContent = "Creating the account…";
      gql<{ register: { accepted: boolean; message: string } }>(REGISTER, {
        email: email.value,
        password: password.value,
        displayName: name.value,
      }, { anonymous: true })
        .then((data) => {
          lastEmail = email.value;
          if (!data.register.accepted) {
            message.textContent = data.register.message;
            return;
          }
          render(box, "verify", `${data.register.message} Paste the token (or the link) from the mail sent to ${email.value}.`);
        })
        .catch((problem: unknown) => {
          message.textContent = problemText(problem);
        });
    });
  } else {
    const token = h("input", { type: "text", name: "token", required: true, autocomplete: "one-time-code", spellcheck: "false" });
    const resend = session.viewer()
      ? h("button", {
          type: "button",
          class: "secondary",
          onclick: () => {
            gql<{ requestEmailVerification: boolean }>(REQUEST_VERIFICATION)
              .then((d) => {
                message.textContent = d.requestEmailVerification ? "A new token is on its way." : "This email is already verified.";
              })
              .catch((problem: unknown) => {
                message.textContent = problemText(problem);
              });
          },
        }, "Send a new token")
      : null;
    form = h(
      "form",
      null,
      field("Verification token or link", token),
      h("div", { class: "row" }, h("button", { type: "submit", class: "primary" }, "Verify email"), resend),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      message.textContent = "Verifying…";
      verifyToken(tokenFrom(token.value))
        .then((ok) => {
          if (!ok) {
            message.textContent = "This token is not valid: it may have expired or been used already.";
            return;
          }
          if (session.viewer()) {
            closeAccount();
            return;
          }
          render(box, "login", "Email verified: log in.");
        })
        .catch((problem: unknown) => {
          message.textContent = problemText(problem);
        });
    });
  }
  replace(
    box,
    h("div", { class: "dialog-head" }, h("h2", { id: "account-title" }, { login: "Log in", register: "Create an account", verify: "Verify your email" }[mode]), close),
    tabs,
    why ? h("p", { class: "why" }, why) : null,
    form,
    message,
  );
  (form.querySelector("input") as HTMLInputElement | null)?.focus();
}
