import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';

interface DraftFoundProps {
  /** When the unsaved edit was last kept (ISO). */
  savedAt: string;
  children?: ReactNode;
  onRestore: () => void;
  onDiscard: () => void;
}

/** Offers back an unsaved edit this browser kept from an earlier visit (see lib/draft-backup.ts). */
export function DraftFound({ savedAt, children, onRestore, onDiscard }: DraftFoundProps) {
  return (
    <div className="notice draft-found" role="status">
      <p className="form-error-title">You have unsaved changes from {formatDateTime(savedAt)}</p>
      <p>
        This browser kept them when the page was left before they were saved.
        {children ? <> {children}</> : null}
      </p>
      <div className="notice-actions">
        <button type="button" className="btn btn-primary" onClick={onRestore}>
          Restore my changes
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}
