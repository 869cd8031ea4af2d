import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveToken } from '../auth/token';
import { followEvents, SseParser, toProjectEvent, type StreamState } from './sse';
import type { ProjectEvent } from './types';

describe('SseParser', () => {
  it('returns messages only once their blank line arrives, whatever the chunking', () => {
    const text = 'id: 1\nevent: task.completed\ndata: {"a":1}\n\nid: 2\ndata: second\n\n';
    for (const size of [1, 3, 7, text.length]) {
      const parser = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.feed(text.slice(i, i + size)));
      expect(out).toEqual([
        { id: '1', event: 'task.completed', data: '{"a":1}', retry: undefined },
        { id: '2', event: 'message', data: 'second', retry: undefined },
      ]);
    }
  });

  it('joins multi-line data, ignores comments and handles CRLF and CR line ends', () => {
    const parser = new SseParser();
    expect(parser.feed(': keep-alive\r\n')).toEqual([]);
    expect(parser.feed('data: line one\r\ndata:line two\rdata\r')).toEqual([]);
    expect(parser.feed('\n\r\n')).toEqual([{ id: undefined, event: 'message', data: 'line one\nline two\n', retry: undefined }]);
  });

  it('keeps the last event id for later messages and reads retry', () => {
    const parser = new SseParser();
    const [first, second] = parser.feed('id: 41\nretry: 2500\ndata: x\n\ndata: y\n\n');
    expect(first).toMatchObject({ id: '41', retry: 2500 });
    expect(second).toMatchObject({ id: '41', data: 'y', retry: undefined });
    expect(parser.lastEventId).toBe('41');
  });

  it('dispatches nothing for a block without data', () => {
    expect(new SseParser().feed('event: ping\n\n')).toEqual([]);
  });
});

describe('toProjectEvent', () => {
  it('reads a CloudEvents envelope', () => {
    const envelope = { specversion: '1.0', id: 'e-1', type: 'task.completed', source: '/planning', time: '2026-01-02T03:04:05Z', subject: 't-9', data: { taskId: 't-9', status: 'COMPLETED' } };
    expect(toProjectEvent({ event: 'message', data: JSON.stringify(envelope) }, 'local-1')).toEqual({
      id: 'e-1', type: 'task.completed', time: '2026-01-02T03:04:05Z', subject: 't-9', source: '/planning', data: { taskId: 't-9', status: 'COMPLETED' },
    });
  });

  it('unwraps a timeline entry (id, type, stream, time, data)', () => {
    const entry = { id: 'e-2', type: 'task.assigned', stream: 'berrys.planning', time: '2026-01-02T03:04:06Z', data: { taskId: 't-1', agentId: 'a-1' } };
    expect(toProjectEvent({ id: 'e-2', event: 'task.assigned', data: JSON.stringify(entry) }, 'local-1')).toEqual({
      id: 'e-2', type: 'task.assigned', time: '2026-01-02T03:04:06Z', subject: undefined, source: 'berrys.planning', data: { taskId: 't-1', agentId: 'a-1' },
    });
  });

  it('falls back to the SSE event name and id for plain payloads', () => {
    const e = toProjectEvent({ id: '7', event: 'project.paused', data: 'by alice' }, 'local-1');
    expect(e).toMatchObject({ id: '7', type: 'project.paused', data: 'by alice' });
  });
});

function streamOf(chunks: string[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(encoder.encode(c)));
      controller.close();
    },
  });
}

describe('followEvents', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token, delivers events and reconnects with Last-Event-ID', async () => {
    saveToken('tok-123', 3600);
    const requests: Headers[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        requests.push(new Headers(init.headers));
        const body = requests.length === 1 ? ['id: a1\nevent: task.started\ndata: {"taskId":"t1"}\n\n', 'id: a2\nevent: task.comp', 'leted\ndata: {"taskId":"t1"}\n\n'] : [];
        return new Response(streamOf(body), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }),
    );
    const events: ProjectEvent[] = [];
    const states: StreamState[] = [];
    const stop = followEvents('/api/projects/p1/events', { onEvent: (e) => events.push(e), onState: (s) => states.push(s), initialRetryMs: 5 });

    await vi.waitFor(() => expect(requests.length).toBeGreaterThanOrEqual(2));
    stop();

    expect(events.map((e) => `${e.id} ${e.type}`)).toEqual(['a1 task.started', 'a2 task.completed']);
    expect(requests[0].get('Authorization')).toBe('Bearer tok-123');
    expect(requests[0].get('Accept')).toBe('text/event-stream');
    expect(requests[0].get('Last-Event-ID')).toBeNull();
    expect(requests[1].get('Last-Event-ID')).toBe('a2');
    expect(states.slice(0, 3)).toEqual(['connecting', 'open', 'retrying']);
  });

  it('drops the token and stops on 401', async () => {
    saveToken('expired', 3600);
    const fetchMock = vi.fn(async () => new Response(null, { status: 401 }));
    vi.stubGlobal('fetch', fetchMock);
    const states: StreamState[] = [];
    followEvents('/api/projects/p1/events', { onEvent: () => {}, onState: (s) => states.push(s), initialRetryMs: 5 });

    await vi.waitFor(() => expect(states).toContain('closed'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem('berrys.token')).toBeNull();
  });
});
