import { clearToken, readToken } from '../auth/token';
import { ApiError, toProblem } from './problem';
import type { Page } from './types';

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export function authHeaders(): Record<string, string> {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token.accessToken}` } : {};
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Same-origin JSON call with the tab's bearer token. A 401 drops the token, which sends the app
 * back to the sign-in page; any other failure throws an ApiError carrying the ProblemDetail.
 */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...authHeaders(),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const body = await readBody(response);
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) clearToken();
    throw new ApiError(toProblem(response.status, body, response.statusText));
  }
  return body as T;
}

export const post = <T>(path: string, json?: unknown) => api<T>(path, { method: 'POST', json: json ?? {} });

/**
 * Reads a list whatever its paging envelope: Berrys' PageResponse (`content`, `page`, `size`,
 * `totalElements`, `totalPages`), Spring's `PagedModel` (`content` + `page{...}`), a Spring `Page`
 * (`number` for the page) or a bare array.
 */
export function toPage<T>(body: unknown): Page<T> {
  if (Array.isArray(body)) {
    return { content: body as T[], totalElements: body.length, totalPages: 1, number: 0, size: body.length };
  }
  const b = (body ?? {}) as Record<string, unknown>;
  const content = (Array.isArray(b.content) ? b.content : Array.isArray(b.items) ? b.items : []) as T[];
  // `page` is either Spring's metadata object or, in Berrys' PageResponse, the page number itself
  const meta = (typeof b.page === 'object' && b.page !== null ? b.page : b) as Record<string, unknown>;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  const size = num(meta.size, content.length);
  const totalElements = num(meta.totalElements, content.length);
  return {
    content,
    totalElements,
    totalPages: num(meta.totalPages, size > 0 ? Math.max(1, Math.ceil(totalElements / size)) : 1),
    number: num(meta.number, num(b.page, 0)),
    size,
  };
}

export async function getPage<T>(path: string, query?: Query): Promise<Page<T>> {
  return toPage<T>(await api<unknown>(withQuery(path, query)));
}
