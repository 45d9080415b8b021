import { useCallback, useEffect, useRef, useState } from 'react';
import { getSession } from '../api/session-store';
import { clearDraftBackup, type DraftBackup, readDraftBackup, writeDraftBackup } from '../lib/draft-backup';

/**
 * Keeps a copy of an editor's unsaved `value` in this browser while `dirty` (see lib/draft-backup.ts), and hands
 * back a copy left by an earlier visit as `found` until the user restores or discards it. Typing over it without
 * choosing replaces it. `clear()` after a save or a discard.
 */
export function useDraftBackup<T>({
  name,
  value,
  dirty,
  base,
}: {
  /** What is edited, e.g. `artifact.<id>`, `artifact.new`, `document.<id>`. */
  name: string;
  value: T;
  dirty: boolean;
  base: number | null;
}) {
  const userId = getSession()?.user.id ?? null;
  const [found, setFound] = useState<DraftBackup<T> | null>(() =>
    userId ? readDraftBackup<T>(userId, name) : null,
  );
  const [foundFor, setFoundFor] = useState(name);
  if (foundFor !== name) {
    setFoundFor(name);
    setFound(userId ? readDraftBackup<T>(userId, name) : null);
  }
  const timer = useRef<number | undefined>(undefined);
  /** This visit has written a copy (so one left clean again is removed, but one found on arrival is not). */
  const wrote = useRef(false);

  useEffect(() => {
    if (!userId) return;
    if (!dirty) {
      if (wrote.current) clearDraftBackup(userId, name);
      wrote.current = false;
      return;
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      wrote.current = writeDraftBackup(userId, name, value, base);
      setFound(null);
    }, 400);
    return () => window.clearTimeout(timer.current);
  }, [userId, name, value, dirty, base]);

  const clear = useCallback(() => {
    window.clearTimeout(timer.current);
    wrote.current = false;
    if (userId) clearDraftBackup(userId, name);
    setFound(null);
  }, [userId, name]);

  /** Takes the found copy: the caller puts `value` back in the editor (and keeps `base` for the save). */
  const restore = useCallback((): DraftBackup<T> | null => {
    const backup = found;
    // The stored copy is this visit's now: saving or discarding the edit removes it.
    if (backup) wrote.current = true;
    setFound(null);
    return backup;
  }, [found]);

  return { found, restore, clear };
}
