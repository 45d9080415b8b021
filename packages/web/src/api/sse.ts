import { apiFetch } from './client';

// EventSource cannot send an Authorization header, so server-sent events are read with fetch and parsed here,
// following the WHATWG "event stream interpretation" rules: lines end in CRLF, LF or CR; a blank line
// dispatches; `data:` lines join with "\n"; a leading colon is a comment; one space after the colon is dropped.

export interface SseEvent {
  /** The `event:` field, or `message` when the frame had none. */
  event: string;
  data: string;
  /** The last `id:` seen on the stream, if any. */
  id: string | undefined;
}

/** An incremental parser: feed it decoded text as it arrives and collect the complete events. */
export class SseParser {
  private buffer = '';
  private skipLeadingLf = false;
  private started = false;
  private eventType = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;
  /** The server's `retry:` hint in milliseconds, if it sent one. */
  retry: number | undefined;

  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLeadingLf = false;
    this.buffer += text;

    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (ch === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const type = this.eventType;
    const lines = this.dataLines;
    this.eventType = '';
    this.dataLines = [];
    if (lines.length === 0) return null;
    return { event: type || 'message', data: lines.join('\n'), id: this.lastId };
  }
}

export interface StreamOptions {
  signal: AbortSignal;
  onEvent: (event: SseEvent) => void;
  /** Sent as `Last-Event-ID` when resuming after a dropped connection. */
  lastEventId?: string | undefined;
}

/**
 * Opens an authenticated event stream (the bearer token, refreshed on a 401 like every other call) and calls
 * `onEvent` for each event until the server closes the stream. Resolves with the last event id; rejects with
 * an ApiError for an error answer, or an AbortError when `signal` fires.
 */
export async function streamEvents(path: string, options: StreamOptions): Promise<string | undefined> {
  const response = await apiFetch(path, {
    signal: options.signal,
    headers: {
      Accept: 'text/event-stream',
      'Cache-Control': 'no-cache',
      ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}),
    },
  });
  const parser = new SseParser();
  let lastId = options.lastEventId;
  const emit = (events: SseEvent[]) => {
    for (const event of events) {
      lastId = event.id ?? lastId;
      options.onEvent(event);
    }
  };

  if (!response.body) {
    // No streaming body (very old browsers): the whole answer arrives at once.
    emit(parser.push(await response.text()));
    emit(parser.push('\n\n'));
    return lastId;
  }

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value) emit(parser.push(value));
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
  if (options.signal.aborted) throw new DOMException('The stream was closed.', 'AbortError');
  return lastId;
}
