import type { EntityManager } from '@mikro-orm/postgresql';
import type { Services } from '../services/create-services.js';
import { moveDocumentToTrash } from './trash-documents.js';

/**
 * Deletes a document by moving it to the trash with its versions and export logs; its share links end (they
 * are not restored with it). Not the owner's → 404.
 */
export async function deleteDocument({
  em,
  services,
  ownerId,
  id,
  requestId,
}: {
  em: EntityManager;
  services: Services;
  ownerId: string;
  id: string;
  requestId?: string;
}): Promise<void> {
  await moveDocumentToTrash({ em, services, ownerId, id, ...(requestId ? { requestId } : {}) });
}
