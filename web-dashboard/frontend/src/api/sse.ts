import { clearToken, readToken } from '../auth/token';
import type { ProjectEvent } from './types';

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
  retry?: number;
}

/**
 * Incremental parser for the text/event-stream format (WHATWG HTML, "server-sent events"): feed it
 * decoded chunks as they arrive, in any split, and it returns the complete messages.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private retry: number | undefined;
  /** last id seen, kept across messages as the spec's "last event ID buffer" */
  lastEventId: string | undefined;

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      let end: number;
      let next: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // a lone CR at the end of the chunk may be the first half of CRLF: wait for more
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      const message = this.line(this.buffer.slice(start, end));
      if (message) messages.push(message);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return messages;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    if (this.id !== undefined) this.lastEventId = this.id;
    const hasData = this.data.length > 0;
    const message: SseMessage = {
      id: this.lastEventId,
      event: this.event || 'message',
      data: this.data.join('\n'),
      retry: this.retry,
    };
    this.data = [];
    this.event = '';
    this.id = undefined;
    this.retry = undefined;
    return hasData ? message : undefined;
  }
}

/**
 * Reads one SSE message as a project event. An envelope (a CloudEvent, or a timeline entry with
 * `type`, `time` and `data`) gives id, type, time and the payload; otherwise the SSE event name is
 * the type and the whole data is the payload.
 */
export function toProjectEvent(message: SseMessage, fallbackId: string): ProjectEvent {
  let data: unknown = message.data;
  try {
    data = JSON.parse(message.data);
  } catch {
    // plain-text data stays a string
  }
  const obj = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const envelope = typeof obj.type === 'string' && 'data' in obj;
  return {
    id: str(obj.id) ?? message.id ?? fallbackId,
    type: (envelope ? str(obj.type) : undefined) ?? (message.event !== 'message' ? message.event : str(obj.type)) ?? 'message',
    time: str(obj.time) ?? new Date().toISOString(),
    subject: str(obj.subject),
    source: str(obj.source) ?? str(obj.stream),
    data: envelope ? obj.data : data,
  };
}

export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface StreamOptions {
  onEvent: (event: ProjectEvent) => void;
  onState?: (state: StreamState) => void;
  /** delay before reconnecting, doubled on each failure up to 30 s */
  initialRetryMs?: number;
}

/**
 * Follows an SSE endpoint with fetch (EventSource cannot send the Authorization header),
 * reconnecting with Last-Event-ID after a drop. Returns a function that stops it.
 */
export function followEvents(url: string, options: StreamOptions): () => void {
  const controller = new AbortController();
  let retryMs = options.initialRetryMs ?? 1000;
  let lastEventId: string | undefined;
  let counter = 0;

  const run = async () => {
    while (!controller.signal.aborted) {
      options.onState?.('connecting');
      try {
        const token = readToken();
        const response = await fetch(url, {
          headers: {
            Accept: 'text/event-stream',
            ...(token ? { Authorization: `Bearer ${token.accessToken}` } : {}),
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
          },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (response.status === 401) {
          clearToken();
          break;
        }
        if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
        options.onState?.('open');
        retryMs = options.initialRetryMs ?? 1000;
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.feed(value)) {
            if (message.retry !== undefined) retryMs = message.retry;
            lastEventId = message.id ?? lastEventId;
            options.onEvent(toProjectEvent(message, `local-${++counter}`));
          }
        }
      } catch {
        if (controller.signal.aborted) break;
      }
      if (controller.signal.aborted) break;
      options.onState?.('retrying');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 30_000);
    }
    options.onState?.('closed');
  };
  void run();
  return () => controller.abort();
}
