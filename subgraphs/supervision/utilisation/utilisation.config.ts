// The utilisation thresholds from the environment, read once (server.ts reads them at start, so a
// bad value stops the subgraph with one line saying what to fix).
import { ConfigError } from '../../kit/config';
import { DEFAULT_UTILISATION_THRESHOLDS, type UtilisationThresholds } from './utilisation.rules';

/** Each threshold's environment variable; the README's Configuration table lists them. */
export const UTILISATION_VARIABLES: Readonly<Record<keyof UtilisationThresholds, string>> = {
  idleCpuP95Percent: 'UTILISATION_IDLE_CPU_P95_PERCENT',
  idleNetworkP95Percent: 'UTILISATION_IDLE_NETWORK_P95_PERCENT',
  underUsedCpuAvgPercent: 'UTILISATION_UNDER_USED_CPU_AVG_PERCENT',
  underUsedMemoryAvgPercent: 'UTILISATION_UNDER_USED_MEMORY_AVG_PERCENT',
  minDaysWithData: 'UTILISATION_MIN_DAYS_WITH_DATA',
};

function readPercent(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || value > 100) {
    throw new ConfigError(`${name}=${raw} 须为大于 0、不超过 100 的百分比 (must be a percentage in (0, 100])`);
  }
  return value;
}

function readDays(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 366) throw new ConfigError(`${name}=${raw} 须为 1–366 的整数天数 (must be 1–366)`);
  return value;
}

/** The thresholds `env` sets, the defaults for those it leaves unset; ConfigError for a malformed one. */
export function readUtilisationThresholds(env: NodeJS.ProcessEnv = process.env): UtilisationThresholds {
  const defaults = DEFAULT_UTILISATION_THRESHOLDS;
  const v = UTILISATION_VARIABLES;
  return Object.freeze({
    idleCpuP95Percent: readPercent(env, v.idleCpuP95Percent, defaults.idleCpuP95Percent),
    idleNetworkP95Percent: readPercent(env, v.idleNetworkP95Percent, defaults.idleNetworkP95Percent),
    underUsedCpuAvgPercent: readPercent(env, v.underUsedCpuAvgPercent, defaults.underUsedCpuAvgPercent),
    underUsedMemoryAvgPercent: readPercent(env, v.underUsedMemoryAvgPercent, defaults.underUsedMemoryAvgPercent),
    minDaysWithData: readDays(env, v.minDaysWithData, defaults.minDaysWithData),
  });
}

let thresholds: UtilisationThresholds | undefined;

/** The process's thresholds, read from `process.env` the first time (at start) and kept. */
export function utilisationThresholds(): UtilisationThresholds {
  return (thresholds ??= readUtilisationThresholds(process.env));
}
