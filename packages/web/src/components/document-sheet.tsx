import type {
  DocumentContent,
  DocumentEvidence,
  DocumentItem,
  DocumentSection,
} from '../api/tailoring-types';
import { type ItemPatch, itemArtifactIds, itemEvidenceIds } from '../lib/document-content';
import { formatDateRange } from '../lib/format';
import { displayUrl, safeHref } from '../lib/url';
import { Link } from '../router';
import { EvidenceChip } from './evidence-chip';

interface DocumentSheetProps {
  content: DocumentContent;
  evidence: Record<string, DocumentEvidence>;
  artifactTitles: Record<string, string>;
  editing: boolean;
  onItemChange?: (sectionId: string, itemId: string, patch: ItemPatch) => void;
  /** Ids of items an ATS finding points at, to mark them. */
  flagged?: Set<string>;
}

const LETTER_SECTIONS = new Set(['greeting', 'body', 'closing']);
const BULLET_SECTIONS = new Set(['experience', 'projects', 'education', 'other']);

/** The rendered document as a sheet of paper, with each item's evidence beneath it; editable in place. */
export function DocumentSheet({
  content,
  evidence,
  artifactTitles,
  editing,
  onItemChange,
  flagged,
}: DocumentSheetProps) {
  const profile = content.profile;
  const letter = content.kind === 'cover-letter';
  const contact = [profile?.email, profile?.phone, profile?.location].filter(Boolean);
  return (
    <article
      className={`sheet${letter ? ' sheet-letter' : ''}${editing ? ' is-editing' : ''}`}
      aria-label="Document"
    >
      {profile && (
        <header className="sheet-profile">
          <h2 className="sheet-name">{profile.name}</h2>
          {profile.headline && <p className="sheet-headline">{profile.headline}</p>}
          {(contact.length > 0 || (profile.links ?? []).length > 0) && (
            <p className="sheet-contact">
              {contact.map((part) => (
                <span key={part}>{part}</span>
              ))}
              {(profile.links ?? []).map((link) => {
                const href = safeHref(link.url);
                return href ? (
                  <a key={link.url} href={href} target="_blank" rel="noopener noreferrer">
                    {link.label || displayUrl(link.url)}
                  </a>
                ) : (
                  <span key={link.url}>{link.label}</span>
                );
              })}
            </p>
          )}
        </header>
      )}
      {content.sections
        .filter((section) => editing || section.items.length > 0)
        .map((section) => (
          <SheetSection
            key={section.id}
            section={section}
            hideHeading={letter && LETTER_SECTIONS.has(section.kind)}
            evidence={evidence}
            artifactTitles={artifactTitles}
            editing={editing}
            onItemChange={onItemChange}
            flagged={flagged}
          />
        ))}
    </article>
  );
}

interface SectionProps extends Omit<DocumentSheetProps, 'content'> {
  section: DocumentSection;
  hideHeading: boolean;
}

function SheetSection({ section, hideHeading, ...rest }: SectionProps) {
  const sectionId = `section-${section.id}`;
  const headingId = `${sectionId}-heading`;
  return (
    <section className={`sheet-section sheet-${section.kind}`} aria-labelledby={headingId} id={sectionId}>
      <h3 id={headingId} className={hideHeading ? 'sr-only' : 'sheet-heading'}>
        {section.heading || section.kind}
      </h3>
      <div className={section.kind === 'skills' ? 'sheet-items sheet-items-skills' : 'sheet-items'}>
        {section.items.map((item) => (
          <SheetItem key={item.id} section={section} item={item} {...rest} />
        ))}
      </div>
    </section>
  );
}

interface ItemProps extends Omit<SectionProps, 'hideHeading'> {
  item: DocumentItem;
}

