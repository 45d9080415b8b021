import { useEffect, useReducer, useRef } from 'react';
import { ApiError, isAbortError } from '../api/api-error';
import { generationEventsPath, getGeneration } from '../api/generations';
import { type SseEvent, streamEvents } from '../api/sse';
import {
  GENERATION_STATUSES,
  type Generation,
  type GenerationStage,
  type GenerationStatus,
} from '../api/tailoring-types';
import { generationError, isTerminal, normaliseStage } from '../lib/generation';

export interface ProgressMessage {
  id: number;
  stage: GenerationStage | null;
  text: string;
  at: number;
}

export interface GenerationState {
  status: GenerationStatus;
  stage: GenerationStage | null;
  percent: number;
  messages: ProgressMessage[];
  documentId: string | null;
  generation: Generation | null;
  error: string | null;
  connection: 'connecting' | 'live' | 'reconnecting' | 'closed';
}

type Action =
  | { type: 'snapshot'; generation: Generation }
  | { type: 'progress'; stage: string | null; percent: number | null; message: string | null }
  | { type: 'status'; status: GenerationStatus }
  | { type: 'done'; status: GenerationStatus; documentId: string | null }
  | { type: 'connection'; connection: GenerationState['connection'] }
  | { type: 'error'; error: string }
  | { type: 'reset'; status: GenerationStatus };

const MAX_MESSAGES = 50;
let messageId = 0;

function clampPercent(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.max(0, Math.min(100, Math.round(value)));
}

function readStatus(value: unknown): GenerationStatus | null {
  return typeof value === 'string' && (GENERATION_STATUSES as readonly string[]).includes(value)
    ? (value as GenerationStatus)
    : null;
}

function reducer(state: GenerationState, action: Action): GenerationState {
  switch (action.type) {
    case 'snapshot': {
      const g = action.generation;
      // A stale snapshot must not undo a terminal status the stream already reported.
      const status = isTerminal(state.status) && !isTerminal(g.status) ? state.status : g.status;
      return {
        ...state,
        generation: g,
        status,
        stage: normaliseStage(g.stage) ?? state.stage,
        percent: status === 'succeeded' ? 100 : Math.max(state.percent, clampPercent(g.progress) ?? 0),
        documentId: g.documentId ?? state.documentId,
        error: generationError(g.error) ?? state.error,
      };
    }
    case 'progress': {
      const stage = normaliseStage(action.stage) ?? state.stage;
      const last = state.messages.at(-1);
      const messages =
        action.message && action.message !== last?.text
          ? [...state.messages, { id: ++messageId, stage, text: action.message, at: Date.now() }].slice(
              -MAX_MESSAGES,
            )
          : state.messages;
      return {
        ...state,
        stage,
        percent: action.percent ?? state.percent,
        messages,
        status: state.status === 'queued' ? 'running' : state.status,
      };
    }
    case 'status':
      return { ...state, status: action.status, ...(action.status === 'succeeded' ? { percent: 100 } : {}) };
    case 'done':
      return {
        ...state,
        status: action.status,
        documentId: action.documentId ?? state.documentId,
        ...(action.status === 'succeeded' ? { percent: 100 } : {}),
      };
    case 'connection':
      return { ...state, connection: action.connection };
    case 'error':
      return { ...state, error: action.error };
    case 'reset':
      return { ...initialState(action.status), connection: 'connecting' };
  }
}

function initialState(status: GenerationStatus): GenerationState {
  return {
    status,
    stage: null,
    percent: 0,
    messages: [],
    documentId: null,
    generation: null,
    error: null,
    connection: 'connecting',
  };
}

function parseJson(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows one generation: a snapshot from `GET /generations/:id`, then its event stream. A dropped stream is
 * reopened with backoff (the server sends the current state first, so nothing is lost); once the status is
 * terminal the final record is fetched for the generator, fallback reason and error, and `onFinished` runs.
 * `restart` changes after a retry to follow the same generation again.
 */
export function useGenerationStream(
  id: string,
  options: { initialStatus?: GenerationStatus; restart?: number; onFinished?: (state: Generation) => void },
) {
  const [state, dispatch] = useReducer(reducer, options.initialStatus ?? 'queued', initialState);
  const onFinished = useRef(options.onFinished);
  useEffect(() => {
    onFinished.current = options.onFinished;
  });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let terminal = false;
    let lastEventId: string | undefined;
    if (options.restart) dispatch({ type: 'reset', status: 'queued' });

    const onEvent = (event: SseEvent) => {
      const data = parseJson(event.data);
      const status = readStatus(data.status);
      const kind =
        event.event !== 'message'
          ? event.event
          : 'documentId' in data
            ? 'done'
            : 'stage' in data
              ? 'progress'
              : 'status';
      if (kind === 'progress') {
        dispatch({
          type: 'progress',
          stage: typeof data.stage === 'string' ? data.stage : null,
          percent: clampPercent(data.percent ?? data.progress),
          message: typeof data.message === 'string' ? data.message : null,
        });
      } else if (kind === 'status' && status) {
        dispatch({ type: 'status', status });
        if (isTerminal(status)) terminal = true;
      } else if (kind === 'done') {
        const documentId = typeof data.documentId === 'string' ? data.documentId : null;
        dispatch({ type: 'done', status: status ?? 'succeeded', documentId });
        terminal = true;
      } else if (kind === 'error') {
        const message = typeof data.message === 'string' ? data.message : null;
        if (message) dispatch({ type: 'error', error: message });
      }
    };

    const snapshot = async () => {
      const generation = await getGeneration(id, signal);
      dispatch({ type: 'snapshot', generation });
      if (isTerminal(generation.status)) terminal = true;
      return generation;
    };

    (async () => {
      let failures = 0;
      try {
        await snapshot();
      } catch (error) {
        if (isAbortError(error) || signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) {
          dispatch({ type: 'error', error: 'This generation no longer exists.' });
          dispatch({ type: 'connection', connection: 'closed' });
          return;
        }
      }
      while (!terminal && !signal.aborted) {
        try {
          dispatch({ type: 'connection', connection: failures ? 'reconnecting' : 'connecting' });
          let opened = false;
          lastEventId = await streamEvents(generationEventsPath(id), {
            signal,
            lastEventId,
            onEvent: (event) => {
              if (!opened) {
                opened = true;
                failures = 0;
                dispatch({ type: 'connection', connection: 'live' });
              }
              onEvent(event);
            },
          });
        } catch (error) {
          if (isAbortError(error) || signal.aborted) return;
          if (error instanceof ApiError && [401, 403, 404].includes(error.status)) {
            dispatch({ type: 'error', error: error.message });
            break;
          }
        }
        if (terminal || signal.aborted) break;
        failures++;
        dispatch({ type: 'connection', connection: 'reconnecting' });
        await sleep(Math.min(1000 * 2 ** (failures - 1), 8000), signal);
        // The stream may have missed the end while it was down: ask for the record before reopening it.
        try {
          await snapshot();
        } catch (error) {
          if (isAbortError(error) || signal.aborted) return;
        }
      }
      if (signal.aborted) return;
      dispatch({ type: 'connection', connection: 'closed' });
      if (!terminal) return;
      try {
        const final = await snapshot();
        onFinished.current?.(final);
      } catch {
        // The stream already said how it ended; the details are a nicety.
      }
    })();

    return () => controller.abort();
  }, [id, options.restart]);

  return state;
}
