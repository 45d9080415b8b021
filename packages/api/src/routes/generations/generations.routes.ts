import { cancelGeneration } from '../../commands/cancel-generation.js';
import { findGeneration, listGenerations } from '../../commands/query-generations.js';
import { type GenerationKind, requestGeneration } from '../../commands/request-generation.js';
import { retryGeneration } from '../../commands/retry-generation.js';
import { notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute, type RouteContext } from '../../http/define-route.js';
import { presentGeneration } from '../../presenters/present-generation.js';
import { EVENT_STREAM_HEADERS, openGenerationEventStream } from './open-event-stream.js';
import {
  type TGenerateRequest,
  ZGenerateRequest,
  ZGenerationAccepted,
  ZGenerationListQuery,
  ZGenerationPage,
  ZGenerationParams,
  ZGenerationView,
} from './schema.js';

const location = (id: string) => `/api/v1/generations/${id}`;

async function handleGenerate(kind: GenerationKind, rc: RouteContext<TGenerateRequest>) {
  const result = await requestGeneration({
    em: rc.em,
    services: rc.services,
    ownerId: rc.principal.userId,
    kind,
    input: rc.input.body,
    requestId: rc.requestId,
  });
  if (result.reused && result.status === 'succeeded') {
    return {
      status: 200,
      body: { id: result.id, status: 'succeeded', documentId: result.documentId, reused: true },
      headers: { Location: location(result.id) },
    };
  }
  if (result.reused) {
    // The same request is still queued or running: that generation, not another one.
    return {
      status: 202,
      body: { id: result.id, status: result.status, reused: true },
      headers: { Location: location(result.id) },
    };
  }
  const { generation } = result;
  return {
    status: 202,
    body: { id: generation.id, status: generation.status },
    headers: { Location: location(generation.id) },
  };
}

async function loadOwned(rc: RouteContext<unknown, unknown, { id: string }>) {
  const row = await findGeneration(rc.em, { id: rc.input.params.id, ownerId: rc.principal.userId });
  if (!row) throw notFound('Generation');
  return row;
}

const generateResponse = {
  status: 202,
  schema: ZGenerationAccepted,
  description:
    'Queued (202, with Location); the same request within an hour: 200 with `reused: true` and its document, or 202 with `reused: true` while it is still under way',
};

export const generationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/generate/cv',
    tag: 'generations',
    summary: 'Request a CV tailored to a job description',
    auth: 'user',
    feature: 'cvGeneration',
    body: ZGenerateRequest,
    response: generateResponse,
    handler: (rc) => handleGenerate('cv', rc),
  }),
  defineRoute({
    method: 'post',
    path: '/generate/cover-letter',
    tag: 'generations',
    summary: 'Request a cover letter tailored to a job description',
    auth: 'user',
    feature: 'coverLetter',
    body: ZGenerateRequest,
    response: generateResponse,
    handler: (rc) => handleGenerate('cover-letter', rc),
  }),
  defineRoute({
    method: 'get',
    path: '/generations',
    tag: 'generations',
    summary: 'List generations, newest first',
    auth: 'user',
    query: ZGenerationListQuery,
    response: { status: 200, schema: ZGenerationPage },
    async handler({ em, principal, input }) {
      const { rows, nextCursor } = await listGenerations(em, { ...input.query, ownerId: principal.userId });
      return { body: { items: rows.map(presentGeneration), nextCursor } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/generations/:id',
    tag: 'generations',
    summary: 'Get one generation: status, stage, progress, timings, generator, document',
    auth: 'user',
    params: ZGenerationParams,
    ownedBy: 'generation',
    response: { status: 200, schema: ZGenerationView },
    async handler(rc) {
      return { body: presentGeneration(await loadOwned(rc)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/generations/:id/events',
    tag: 'generations',
    summary: 'Server-sent events: progress, status, and done; the current state first',
    auth: 'user',
    params: ZGenerationParams,
    ownedBy: 'generation',
    response: { status: 200, description: 'text/event-stream' },
    async handler(rc) {
      const row = await loadOwned(rc);
      const stream = await openGenerationEventStream({
        ctx: rc.ctx,
        em: rc.em,
        services: rc.services,
        principal: rc.principal,
        row,
      });
      return { status: 200, body: stream, headers: EVENT_STREAM_HEADERS };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/generations/:id/cancel',
    tag: 'generations',
    summary: 'Cancel a queued or running generation',
    auth: 'user',
    params: ZGenerationParams,
    ownedBy: 'generation',
    response: { status: 202, schema: ZGenerationAccepted },
    async handler(rc) {
      const id = rc.input.params.id;
      const { status } = await cancelGeneration({
        em: rc.em,
        services: rc.services,
        ownerId: rc.principal.userId,
        id,
        requestId: rc.requestId,
      });
      return { status: 202, body: { id, status }, headers: { Location: location(id) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/generations/:id/retry',
    tag: 'generations',
    summary: 'Run a failed or cancelled generation again',
    auth: 'user',
    params: ZGenerationParams,
    ownedBy: 'generation',
    response: { status: 202, schema: ZGenerationAccepted },
    async handler(rc) {
      const id = rc.input.params.id;
      const { status } = await retryGeneration({
        em: rc.em,
        services: rc.services,
        ownerId: rc.principal.userId,
        id,
        requestId: rc.requestId,
      });
      return { status: 202, body: { id, status }, headers: { Location: location(id) } };
    },
  }),
];
