// The command-line scripts' options: node:util parseArgs, so options come in any order and
// `--name value` or `--name=value`; `--help` prints what the script does and exits 0; anything not
// understood prints one line saying what and the usage, and exits 2 (a failed run exits 1).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE_EXIT_CODE = 2;

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
type Options = CliOptions;

export interface CliSpec<O extends Options> {
  /** `npm run import:monitoring -- [--max-rejected N] <file>` */
  usage: string;
  /** What --help prints after the usage: what the script does, each option. */
  help: string;
  options: O;
  /** How many positional arguments the script takes (default none). */
  positionals?: { min: number; max: number };
}

export interface ParsedCli {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCli<O extends Options>(spec: CliSpec<O>, args: string[] = process.argv.slice(2)): ParsedCli {
  let parsed: ParsedCli;
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: (spec.positionals?.max ?? 0) > 0,
      strict: true,
    }) as ParsedCli;
  } catch (error) {
    return usageError(spec, `参数有误 (bad arguments): ${(error as Error).message}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`用法 (usage): ${spec.usage}\n\n${spec.help.trim()}\n`);
    process.exit(0);
  }
  const { min = 0, max = 0 } = spec.positionals ?? {};
  if (parsed.positionals.length < min) usageError(spec, '缺少参数 (missing argument)');
  if (parsed.positionals.length > max) usageError(spec, `多余的参数 (unexpected argument): ${parsed.positionals.slice(max).join(' ')}`);
  return parsed;
}

/** A whole-number option in [min, max], `fallback` when absent; anything else is a usage error. */
export function integerOption(
  spec: CliSpec<Options>,
  name: string,
  raw: string | undefined,
  range: { min: number; max: number; fallback: number },
): number {
  if (raw === undefined) return range.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
    usageError(spec, `--${name} ${raw} 须为 ${range.min}–${range.max} 的整数 (must be a whole number ${range.min}–${range.max})`);
  }
  return value;
}

export function usageError(spec: Pick<CliSpec<Options>, 'usage'>, message: string): never {
  console.error(`${message}\n用法 (usage): ${spec.usage}  (--help 查看说明 for help)`);
  process.exit(USAGE_EXIT_CODE);
}
