import { api } from './client';
import type { Items, Label, LabelInput } from './types';

export async function listLabels(signal?: AbortSignal): Promise<Label[]> {
  const answer = await api.get<Items<Label>>('/labels', signal ? { signal } : {});
  return answer.items;
}

export function createLabel(input: LabelInput): Promise<Label> {
  return api.post<Label>('/labels', input);
}

export function updateLabel(id: string, input: Partial<LabelInput>): Promise<Label> {
  return api.patch<Label>(`/labels/${encodeURIComponent(id)}`, input);
}

export function deleteLabel(id: string): Promise<void> {
  return api.delete(`/labels/${encodeURIComponent(id)}`);
}

/** Attaches the label to `add` and detaches it from `remove`, in one request. */
export function changeLabelArtifacts(
  id: string,
  change: { add?: string[]; remove?: string[] },
): Promise<{ added: number; removed: number }> {
  return api.post<{ added: number; removed: number }>(`/labels/${encodeURIComponent(id)}/artifacts`, change);
}
