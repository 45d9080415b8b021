import { createJobDescription } from '../../commands/create-job-description.js';
import { deleteJobDescription } from '../../commands/delete-job-description.js';
import { queryJobDescriptions } from '../../commands/query-job-descriptions.js';
import { JobDescription } from '../../db/entities/index.js';
import { notFound } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentJobDescription } from '../../presenters/present-job-description.js';
import {
  ZJobDescriptionCreate,
  ZJobDescriptionListQuery,
  ZJobDescriptionPage,
  ZJobDescriptionParams,
  ZJobDescriptionView,
} from './schema.js';

export const jobDescriptionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/job-descriptions',
    tag: 'job-descriptions',
    summary: 'Store and parse a job description from text or a URL (the same text again → 200, the same row)',
    auth: 'user',
    body: ZJobDescriptionCreate,
    response: { status: 201, schema: ZJobDescriptionView },
    async handler(rc) {
      const { jobDescription, created } = await createJobDescription({
        em: rc.em,
        services: rc.services,
        ownerId: rc.principal.userId,
        input: rc.input.body,
        requestId: rc.requestId,
      });
      return {
        status: created ? 201 : 200,
        body: presentJobDescription(jobDescription),
        headers: { Location: `/api/v1/job-descriptions/${jobDescription.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/job-descriptions',
    tag: 'job-descriptions',
    summary: 'List job descriptions, newest first, with cursor pagination',
    auth: 'user',
    query: ZJobDescriptionListQuery,
    response: { status: 200, schema: ZJobDescriptionPage },
    async handler({ em, principal, input }) {
      const { rows, nextCursor } = await queryJobDescriptions(em, {
        ...input.query,
        ownerId: principal.userId,
      });
      return { body: { items: rows.map(presentJobDescription), nextCursor } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/job-descriptions/:id',
    tag: 'job-descriptions',
    summary: 'Get one job description with its parsed form',
    auth: 'user',
    params: ZJobDescriptionParams,
    ownedBy: 'job-description',
    response: { status: 200, schema: ZJobDescriptionView },
    async handler({ em, principal, input }) {
      const row = await em.findOne(JobDescription, { id: input.params.id, owner: principal.userId });
      if (!row) throw notFound('Job description');
      return { body: presentJobDescription(row) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/job-descriptions/:id',
    tag: 'job-descriptions',
    summary: 'Delete a job description (and the generations made from it)',
    auth: 'user',
    params: ZJobDescriptionParams,
    ownedBy: 'job-description',
    response: { status: 204 },
    async handler(rc) {
      await deleteJobDescription({
        em: rc.em,
        ownerId: rc.principal.userId,
        id: rc.input.params.id,
        requestId: rc.requestId,
      });
      return { status: 204 };
    },
  }),
];
