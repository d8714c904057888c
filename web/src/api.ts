// The only way the pages reach the data: POST /graphql on the page's own origin. Every failure becomes an
// ApiProblem with the API's `extensions.code`, and `explain` turns it into words for the page.
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

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const token = options.anonymous ? null : session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new ApiProblem(String(error), "NETWORK", 0);
  }
  const retry = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  const retryAfter = Number.isFinite(retry) ? retry : null;
  type Body = { data?: T | null; errors?: GraphQLError[] };
  let body: Body | null;
  try {
    body = (await response.json()) as Body;
  } catch {
    body = null;
  }
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
