import { api } from './client';
import type { JobDescription, JobDescriptionInput } from './tailoring-types';
import type { Page } from './types';

export function listJobDescriptions(
  query: { cursor?: string } = {},
  signal?: AbortSignal,
): Promise<Page<JobDescription>> {
  return api.get<Page<JobDescription>>('/job-descriptions', { query, ...(signal ? { signal } : {}) });
}

export function getJobDescription(id: string, signal?: AbortSignal): Promise<JobDescription> {
  return api.get<JobDescription>(`/job-descriptions/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function createJobDescription(input: JobDescriptionInput): Promise<JobDescription> {
  return api.post<JobDescription>('/job-descriptions', input);
}

export function deleteJobDescription(id: string): Promise<void> {
  return api.delete(`/job-descriptions/${encodeURIComponent(id)}`);
}
