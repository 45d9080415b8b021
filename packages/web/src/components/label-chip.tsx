import type { LabelRef } from '../api/types';
import { labelColour, textColourOn } from '../lib/colour';

export function LabelChip({ label }: { label: Pick<LabelRef, 'name' | 'colour'> }) {
  const background = labelColour(label.colour);
  return (
    <span className="label-chip" style={{ background, color: textColourOn(background) }}>
      {label.name}
    </span>
  );
}

export function Swatch({
  colour,
  size = 'md',
}: {
  colour: string | null | undefined;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <span
      className={`swatch swatch-${size}`}
      style={{ background: labelColour(colour) }}
      aria-hidden="true"
    />
  );
}
