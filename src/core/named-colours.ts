/** A swatch and a label for each named colour of src/core/colour-names.ts (the form's colour field). Pure data. */
import { COLOURS, type ColourName } from './colour-names.ts';

const SWATCH: Record<ColourName, string> = {
  black: '#111827',
  white: '#ffffff',
  grey: '#9ca3af',
  navy: '#1e3a8a',
  blue: '#3b82f6',
  red: '#dc2626',
  pink: '#f472b6',
  green: '#16a34a',
  brown: '#92400e',
  beige: '#e7d8b8',
  yellow: '#facc15',
  orange: '#f97316',
  purple: '#7c3aed',
  silver: '#c0c0c0',
  gold: '#d4a017',
  multicolour: 'conic-gradient(#dc2626, #facc15, #16a34a, #3b82f6, #7c3aed, #dc2626)',
};

export const NAMED_COLOURS = COLOURS.map((name) => ({ name, label: name[0].toUpperCase() + name.slice(1), swatch: SWATCH[name] }));

export function swatchOf(name: string): string | null {
  return SWATCH[name.toLowerCase() as ColourName] ?? null;
}
