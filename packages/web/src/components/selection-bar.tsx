import { useId, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { changeLabelArtifacts } from '../api/labels';
import { restoreArtifacts, trashArtifacts } from '../api/trash';
import type { Label } from '../api/types';
import { plural } from '../lib/format';
import { Link } from '../router';
import { useConfirm } from './confirm-provider';
import { TrashIcon } from './icons';
import { useToast } from './toast-provider';

interface SelectionBarProps {
  labels: Label[];
  /** The ids of the selected artifacts. */
  selected: string[];
  shown: number;
  onSelectAll: () => void;
  onSelectNone: () => void;
  /** After labels changed or artifacts moved to or from the trash: the list is read again. */
  onChanged: () => void;
  onDone: () => void;
}

/**
 * What can be done to the selected artifacts at once, one request each: add a label to all of them, remove it,
 * or move them to the trash (with Undo).
 */
export function SelectionBar({
  labels,
  selected,
  shown,
  onSelectAll,
  onSelectNone,
  onChanged,
  onDone,
}: SelectionBarProps) {
  const notify = useToast();
  const confirm = useConfirm();
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

  const trash = async () => {
    if (selected.length === 0) return;
    const ids = [...selected];
    const ok = await confirm({
      title: `Move ${plural(ids.length, 'artifact')} to the trash?`,
      message: <p>They can be restored from the trash, with their evidence links and labels.</p>,
      confirmLabel: 'Move to trash',
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      const moved = await trashArtifacts(ids);
      notify(`Moved ${plural(moved, 'artifact')} to the trash.`, 'success', {
        action: {
          label: 'Undo',
          run: () => {
            restoreArtifacts(ids)
              .then((restored) => {
                notify(`Restored ${plural(restored, 'artifact')}.`, 'success');
                onChanged();
              })
              .catch((error) => notify(errorMessage(error), 'error'));
          },
        },
      });
      onSelectNone();
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
      <button
        type="button"
        className="btn btn-secondary btn-danger-text"
        disabled={busy || selected.length === 0}
        onClick={() => void trash()}
      >
        <TrashIcon size={15} /> Move to trash
      </button>
      <button type="button" className="btn btn-ghost" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
