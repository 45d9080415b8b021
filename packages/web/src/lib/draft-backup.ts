// Unsaved edits are copied to this browser's localStorage as they are typed, so a crash, a closed tab or a
// session that ends mid-edit (the user is sent to log in) does not lose them: the editor offers them back the
// next time it opens. Keys name the user, so accounts sharing a browser never see each other's drafts; logging
// out on purpose removes that user's drafts.

const PREFIX = 'dossier.draft.';

export interface DraftBackup<T> {
  /** When the edit was last copied (ISO). */
  savedAt: string;
  /** What the edit was based on: the artifact's revision or the document's version, null for a new artifact. */
  base: number | null;
  value: T;
}

const keyFor = (userId: string, name: string) => `${PREFIX}${userId}.${name}`;

export function readDraftBackup<T>(userId: string, name: string): DraftBackup<T> | null {
  try {
    const raw = localStorage.getItem(keyFor(userId, name));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<DraftBackup<T>>;
    if (typeof parsed.savedAt !== 'string' || !('value' in parsed)) return null;
    return {
      savedAt: parsed.savedAt,
      base: typeof parsed.base === 'number' ? parsed.base : null,
      value: parsed.value as T,
    };
  } catch {
    return null;
  }
}

/** False when the browser refused (storage full or disabled); the edit is then only on screen. */
export function writeDraftBackup<T>(userId: string, name: string, value: T, base: number | null): boolean {
  try {
    const backup: DraftBackup<T> = { savedAt: new Date().toISOString(), base, value };
    localStorage.setItem(keyFor(userId, name), JSON.stringify(backup));
    return true;
  } catch {
    return false;
  }
}

export function clearDraftBackup(userId: string, name: string): void {
  try {
    localStorage.removeItem(keyFor(userId, name));
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/** Every draft of one user (on logging out, or deleting the account). */
export function clearUserDraftBackups(userId: string): void {
  try {
    const prefix = `${PREFIX}${userId}.`;
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
