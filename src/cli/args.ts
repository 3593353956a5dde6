/**
 * The one argument parser of every command-line entry point (src/cli, models/, tests/bench): Node's
 * `util.parseArgs` in strict mode. An unknown flag, a missing value or a stray file name is an error: the
 * program prints it with its usage line on stderr and exits 2. `--help` / `-h` prints the usage on stdout, exit 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** One line, e.g. "usage: npm run scan -- [--json] <image files...>". */
  usage: string;
  options: O;
  /** Whether positional arguments (files) are taken; without it any positional is an error. */
  positionals?: boolean;
  /** Defaults to process.argv.slice(2). */
  argv?: string[];
}

export const EXIT_USAGE = 2;

/** Prints `message` and the usage line on stderr and exits with status 2. */
export function usageError(usage: string, message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(EXIT_USAGE);
}

export function parseCli<const O extends Options>(spec: CliSpec<O>) {
  const config = {
    args: spec.argv ?? process.argv.slice(2),
    options: { ...spec.options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
    strict: true,
    allowPositionals: spec.positionals ?? false,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    usageError(spec.usage, (e as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${spec.usage}\n`);
    process.exit(0);
  }
  return parsed;
}

/** `value` if it is one of `allowed`, else a usage error naming the flag and the choices. */
export function oneOf<const T extends string>(usage: string, flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  usageError(usage, `Unknown ${flag} "${value}": use ${allowed.join(', ')}.`);
}

/** A finite number, or a usage error naming the flag. */
export function numberArg(usage: string, flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) usageError(usage, `${flag} needs a number, got "${value}".`);
  return n;
}
