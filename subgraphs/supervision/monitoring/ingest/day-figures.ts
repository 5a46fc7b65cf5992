// The daily roll-up of system samples computed while a file streams in (issue 14): for a day the
// file brings the first samples of, its rows are all the day has, so the figures need not be read
// back from the raw table. They must be exactly what rollUpSystemDaysSql (rollup-sql.ts) computes:
// values are kept as PostgreSQL stores them (numeric, 2 decimals, rounded half away from zero), the
// average is exact integer arithmetic, and the 95th percentile follows percentile_cont over float8
// and its conversion back to numeric (15 significant digits) before rounding.
import { parseInstant } from '../../../kit/instants';

/** Samples held before the figures are given up on (the roll-up then reads the table): about 40 bytes each. */
export const DAY_FIGURES_MAX_ROWS = 2_000_000;

/** The columns of `monitoring_daily` a system's day fills, in rollUpSystemDaysSql's order. */
export const SYSTEM_DAY_COLUMNS = [
  'cpu_avg_percent',
  'cpu_p95_percent',
  'cpu_peak_percent',
  'memory_avg_percent',
  'memory_p95_percent',
  'memory_peak_percent',
  'network_avg_percent',
  'network_p95_percent',
  'network_peak_percent',
  'bandwidth_p95_mbps',
  'bandwidth_peak_mbps',
  'sample_count',
  'storage_used_gb',
  'unit_id',
  'provider_id',
  'region_code',
] as const;

interface Day {
  systemId: string;
  day: string;
  cpu: number[];
  memory: number[];
  network: number[];
  bandwidth: number[];
  lastMs: number;
  storage: number;
  copied: string;
}

/** One system sample as the import reads it: values in SAMPLE_FIELDS order, and the facts copied onto it. */
export interface SystemSampleText {
  values: readonly string[];
  day: string;
  copied: string;
}

/** A system (or provider) and one of its days. */
export interface TouchedDay {
  id: string;
  day: string;
}

/** The figures of each (system, day) of a file's system samples, as they stream by. */
export class DayFigures {
  /** By day, then system: the row's own strings as keys, no key made per row. */
  private readonly days = new Map<string, Map<string, Day>>();
  private rows = 0;
  private lastInstant: { text: string; ms: number } | null = null;
  /** False once more rows came than `maxRows`: the figures were dropped and the table is read instead. */
  kept = true;

  constructor(private readonly maxRows = DAY_FIGURES_MAX_ROWS) {}

  add(sample: SystemSampleText): void {
    if (!this.kept) return;
    if (++this.rows > this.maxRows) {
      this.kept = false;
      this.days.clear();
      return;
    }
    const [systemId, instant, cpu, memory, storage, network, bandwidth] = sample.values as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    let systems = this.days.get(sample.day);
    if (!systems) this.days.set(sample.day, (systems = new Map()));
    let day = systems.get(systemId);
    if (!day) {
      day = {
        systemId,
        day: sample.day,
        cpu: [],
        memory: [],
        network: [],
        bandwidth: [],
        lastMs: -Infinity,
        storage: 0,
        copied: sample.copied,
      };
      systems.set(systemId, day);
    }
    day.cpu.push(hundredths(cpu));
    day.memory.push(hundredths(memory));
    day.network.push(hundredths(network));
    day.bandwidth.push(hundredths(bandwidth));
    // A file is time-major: an instant is parsed once per run of equal ones.
    if (this.lastInstant?.text !== instant) this.lastInstant = { text: instant, ms: parseInstant(instant)!.getTime() };
    if (this.lastInstant.ms > day.lastMs) {
      day.lastMs = this.lastInstant.ms;
      day.storage = hundredths(storage);
      day.copied = sample.copied;
    }
  }

  /**
   * The `monitoring_daily` rows of the days named, as text columns for `unnest` arrays: system ids,
   * days, then SYSTEM_DAY_COLUMNS in order.
   */
  columns(days: readonly TouchedDay[]): string[][] {
    const columns: string[][] = Array.from({ length: 2 + SYSTEM_DAY_COLUMNS.length }, () => []);
    for (const touched of days) {
      const day = this.days.get(touched.day)?.get(touched.id);
      if (!day) throw new Error(`no figures for ${touched.id} on ${touched.day}`);
      const [unit, provider, region] = day.copied.split('\t') as [string, string, string];
      const row = [
        day.systemId,
        day.day,
        ...[day.cpu, day.memory, day.network].flatMap((values) => [average(values), percentile95(values), decimal(max(values))]),
        percentile95(day.bandwidth),
        decimal(max(day.bandwidth)),
        String(day.cpu.length),
        decimal(day.storage),
        unit,
        provider,
        region,
      ];
      row.forEach((value, i) => columns[i]!.push(value));
    }
    return columns;
  }
}

/**
 * A plain decimal's value in hundredths, as numeric(p, 2) stores it: rounded half away from zero
 * (they are never negative). Read digit by digit: four of these per row of a million, no substrings.
 */
export function hundredths(text: string): number {
  const dot = text.indexOf('.');
  const end = dot < 0 ? text.length : dot;
  let whole = 0;
  for (let i = 0; i < end; i++) whole = whole * 10 + (text.charCodeAt(i) - 48);
  if (dot < 0) return whole * 100;
  const kept = whole * 100 + digitAt(text, dot + 1) * 10 + digitAt(text, dot + 2);
  return digitAt(text, dot + 3) >= 5 ? kept + 1 : kept;
}

/** The digit at `i`, 0 past the end. (Not a closure in hundredths: tsx names each one it makes, per call.) */
function digitAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) - 48 : 0;
}

/** Hundredths as numeric text. */
export function decimal(value: number): string {
  const cents = value % 100;
  return `${(value - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

function max(values: readonly number[]): number {
  let top = values[0]!;
  for (const value of values) if (value > top) top = value;
  return top;
}

/** round(avg(x), 2): the exact mean of the hundredths, rounded half away from zero. */
export function average(values: readonly number[]): string {
  let sum = 0;
  for (const value of values) sum += value;
  const n = values.length;
  const whole = Math.floor(sum / n);
  return decimal(2 * (sum - whole * n) >= n ? whole + 1 : whole);
}

/**
 * round((percentile_cont(0.95) WITHIN GROUP (ORDER BY x))::numeric, 2): PostgreSQL sorts the values
 * as float8, interpolates between the two around 0.95 × (n − 1), converts the float8 to numeric
 * through 15 significant digits, and rounds that half away from zero.
 */
export function percentile95(values: readonly number[]): string {
  // A loop, not Float64Array.from with a mapping function: that calls it once per value.
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) sorted[i] = values[i]! / 100;
  sorted.sort();
  const position = 0.95 * (sorted.length - 1);
  const first = Math.floor(position);
  const low = sorted[first]!;
  const high = sorted[Math.ceil(position)]!;
  return roundedText(low + (position - first) * (high - low));
}

/** A float8 as PostgreSQL's `::numeric` gives it (15 significant digits), rounded to 2 decimals half away from zero. */
function roundedText(value: number): string {
  const text = value.toPrecision(15);
  // Exponent notation only outside the samples' range (below 1e-6, from 1e15); the cents are then exact.
  return decimal(text.includes('e') ? Math.round(value * 100) : hundredths(text));
}
