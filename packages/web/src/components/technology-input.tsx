import { type ClipboardEvent, type KeyboardEvent, useState } from 'react';
import { Field } from './field';
import { SkillChip } from './skill-chip';

interface TechnologyInputProps {
  value: string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
}

function addAll(list: string[], raw: string[]): string[] {
  const next = [...list];
  const seen = new Set(list.map((item) => item.toLowerCase()));
  for (const part of raw) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    next.push(name);
  }
  return next;
}

/** Technologies as chips: type and press Enter or comma; each chip is checked against the skill taxonomy. */
export function TechnologyInput({ value, onChange, error }: TechnologyInputProps) {
  const [text, setText] = useState('');

  const commit = (raw: string) => {
    const parts = raw.split(',');
    const next = addAll(value, parts);
    if (next.length !== value.length) onChange(next);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      if (text.trim()) commit(text);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (pasted.includes(',') || pasted.includes('\n')) {
      event.preventDefault();
      commit(`${text},${pasted.replace(/\n/g, ',')}`);
    }
  };

  const replace = (index: number, canonical: string) => {
    const exists = value.some((item, i) => i !== index && item.toLowerCase() === canonical.toLowerCase());
    onChange(
      exists ? value.filter((_, i) => i !== index) : value.map((item, i) => (i === index ? canonical : item)),
    );
  };

  return (
    <Field
      label="Technologies"
      hint="Press Enter or comma after each one. Recognised skills get a tick; we suggest canonical names."
      error={error}
    >
      {(control) => (
        <div className="chip-input">
          {value.length > 0 && (
            <ul className="chip-list">
              {value.map((name, index) => (
                <SkillChip
                  key={name}
                  name={name}
                  onRemove={() => onChange(value.filter((_, i) => i !== index))}
                  onAccept={(canonical) => replace(index, canonical)}
                />
              ))}
            </ul>
          )}
          <input
            {...control}
            className="input chip-input-field"
            type="text"
            value={text}
            autoComplete="off"
            placeholder={value.length ? 'Add another…' : 'e.g. TypeScript, k8s, PostgreSQL'}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              if (text.trim()) commit(text);
            }}
          />
        </div>
      )}
    </Field>
  );
}
