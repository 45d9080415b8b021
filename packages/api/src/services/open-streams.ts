/**
 * The long-lived responses (server-sent event streams) a server has open. A server that is stopping ends them
 * first: `server.close()` waits for every response in progress, and a stream that waits on a generation would
 * hold the process until it is killed. An ended stream is no loss; its client reconnects (to another instance
 * in a rolling deploy) and picks up from the generation's current state.
 */
export interface OpenStreams {
  /** Registers a stream's `end`; returns the function that unregisters it (call it when the stream ends). */
  track(end: () => void): () => void;
  /** Ends every open stream now. */
  endAll(): void;
}

export function createOpenStreams(): OpenStreams {
  const open = new Set<() => void>();
  return {
    track(end) {
      open.add(end);
      return () => open.delete(end);
    },
    endAll() {
      for (const end of [...open]) {
        open.delete(end);
        end();
      }
    },
  };
}
