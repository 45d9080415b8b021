import type { ReactNode, Ref } from 'react';

interface EditConflictProps {
  /** What happened, in the page's words. */
  message: ReactNode;
  keepLabel: string;
  discardLabel: string;
  busy?: boolean;
  /** Save this edit over the newer one (it is based on the newer one now). */
  onKeep: () => void;
  /** Drop this edit and show the newer one. */
  onDiscard: () => void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * Shown when a save was refused because someone (another tab, another device, a script) saved the same thing
 * after this edit began. Nothing was written; the edit is still on screen and the user chooses which one stays.
 */
export function EditConflict({
  message,
  keepLabel,
  discardLabel,
  busy,
  onKeep,
  onDiscard,
  ref,
}: EditConflictProps) {
  return (
    <div ref={ref} className="notice notice-warn edit-conflict" role="alert" tabIndex={-1}>
      <p className="form-error-title">This was changed somewhere else while you were editing</p>
      <p>{message}</p>
      <div className="notice-actions">
        <button type="button" className="btn btn-primary" onClick={onKeep} disabled={busy}>
          {keepLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDiscard} disabled={busy}>
          {discardLabel}
        </button>
      </div>
    </div>
  );
}
