import { describe, expect, it } from 'vitest';
import { readToken, saveToken } from '../auth/token';
import { jsonResponse, mockFetch } from '../test/render';
import { api, toPage, withQuery } from './client';
import { ApiError } from './problem';

describe('toPage', () => {
  it("reads Berrys' PageResponse, where `page` is the page number", () => {
    expect(toPage({ content: ['a'], page: 2, size: 20, totalElements: 41, totalPages: 3 })).toEqual({ content: ['a'], number: 2, size: 20, totalElements: 41, totalPages: 3 });
  });

  it('reads Spring PagedModel, flat pages and bare arrays', () => {
    expect(toPage({ content: [1, 2], page: { size: 2, number: 1, totalElements: 5, totalPages: 3 } })).toEqual({ content: [1, 2], size: 2, number: 1, totalElements: 5, totalPages: 3 });
    expect(toPage({ content: [1], totalElements: 41, totalPages: 3, number: 0, size: 20 })).toEqual({ content: [1], size: 20, number: 0, totalElements: 41, totalPages: 3 });
    expect(toPage([1, 2, 3])).toMatchObject({ content: [1, 2, 3], totalElements: 3, totalPages: 1 });
  });
});

describe('api', () => {
  it('sends the bearer token and JSON, and drops undefined query values', async () => {
    saveToken('abc', 60);
    const calls = mockFetch(() => jsonResponse({ id: 'p1' }, 201));
    await api(withQuery('/api/projects', { status: 'RUNNING', page: 0, q: undefined }), { method: 'POST', json: { name: 'x' } });
    expect(calls[0].url).toBe('/api/projects?status=RUNNING&page=0');
    expect(calls[0].headers.authorization).toBe('Bearer abc');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].body).toEqual({ name: 'x' });
  });

  it('forgets the token on 401 so the app returns to sign-in', async () => {
    saveToken('old', 60);
    mockFetch(() => jsonResponse({ title: 'Unauthorized', status: 401 }, 401, 'application/problem+json'));
    await expect(api('/api/projects')).rejects.toBeInstanceOf(ApiError);
    expect(readToken()).toBeNull();
  });

  it('keeps the token when the sign-in call itself is refused', async () => {
    mockFetch(() => jsonResponse({ detail: 'Bad credentials', status: 401 }, 401, 'application/problem+json'));
    saveToken('other-tab-token', 60);
    await expect(api('/api/auth/token', { method: 'POST', json: {} })).rejects.toThrow('Bad credentials');
    expect(readToken()?.accessToken).toBe('other-tab-token');
  });
});
