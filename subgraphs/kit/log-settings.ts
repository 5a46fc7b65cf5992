// LOG_LEVEL and LOG_FORMAT, read once by kit/log.ts. A value outside the lists stops the process
// with one line saying what to set.
import { ConfigError } from './config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: LogLevelName;
  /** JSON lines, or pino-pretty's readable lines (default on a terminal). */
  format: LogFormat;
}

export function readLogSettings(env: NodeJS.ProcessEnv = process.env, stdoutIsTty = Boolean(process.stdout.isTTY)): LogSettings {
  const level = oneOf(env.LOG_LEVEL, LOG_LEVELS, 'LOG_LEVEL') ?? 'info';
  const format = oneOf(env.LOG_FORMAT, LOG_FORMATS, 'LOG_FORMAT') ?? (stdoutIsTty ? 'pretty' : 'json');
  return { level, format };
}

function oneOf<T extends string>(raw: string | undefined, allowed: readonly T[], variable: string): T | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${variable}=${raw} 无效，应为 ${allowed.join(' / ')} 之一 (invalid ${variable})`);
}
