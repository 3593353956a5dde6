/**
 * The named colours the app shows, and how catalogue colour words map onto them. Pure data + functions.
 * Myntra's 46 `baseColour` values (Navy Blue, Off White, Charcoal, …) are grouped here; the same table reads a colour
 * word out of a product name ("Puma Men Black Leaping Cat T-shirt" → black).
 */
export const COLOURS = [
  'black',
  'white',
  'grey',
  'navy',
  'blue',
  'red',
  'pink',
  'green',
  'brown',
  'beige',
  'yellow',
  'orange',
  'purple',
  'silver',
  'gold',
  'multicolour',
] as const;
export type ColourName = (typeof COLOURS)[number];

/** Catalogue colour word (lower case) → named colour. Longer phrases are matched first. */
const WORDS: Record<string, ColourName> = {
  black: 'black',
  white: 'white',
  'off white': 'white',
  cream: 'beige',
  grey: 'grey',
  gray: 'grey',
  'grey melange': 'grey',
  charcoal: 'grey',
  'navy blue': 'navy',
  navy: 'navy',
  blue: 'blue',
  'turquoise blue': 'blue',
  turquoise: 'blue',
  teal: 'green',
  red: 'red',
  maroon: 'red',
  burgundy: 'red',
  rust: 'orange',
  pink: 'pink',
  magenta: 'pink',
  rose: 'pink',
  peach: 'pink',
  green: 'green',
  olive: 'green',
  brown: 'brown',
  'coffee brown': 'brown',
  tan: 'brown',
  taupe: 'brown',
  copper: 'brown',
  beige: 'beige',
  khaki: 'beige',
  skin: 'beige',
  nude: 'beige',
  yellow: 'yellow',
  mustard: 'yellow',
  orange: 'orange',
  purple: 'purple',
  lavender: 'purple',
  mauve: 'purple',
  violet: 'purple',
  silver: 'silver',
  steel: 'silver',
  metallic: 'silver',
  gold: 'gold',
  golden: 'gold',
  bronze: 'gold',
  multi: 'multicolour',
  multicolour: 'multicolour',
  multicolor: 'multicolour',
  'multi colour': 'multicolour',
};
const PHRASES = Object.keys(WORDS).sort((a, b) => b.length - a.length);

/** A Myntra baseColour (or any single colour phrase) → named colour; null for unknown / "NA". */
export function colourOf(word: string | null | undefined): ColourName | null {
  if (!word) return null;
  return WORDS[word.trim().toLowerCase()] ?? null;
}

/** The first colour phrase in a product name, as a named colour (null when it names none). */
export function colourInText(text: string): ColourName | null {
  const t = ` ${text.toLowerCase().replace(/[^a-z]+/g, ' ')} `;
  let best: { at: number; c: ColourName } | null = null;
  for (const p of PHRASES) {
    const at = t.indexOf(` ${p} `);
    if (at >= 0 && (!best || at < best.at)) best = { at, c: WORDS[p] };
  }
  return best?.c ?? null;
}

/** The word a title uses for a named colour ("Multicoloured" rather than "Multicolour"). */
export function colourWord(c: ColourName): string {
  return c === 'multicolour' ? 'Multicoloured' : c[0].toUpperCase() + c.slice(1);
}
