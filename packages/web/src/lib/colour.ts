export const DEFAULT_LABEL_COLOUR = '#6366f1';

export const LABEL_PALETTE = [
  '#6366f1',
  '#0ea5e9',
  '#14b8a6',
  '#22c55e',
  '#eab308',
  '#f97316',
  '#ef4444',
  '#ec4899',
  '#a855f7',
  '#64748b',
];

export function isHexColour(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

export function labelColour(value: string | null | undefined): string {
  return isHexColour(value) ? value.toLowerCase() : DEFAULT_LABEL_COLOUR;
}

/** Black or white, whichever reads better on the given background (WCAG relative luminance). */
export function textColourOn(background: string): '#111827' | '#ffffff' {
  const hex = labelColour(background).slice(1);
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white vs with near-black: pick the larger.
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.055 ? '#ffffff' : '#111827') as
    | '#111827'
    | '#ffffff';
}
