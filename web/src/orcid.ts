// "Sign in with ORCID" on the claim step: where the API has OpenID Connect configured (`orcidSignIn`), the browser
// goes to the issuer's authorization endpoint (the implicit flow ORCID documents: response_type=token, scope
// openid, a nonce) and comes back to /orcid-callback with an id_token in the fragment, which claims the author
// (`claimAuthor(orcidIdToken:)`: Verification L3 when the iD is the author's). The state and nonce are kept for this
// tab only and checked on the way back.
import { gql } from "./api";
import { h } from "./dom";
import { ORCID_SIGN_IN } from "./operations";

export interface OrcidSignIn {
  authorizeUrl: string;
  clientId: string;
  issuer: string;
}

const KEY = "peergraph:orcid";
export const CALLBACK = "/orcid-callback";
let config: Promise<OrcidSignIn | null> | null = null;

/** The API's ORCID sign-in settings (asked once per page load); null where it is not configured. */
export function orcidSignIn(): Promise<OrcidSignIn | null> {
  config ??= gql<{ orcidSignIn: OrcidSignIn | null }>(ORCID_SIGN_IN, {}, { anonymous: true })
    .then((data) => data.orcidSignIn)
    .catch(() => null);
  return config;
}

function random(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface Pending {
  authorId: string;
  state: string;
  nonce: string;
}

/** Off to the issuer, to come back to CALLBACK and claim `authorId`. */
export function startOrcidSignIn(signIn: OrcidSignIn, authorId: string): void {
  const pending: Pending = { authorId, state: random(), nonce: random() };
  window.sessionStorage.setItem(KEY, JSON.stringify(pending));
  const url = new URL(signIn.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: signIn.clientId,
    response_type: "token",
    scope: "openid",
    redirect_uri: window.location.origin + CALLBACK,
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.toString());
}

/** The sign-in this tab started, taken (it is used once). */
export function takePending(): Pending | null {
  const text = window.sessionStorage.getItem(KEY);
  window.sessionStorage.removeItem(KEY);
  try {
    return text ? (JSON.parse(text) as Pending) : null;
  } catch {
    return null;
  }
}

/** The id_token's `nonce` claim (its signature is the API's to check). */
export function nonceOf(idToken: string): string | null {
  try {
    const payload = idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "="))) as { nonce?: unknown };
    return typeof claims.nonce === "string" ? claims.nonce : null;
  } catch {
    return null;
  }
}

export function orcidButton(signIn: OrcidSignIn, authorId: string): HTMLElement {
  return h("button", { type: "button", class: "secondary orcid", onclick: () => startOrcidSignIn(signIn, authorId) }, "Sign in with ORCID");
}
