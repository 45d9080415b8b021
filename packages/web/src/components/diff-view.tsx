import { useEffect, useRef } from 'react';
import type { DocumentChange, DocumentContent, DocumentDiff } from '../api/tailoring-types';
import { plural } from '../lib/format';

interface DiffViewProps {
  diff: DocumentDiff;
  /** The newer content, to name sections by their headings. */
  content: DocumentContent | null;
  onClose: () => void;
}

type Loose = Record<string, unknown>;

function asItem(value: unknown): Loose | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function itemName(change: DocumentChange): string {
  const item = asItem(change.after) ?? asItem(change.before);
  const named = text(item?.title) ?? text(item?.subtitle);
  if (named) return named;
  if (!change.itemId) return 'Section';
  if (text(item?.text)) return 'Paragraph';
  return strings(item?.skills).length ? 'Skills' : 'Item';
}

/** Readable text of an added or removed item (or of a plain-string value). */
function Snapshot({ value }: { value: unknown }) {
  if (typeof value === 'string') return <p className="diff-text">{value}</p>;
  const item = asItem(value);
  if (!item) return null;
  const bullets = strings(item.bullets);
  return (
    <>
      {text(item.subtitle) && <p className="diff-sub">{text(item.subtitle)}</p>}
      {text(item.text) && <p className="diff-text">{text(item.text)}</p>}
      {bullets.length > 0 && (
        <ul className="diff-bullets">
          {bullets.map((bullet) => (
            <li key={bullet}>{bullet}</li>
          ))}
        </ul>
      )}
    </>
  );
}

const FIELDS: { key: string; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'subtitle', label: 'Subtitle' },
  { key: 'text', label: 'Text' },
];

/** Field by field: changed text as before/after, bullets as removed and added lines. */
function Changed({ before, after }: { before: unknown; after: unknown }) {
  const a = asItem(before);
  const b = asItem(after);
  if (!a || !b) {
    return (
      <div className="diff-fields">
        {before !== undefined && (
          <del className="diff-line diff-del">
            <Snapshot value={before} />
          </del>
        )}
        {after !== undefined && (
          <ins className="diff-line diff-ins">
            <Snapshot value={after} />
          </ins>
        )}
      </div>
    );
  }
  const rows = FIELDS.filter((field) => (a[field.key] ?? null) !== (b[field.key] ?? null));
  const oldBullets = strings(a.bullets);
  const newBullets = strings(b.bullets);
  const removed = oldBullets.filter((bullet) => !newBullets.includes(bullet));
  const added = newBullets.filter((bullet) => !oldBullets.includes(bullet));
  const oldSkills = strings(a.skills);
  const newSkills = strings(b.skills);
  const skillsChanged = oldSkills.join('\u0000') !== newSkills.join('\u0000');
  return (
    <div className="diff-fields">
      {rows.map((field) => (
        <div key={field.key} className="diff-field">
          <p className="diff-field-name">{field.label}</p>
          {text(a[field.key]) && (
            <del className="diff-line diff-del">
              <span className="sr-only">Before: </span>
              {text(a[field.key])}
            </del>
          )}
          {text(b[field.key]) && (
            <ins className="diff-line diff-ins">
              <span className="sr-only">After: </span>
              {text(b[field.key])}
            </ins>
          )}
        </div>
      ))}
      {(removed.length > 0 || added.length > 0) && (
        <div className="diff-field">
          <p className="diff-field-name">Bullets</p>
          {removed.map((bullet) => (
            <del key={`-${bullet}`} className="diff-line diff-del">
              <span className="sr-only">Removed: </span>
              {bullet}
            </del>
          ))}
          {added.map((bullet) => (
            <ins key={`+${bullet}`} className="diff-line diff-ins">
              <span className="sr-only">Added: </span>
              {bullet}
            </ins>
          ))}
          {removed.length === 0 && added.length === 0 && <p className="muted small">Reordered.</p>}
        </div>
      )}
      {skillsChanged && (
        <div className="diff-field">
          <p className="diff-field-name">Skills</p>
          <del className="diff-line diff-del">{oldSkills.join(' · ') || '—'}</del>
          <ins className="diff-line diff-ins">{newSkills.join(' · ') || '—'}</ins>
        </div>
      )}
      {rows.length === 0 && removed.length === 0 && added.length === 0 && !skillsChanged && (
        <p className="muted small">Order, dates, links or sources changed.</p>
      )}
    </div>
  );
}

const TYPE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** The changes between two versions, grouped by section. */
export function DiffView({ diff, content, onClose }: DiffViewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new comparison moves focus (and the view) to its heading, so the result is announced and seen.
  useEffect(() => {
    if (!diff) return;
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [diff]);
  const headings = new Map((content?.sections ?? []).map((section) => [section.id, section.heading]));
  const groups = new Map<string, DocumentChange[]>();
  for (const change of diff.changes ?? []) {
    const list = groups.get(change.sectionId) ?? [];
    list.push(change);
    groups.set(change.sectionId, list);
  }
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const change of diff.changes ?? []) counts[change.type] = (counts[change.type] ?? 0) + 1;

  return (
    <section className="card diff-card" aria-labelledby="diff-heading" data-testid="version-diff">
      <div className="diff-head">
        <div>
          <h2 id="diff-heading" ref={headingRef} className="section-title" tabIndex={-1}>
            Changes from v{diff.from} to v{diff.to}
          </h2>
          <p className="muted small">
            {(diff.changes ?? []).length === 0
              ? 'The two versions have the same content.'
              : [
                  counts.added ? `${counts.added} added` : '',
                  counts.removed ? `${counts.removed} removed` : '',
                  counts.changed ? `${counts.changed} changed` : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </p>
        </div>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Close changes
        </button>
      </div>
      {[...groups.entries()].map(([sectionId, changes]) => (
        <div key={sectionId} className="diff-section">
          <h3 className="diff-section-title">
            {headings.get(sectionId) ?? sectionId}{' '}
            <span className="muted small">({plural(changes.length, 'change')})</span>
          </h3>
          <ul className="diff-list">
            {changes.map((change, index) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: a section-level change has no item id
                key={`${change.itemId ?? 'section'}:${index}`}
                className={`diff-change diff-${change.type}`}
              >
                <p className="diff-change-head">
                  <span className={`diff-badge diff-badge-${change.type}`}>
                    {TYPE_LABELS[change.type] ?? change.type}
                  </span>
                  <strong>{itemName(change)}</strong>
                </p>
                {change.type === 'changed' ? (
                  <Changed before={change.before} after={change.after} />
                ) : (
                  <div className={change.type === 'added' ? 'diff-ins-block' : 'diff-del-block'}>
                    <Snapshot value={change.type === 'added' ? change.after : change.before} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
