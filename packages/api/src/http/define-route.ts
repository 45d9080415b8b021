import type Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'koa';
import { z } from 'zod';
import type { FeatureName } from '../config/load-config.js';
import type { Services } from '../services/create-services.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthLevel = 'public' | 'user' | 'admin';

export interface Principal {
  userId: string;
  role: 'user' | 'admin';
  via: 'jwt' | 'api-key';
  /** The session a bearer token belongs to (its refresh-token family); none for API keys and older tokens. */
  sessionId?: string;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

export interface RouteContext<B = unknown, Q = unknown, P = unknown> {
  ctx: Context;
  input: RouteInput<B, Q, P>;
  /** Present on routes whose auth is not 'public'. */
  principal: Principal;
  em: EntityManager;
  services: Services;
  requestId: string;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A route is data first (method, path, concerns, schemas) and a handler second. Keeping it as data lets one
 * place build the Koa route, the OpenAPI document and the authorization test matrix from the same list.
 */
export interface RouteDefinition<B = unknown, Q = unknown, P = unknown> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  auth: AuthLevel;
  /** Counted against the per-user request budget. Defaults to true for authenticated routes. */
  rateLimited?: boolean;
  feature?: FeatureName;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Response schema for the OpenAPI document. */
  response?: { status: number; schema?: z.ZodType; description?: string };
  /**
   * How the authorization matrix reaches this route as another user: a function building the path (and body)
   * from a fixture owned by the first user. Routes that are not per-resource leave it out.
   */
  ownedBy?:
    | 'artifact'
    | 'evidence'
    | 'evidence-link'
    | 'label'
    | 'api-key'
    | 'session'
    | 'trash'
    | 'trash-document'
    | 'trash-label'
    | 'label-artifact'
    | 'import'
    | 'document'
    | 'share'
    | 'generation'
    | 'job-description'
    | 'notification';
  /**
   * The route also accepts `multipart/form-data`: the body is then left unread (and `body` is not validated)
   * for the handler to read with `readMultipart`. Every other route answers such a body with 415.
   */
  multipart?: boolean;
  handler: (rc: RouteContext<B, Q, P>) => Promise<RouteResult>;
}

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous route lists
export type AnyRoute = RouteDefinition<any, any, any>;

export function defineRoute<B = undefined, Q = undefined, P = undefined>(
  def: RouteDefinition<B, Q, P>,
): RouteDefinition<B, Q, P> {
  return def;
}

export type MountRoute = (router: Router, route: AnyRoute) => void;

/** UUID path parameter schema shared by resource routes; a malformed id is simply "not found". */
export const ZUuid = z.string().uuid();