function SheetItem({ section, item, evidence, artifactTitles, editing, onItemChange, flagged }: ItemProps) {
  const change = (patch: ItemPatch) => onItemChange?.(section.id, item.id, patch);
  const name = item.title || section.heading || 'item';
  const dates = item.dates ? formatDateRange(item.dates.start, item.dates.end) : '';
  const bullets = item.bullets ?? [];
  const skills = item.skills ?? [];
  const links = (item.links ?? []).filter((link) => !link.evidenceId);
  const evidenceIds = itemEvidenceIds(item);
  const artifactIds = itemArtifactIds(item);
  const linkLabel = (id: string) => item.links?.find((link) => link.evidenceId === id)?.label;
  const isFlagged = flagged?.has(item.id) ?? false;
  const editText = editing && (item.text !== null || (bullets.length === 0 && skills.length === 0));
  const editBullets = editing && (bullets.length > 0 || BULLET_SECTIONS.has(section.kind));

  return (
    <div
      className={`sheet-item${isFlagged ? ' is-flagged' : ''}`}
      data-testid="document-item"
      id={`item-${item.id}`}
    >
      {(item.title || item.subtitle || dates) && (
        <div className="sheet-item-head">
          <div>
            {item.title && <h4 className="sheet-item-title">{item.title}</h4>}
            {item.subtitle && <p className="sheet-item-sub">{item.subtitle}</p>}
          </div>
          {dates && <p className="sheet-item-dates">{dates}</p>}
        </div>
      )}

      {editText ? (
        <label className="sheet-edit">
          <span className="sr-only">Text of {name}</span>
          <textarea
            className="input sheet-textarea"
            value={item.text ?? ''}
            rows={3}
            placeholder="A paragraph (optional)"
            onChange={(event) => change({ text: event.target.value })}
          />
        </label>
      ) : (
        item.text && <p className="sheet-text">{item.text}</p>
      )}

      {editBullets ? (
        <div className="sheet-bullets-edit">
          {bullets.length > 0 && (
            <ol className="sheet-bullet-list-edit">
              {bullets.map((bullet, index) => (
                // Bullets have no ids; while editing, their position is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <li key={index} className="sheet-bullet-edit">
                  <label className="sr-only" htmlFor={`bullet-${item.id}-${index}`}>
                    Bullet {index + 1} of {name}
                  </label>
                  <textarea
                    id={`bullet-${item.id}-${index}`}
                    className="input sheet-textarea"
                    value={bullet}
                    rows={1}
                    onChange={(event) =>
                      change({ bullets: bullets.map((b, i) => (i === index ? event.target.value : b)) })
                    }
                  />
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm btn-icon-sm"
                    aria-label={`Remove bullet ${index + 1} of ${name}`}
                    onClick={() => change({ bullets: bullets.filter((_, i) => i !== index) })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
          )}
          <button
            type="button"
            className="btn btn-ghost btn-sm sheet-add-bullet"
            onClick={() => change({ bullets: [...bullets, ''] })}
            aria-label={`Add bullet to ${name}`}
          >
            + Add bullet
          </button>
        </div>
      ) : (
        bullets.length > 0 && (
          <ul className="sheet-bullets">
            {bullets.map((bullet, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: bullets may repeat and have no ids
              <li key={index}>{bullet}</li>
            ))}
          </ul>
        )
      )}

      {skills.length > 0 && (
        <p className="sheet-skills">
          {section.kind !== 'skills' && <span className="sheet-skills-label">Stack: </span>}
          {skills.join(' · ')}
        </p>
      )}

      {links.length > 0 && (
        <p className="sheet-links">
          {links.map((link) => {
            const href = safeHref(link.url);
            return href ? (
              <a key={link.url} href={href} target="_blank" rel="noopener noreferrer">
                {link.label || displayUrl(link.url)}
              </a>
            ) : (
              <span key={link.url}>{link.label}</span>
            );
          })}
        </p>
      )}

      {(evidenceIds.length > 0 || artifactIds.length > 0) && (
        <div className="sheet-proof">
          {artifactIds.length > 0 && (
            <p className="sheet-sources">
              <span className="sheet-proof-label">From</span>{' '}
              {artifactIds.map((id, index) => (
                <span key={id}>
                  {index > 0 && ', '}
                  <Link to={`/artifacts/${encodeURIComponent(id)}`}>
                    {artifactTitles[id] ?? 'an artifact'}
                  </Link>
                </span>
              ))}
            </p>
          )}
          {evidenceIds.length > 0 && (
            <ul className="ev-chips" aria-label={`Evidence for ${name}`}>
              {evidenceIds.map((id) => (
                <EvidenceChip key={id} evidence={evidence[id]} label={linkLabel(id)} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
