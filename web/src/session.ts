// Who is logged in: the access token from `login` (kept for this tab only, in sessionStorage) and the viewer it
// names. Pages subscribe to changes so the header and the actions re-render when one logs in or out.

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  claimedAuthorIds: string[];
}

const KEY = "peergraph:token";
type Listener = (viewer: Viewer | null, reason: string) => void;

class Session {
  private current: Viewer | null = null;
  private listeners = new Set<Listener>();
  notice = "";

  token(): string | null {
    return window.sessionStorage.getItem(KEY);
  }

  viewer(): Viewer | null {
    return this.current;
  }

  start(token: string, viewer: Viewer): void {
    window.sessionStorage.setItem(KEY, token);
    this.set(viewer, "login");
  }

  set(viewer: Viewer | null, reason: string): void {
    this.current = viewer;
    for (const listener of this.listeners) listener(viewer, reason);
  }

  /** Forget the token (logged out, or the API said it is no longer valid). */
  end(reason: "logout" | "expired"): void {
    window.sessionStorage.removeItem(KEY);
    this.notice = reason === "expired" ? "Your session has ended: log in again." : "";
    this.set(null, reason);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const session = new Session();
