import { api } from './client';
import type { Features } from './types';

export const NO_FEATURES: Features = {
  artifactUpload: false,
  cvGeneration: false,
  coverLetter: false,
  exportPdf: false,
  exportDocx: false,
};

export async function fetchFeatures(signal?: AbortSignal): Promise<Features> {
  const answer = await api.get<Partial<Features>>('/features', signal ? { signal } : {});
  const features = { ...NO_FEATURES };
  for (const key of Object.keys(NO_FEATURES) as (keyof Features)[]) {
    features[key] = answer?.[key] === true;
  }
  return features;
}
