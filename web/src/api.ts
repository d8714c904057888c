// The only way the pages reach the data: /graphql on the page's own origin. Every failure becomes an
// ApiProblem with the API's `extensions.code`, and `explain` turns it into words for the page.
import { PERSISTED } from "./operations";
import { session } from "./session";

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly retryAfter: number | null = null,
    readonly hadToken = false,
  ) {
    super(message);
  }
}

// The limits the API answers with (README "Limits", docs/trust.md "Rate limits"), said as a person would.
const LIMITS: Record<string, string> = {
  QUERY_TOO_COSTLY: "This view would ask the API for more than it answers in one request. Try a smaller slice.",
  OVERLOADED: "The API is busy right now and turned this request away.",
  DEADLINE_EXCEEDED: "The API took too long to answer and stopped this request. Try a smaller slice.",
  SERVICE_UNAVAILABLE: "The graph database cannot be reached right now.",
  RATE_LIMITED: "Too many attempts in a short time.",
  UNAUTHENTICATED: "Your session has ended: log in again.",
  NETWORK: "The API cannot be reached.",
};

/** The words a page shows for a problem: what happened, then what the API said. */
export function explain(problem: unknown): { title: string; detail: string; code: string } {
  if (!(problem instanceof ApiProblem)) {
    return { title: "Something went wrong on this page.", detail: String(problem), code: "CLIENT" };
  }
  // Without a token, UNAUTHENTICATED is the API's own answer (a failed login, "log in first").
  const known = problem.code === "UNAUTHENTICATED" && !problem.hadToken ? undefined : LIMITS[problem.code];
  let title = known ?? sentence(problem.message);
  if (problem.retryAfter !== null) title += ` Try again in ${problem.retryAfter} s.`;
  else if (problem.code === "OVERLOADED" || problem.code === "SERVICE_UNAVAILABLE") title += " Try again shortly.";
  const detail = known ? problem.message : "";
  return { title, detail, code: problem.code };
}

/** "invalid email or password" -> "Invalid email or password." */
function sentence(text: string): string {
  const s = text.trim();
  if (!s) return "The API refused this request.";
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".");
}

type Body<T> = { data?: T | null; errors?: GraphQLError[] };
type Answer<T> = { response: Response; body: Body<T> | null };

// Persisted queries (the API's automatic persisted queries, Apollo's protocol): the contract's reads go as a GET
// with their SHA-256 only; a server that has not seen the hash answers PERSISTED_QUERY_NOT_FOUND and the document
// follows by POST, which registers it. GET lets the browser and any shared cache keep an anonymous answer.
const hashes = new Map<string, Promise<string | null>>();
let persistedSupported = true;

/** The document's SHA-256 in hex; null where the page has no WebCrypto (a plain-http origin other than localhost). */
function sha256(text: string): Promise<string | null> {
  let hash = hashes.get(text);
  if (!hash) {
    const subtle = globalThis.crypto?.subtle;
    hash = subtle
      ? subtle.digest("SHA-256", new TextEncoder().encode(text)).then((digest) =>
          Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join(""),
        )
      : Promise.resolve(null);
    hashes.set(text, hash);
  }
  return hash;
}

function persistedExtension(hash: string): { persistedQuery: { version: number; sha256Hash: string } } {
  return { persistedQuery: { version: 1, sha256Hash: hash } };
}

function operationName(query: string): string | null {
  return /^\s*(?:query|mutation)\s+(\w+)/m.exec(query)?.[1] ?? null;
}

async function send<T>(url: string, init: RequestInit): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiProblem(String(error), "NETWORK", 0);
  }
  let body: Body<T> | null;
  try {
    body = (await response.json()) as Body<T>;
  } catch {
    body = null;
  }
  return { response, body };
}

/** The hash alone first (GET); on PERSISTED_QUERY_NOT_FOUND the document with it (POST). Null: send it plainly. */
async function askPersisted<T>(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Answer<T> | null> {
  const hash = persistedSupported ? await sha256(query) : null;
  if (!hash) return null;
  const extensions = persistedExtension(hash);
  const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify(extensions) });
  const name = operationName(query);
  if (name) params.set("operationName", name);
  const { "content-type": _, ...getHeaders } = headers;
  const first = await send<T>(`/graphql?${params}`, { method: "GET", headers: getHeaders });
  const code = first.body?.errors?.[0]?.extensions?.code;
  if (code === "PERSISTED_QUERY_NOT_SUPPORTED") {
    persistedSupported = false;
    return null;
  }
  if (code !== "PERSISTED_QUERY_NOT_FOUND") return first;
  const body = JSON.stringify({ query, variables, extensions });
  return send<T>("/graphql", { method: "POST", headers, body });
}

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const token = options.anonymous ? null : session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const persisted = PERSISTED.has(query) ? await askPersisted<T>(query, variables, headers) : null;
  const { response, body } =
    persisted ?? (await send<T>("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) }));
  const retry = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  const retryAfter = Number.isFinite(retry) ? retry : null;
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? `HTTP_${response.status}`;
    if (code === "UNAUTHENTICATED" && token) session.end("expired");
    throw new ApiProblem(first.message, code, response.status, retryAfter, Boolean(token));
  }
  if (!response.ok || !body || body.data === undefined || body.data === null) {
    throw new ApiProblem(`The API answered HTTP ${response.status}.`, `HTTP_${response.status}`, response.status, retryAfter);
  }
  return body.data;
}
