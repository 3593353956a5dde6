/** Minimal argv parsing shared by the CLIs: --flag, --key value, positional files. */
export interface ParsedArgs {
  flags: Record<string, boolean>;
  options: Record<string, string>;
  files: string[];
}

const BOOLEAN_FLAGS = new Set(['json', 'help']);

export function parseArgs(argv: string[], defaults: Record<string, string> = {}): ParsedArgs {
  const out: ParsedArgs = { flags: {}, options: { ...defaults }, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (BOOLEAN_FLAGS.has(k)) out.flags[k] = true;
      else out.options[k] = inline ?? argv[++i] ?? '';
    } else out.files.push(a);
  }
  return out;
}
