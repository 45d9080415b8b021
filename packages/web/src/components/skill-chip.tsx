import { useEffect, useState } from 'react';
import { normalizeSkill } from '../api/skills';
import type { SkillMatch, SkillNormalization } from '../api/types';
import { CheckIcon } from './icons';

function suggestionName(suggestion: SkillMatch | string | undefined): string | undefined {
  if (!suggestion) return undefined;
  return typeof suggestion === 'string' ? suggestion : suggestion.name;
}

/** What the taxonomy says about a typed name: recognised as-is, or a better canonical name to offer. */
export function readNormalization(name: string, result: SkillNormalization | null) {
  if (!result) return { recognised: false, suggestion: undefined, category: undefined };
  const { match } = result;
  if (match) {
    // A case-only difference ("python" → "Python") is still worth offering: CVs read better canonical.
    const same = match.name === name.trim();
    return { recognised: same, suggestion: same ? undefined : match.name, category: match.category };
  }
  const first = suggestionName(result.suggestions?.[0]);
  return { recognised: false, suggestion: first && first !== name ? first : undefined, category: undefined };
}

interface SkillChipProps {
  name: string;
  onRemove: () => void;
  onAccept: (canonical: string) => void;
}

export function SkillChip({ name, onRemove, onAccept }: SkillChipProps) {
  const [result, setResult] = useState<SkillNormalization | null>(null);

  useEffect(() => {
    let active = true;
    setResult(null);
    normalizeSkill(name)
      .then((answer) => {
        if (active) setResult(answer);
      })
      .catch(() => {
        // The chip stays a plain chip; suggestions are a convenience, never a blocker.
      });
    return () => {
      active = false;
    };
  }, [name]);

  const { recognised, suggestion, category } = readNormalization(name, result);

  return (
    <li className="skill-item">
      <span
        className={`chip chip-tech chip-removable${recognised ? ' chip-recognised' : ''}`}
        title={recognised ? `Recognised skill${category ? ` (${category})` : ''}` : undefined}
      >
        {recognised && <CheckIcon size={12} />}
        <span>{name}</span>
        {recognised && <span className="sr-only"> (recognised skill)</span>}
        <button type="button" className="chip-remove" onClick={onRemove} aria-label={`Remove ${name}`}>
          ×
        </button>
      </span>
      {suggestion && (
        <button type="button" className="chip chip-suggestion" onClick={() => onAccept(suggestion)}>
          <span>
            <span className="sr-only">{name}: </span>
            Did you mean <strong>{suggestion}</strong>?
          </span>
        </button>
      )}
    </li>
  );
}
