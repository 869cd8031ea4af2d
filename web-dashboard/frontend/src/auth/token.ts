// The access token lives in sessionStorage: it survives a reload of the tab but is not shared with
// other tabs and is gone when the tab closes.
const KEY = 'berrys.token';

export interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

export interface Claims {
  sub?: string;
  roles?: string[];
  tenant?: string;
  exp?: number;
}

type Listener = (token: StoredToken | null) => void;
const listeners = new Set<Listener>();

export function readToken(now = Date.now()): StoredToken | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const token = JSON.parse(raw) as StoredToken;
    if (!token.accessToken || token.expiresAt <= now) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return token;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveToken(accessToken: string, expiresInSeconds: number | undefined, now = Date.now()) {
  const token: StoredToken = { accessToken, expiresAt: now + (expiresInSeconds ?? 3600) * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(token));
  listeners.forEach((l) => l(token));
}

export function clearToken() {
  const had = sessionStorage.getItem(KEY) !== null;
  sessionStorage.removeItem(KEY);
  if (had) listeners.forEach((l) => l(null));
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the JWT payload for display only; the gateway is what verifies it. */
export function decodeClaims(jwt: string): Claims {
  const part = jwt.split('.')[1];
  if (!part) return {};
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    return JSON.parse(json) as Claims;
  } catch {
    return {};
  }
}
