import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { changeLabelArtifacts } from '../api/labels';
import type { Label } from '../api/types';
import { plural } from '../lib/format';
import { Link } from '../router';
import { useToast } from './toast-provider';

interface BulkLabelBarProps {
  labels: Label[];
  /** The ids of the selected artifacts. */
  selected: string[];
  shown: number;
  onSelectAll: () => void;
  onSelectNone: () => void;
  /** After labels changed: the list is read again. */
  onChanged: () => void;
  onDone: () => void;
}

/** Adds a label to, or removes it from, every selected artifact with one request. */
export function BulkLabelBar({
  labels,
  selected,
  shown,
  onSelectAll,
  onSelectNone,
  onChanged,
  onDone,
}: BulkLabelBarProps) {
  const notify = useToast();
  const selectId = useId();
  const [labelId, setLabelId] = useState('');
  const [busy, setBusy] = useState(false);
  const label = labels.find((l) => l.id === labelId);

  const apply = async (mode: 'add' | 'remove') => {
    if (!label || selected.length === 0) return;
    setBusy(true);
    try {
      const result = await changeLabelArtifacts(label.id, { [mode]: selected });
      const changed = mode === 'add' ? result.added : result.removed;
      const untouched = selected.length - changed;
      notify(
        `${mode === 'add' ? 'Added' : 'Removed'} “${label.name}” ${mode === 'add' ? 'to' : 'from'} ${plural(changed, 'artifact')}${
          untouched > 0 ? ` (${untouched} ${mode === 'add' ? 'had it already' : 'did not have it'})` : ''
        }.`,
        'success',
      );
      onChanged();
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-bar" aria-label="Selected artifacts">
      <span className="bulk-count" aria-live="polite">
        {selected.length === 0 ? 'None selected' : `${selected.length} selected`}
      </span>
      {selected.length < shown ? (
        <button type="button" className="btn btn-ghost" onClick={onSelectAll}>
          Select all {shown}
        </button>
      ) : (
        <button type="button" className="btn btn-ghost" onClick={onSelectNone}>
          Select none
        </button>
      )}
      {labels.length === 0 ? (
        <span className="muted small">
          <Link to="/labels">Create a label</Link> to group them.
        </span>
      ) : (
        <>
          <label htmlFor={selectId} className="sr-only">
            Label to add or remove
          </label>
          <select
            id={selectId}
            className="input"
            value={labelId}
            onChange={(event) => setLabelId(event.target.value)}
          >
            <option value="">Choose a label…</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !label || selected.length === 0}
            onClick={() => void apply('add')}
          >
            Add label
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={busy || !label || selected.length === 0}
            onClick={() => void apply('remove')}
          >
            Remove label
          </button>
        </>
      )}
      <button type="button" className="btn btn-ghost" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
