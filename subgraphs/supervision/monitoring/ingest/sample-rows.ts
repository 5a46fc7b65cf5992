// Monitoring samples as the agency sends them (第二十四条): the fields of each kind, and the checks
// every row passes before it is written — shared by the mutation (GraphQL input), the file import
// (CSV or JSON lines) and the tests. Pure: no database.
import { BadUserInputError, ErrorCode, GovCloudError } from '../../../kit/errors';
import { isUuid } from '../../../kit/ids';
import { FIRST_POLICY_DAY } from '../../../kit/dates';
import { CLOCK_SKEW_MS, parseInstant } from '../../../kit/instants';

export type SampleKind = 'system' | 'provider';

export type SampleFieldType = 'uuid' | 'instant' | 'percent' | 'amount' | 'count';

export interface SampleField {
  /** The GraphQL input / JSON name, e.g. `cpuPercent`. */
  name: string;
  /** The column (and CSV header) name, e.g. `cpu_percent`. */
  column: string;
  type: SampleFieldType;
  /** Chinese label for error messages. */
  label: string;
}

/** The largest storage (GB), bandwidth (Mbps) or response time (minutes) a sample may carry. */
export const AMOUNT_LIMITS: Record<string, number> = {
  storageUsedGb: 9_999_999_999,
  bandwidthMbps: 99_999_999,
  responseMinutes: 999_999,
};
const COUNT_LIMIT = 1_000_000;

/** The fields of each kind, in the raw table's column order. */
export const SAMPLE_FIELDS: Record<SampleKind, readonly SampleField[]> = {
  system: [
    { name: 'systemId', column: 'system_id', type: 'uuid', label: '政务信息系统标识' },
    { name: 'measuredAt', column: 'measured_at', type: 'instant', label: '监测时间' },
    { name: 'cpuPercent', column: 'cpu_percent', type: 'percent', label: 'CPU 使用率' },
    { name: 'memoryPercent', column: 'memory_percent', type: 'percent', label: '内存使用率' },
    { name: 'storageUsedGb', column: 'storage_used_gb', type: 'amount', label: '已用存储' },
    { name: 'networkPercent', column: 'network_percent', type: 'percent', label: '网络使用率' },
    { name: 'bandwidthMbps', column: 'bandwidth_mbps', type: 'amount', label: '带宽' },
  ],
  provider: [
    { name: 'providerId', column: 'provider_id', type: 'uuid', label: '服务商标识' },
    { name: 'measuredAt', column: 'measured_at', type: 'instant', label: '监测时间' },
    { name: 'availabilityPercent', column: 'availability_percent', type: 'percent', label: '可用率' },
    { name: 'incidentCount', column: 'incident_count', type: 'count', label: '故障次数' },
    { name: 'responseMinutes', column: 'response_minutes', type: 'amount', label: '响应时间' },
    { name: 'complaintCount', column: 'complaint_count', type: 'count', label: '投诉次数' },
  ],
};

/** A row's values as text PostgreSQL reads (COPY text format or JSON), in SAMPLE_FIELDS order. */
export type SampleValues = string[];

export type SampleCheck = { ok: true; values: SampleValues } | { ok: false; field: string; problem: string };

const DECIMAL = /^\d{1,12}(\.\d{1,20})?$/;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The China calendar day of an instant (the roll-ups' day). Arithmetic rather than the kit's
 * Intl-based dateInChina: the file import asks once per row, and China keeps one offset all year.
 */
export function chinaDayOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

let lastDay: { text: string; day: string } | null = null;

/** The China day of an instant `checkSample` accepted (its text), remembered for a run of equal instants. */
export function checkedChinaDay(text: string): string {
  if (lastDay?.text !== text) lastDay = { text, day: chinaDayOf(parseInstant(text)!) };
  return lastDay.day;
}

/** A plain non-negative decimal (no sign, exponent or hex, so PostgreSQL reads it as written). */
function decimalText(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    const text = String(value);
    return DECIMAL.test(text) ? text : value < 1e-6 ? '0' : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return DECIMAL.test(text) ? text : null;
}

/** Why a field was refused. A checked field is its text: no object per field of a million rows. */
interface Refusal {
  problem: string;
}

function checkInstant(field: SampleField, text: string, today: string): string | Refusal {
  const instant = parseInstant(text);
  if (!instant) return { problem: `${field.label}须为带时区的 ISO 8601 时间，如 2026-11-26T09:00:00+08:00` };
  const day = chinaDayOf(instant);
  if (day > today) return { problem: `${field.label}晚于今天（${today}），监测数据不能来自未来` };
  // Later today is the future too, as for access records: the instant is compared with the clock itself.
  if (instant.getTime() > Date.now() + CLOCK_SKEW_MS) return { problem: `${field.label}晚于当前时间，监测数据不能来自未来` };
  if (day < FIRST_POLICY_DAY) return { problem: `${field.label}早于 ${FIRST_POLICY_DAY}，在本办法的监测范围之前` };
  return text;
}

/**
 * The last instant checked and its verdict. An agency's file is time-major: thousands of rows in
 * a row carry the same instant, and parsing it again for each was a third of the import's reading.
 */
let lastInstant: { text: string; today: string; label: string; checked: string | Refusal } | null = null;

/**
 * Ids already found well-formed, as given → as written. A file names the same few thousand systems
 * on every instant; the pattern test per row was a tenth of the reading. Emptied when it grows past
 * CHECKED_IDS_MAX, so a file of ever new ids cannot fill memory.
 */
const checkedIds = new Map<string, string>();
const CHECKED_IDS_MAX = 100_000;

function checkId(field: SampleField, raw: unknown): string | Refusal {
  const known = typeof raw === 'string' ? checkedIds.get(raw) : undefined;
  if (known !== undefined) return known;
  if (!isUuid(raw)) return { problem: `${field.label}须为 UUID` };
  if (checkedIds.size >= CHECKED_IDS_MAX) checkedIds.clear();
  const id = raw.toLowerCase();
  checkedIds.set(raw, id);
  return id;
}

function checkField(field: SampleField, raw: unknown, today: string): string | Refusal {
  if (raw === undefined || raw === null || raw === '') return { problem: `缺少${field.label}` };
  switch (field.type) {
    case 'uuid':
      return checkId(field, raw);
    case 'instant': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (lastInstant?.text === text && lastInstant.today === today && lastInstant.label === field.label) return lastInstant.checked;
      lastInstant = { text, today, label: field.label, checked: checkInstant(field, text, today) };
      return lastInstant.checked;
    }
    case 'percent': {
      const text = decimalText(raw);
      return text !== null && Number(text) <= 100 ? text : { problem: `${field.label}须为 0 至 100 之间的数` };
    }
    case 'amount': {
      const text = decimalText(raw);
      const limit = AMOUNT_LIMITS[field.name]!;
      return text !== null && Number(text) <= limit ? text : { problem: `${field.label}须为 0 至 ${limit} 之间的数` };
    }
    case 'count': {
      const text = decimalText(raw);
      return text !== null && /^\d+$/.test(text) && Number(text) <= COUNT_LIMIT
        ? text
        : { problem: `${field.label}须为 0 至 ${COUNT_LIMIT} 之间的整数` };
    }
  }
}

/**
 * Checks one sample (a record keyed by the fields' GraphQL names) against `today` (the China
 * date; a sample from a later day is refused). The first bad field is reported.
 */
export function checkSample(kind: SampleKind, record: Readonly<Record<string, unknown>>, today: string): SampleCheck {
  return checkSampleValues(
    kind,
    SAMPLE_FIELDS[kind].map((field) => record[field.name]),
    today,
  );
}

/** checkSample for a sample given as its raw values in SAMPLE_FIELDS order (a file's line: no record object per row). */
export function checkSampleValues(kind: SampleKind, raw: readonly unknown[], today: string): SampleCheck {
  const fields = SAMPLE_FIELDS[kind];
  const values: SampleValues = new Array<string>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const checked = checkField(fields[i]!, raw[i], today);
    if (typeof checked !== 'string') return { ok: false, field: fields[i]!.name, problem: checked.problem };
    values[i] = checked;
  }
  return { ok: true, values };
}

/**
 * Maps a header or JSON key to the field's GraphQL name: `cpu_percent`, `cpuPercent` and
 * `CPU_PERCENT` all name `cpuPercent`. Unknown names map to null (ignored columns).
 */
export function fieldNameOf(kind: SampleKind, key: string): string | null {
  const normal = key.trim().replace(/_/g, '').toLowerCase();
  return SAMPLE_FIELDS[kind].find((field) => field.name.toLowerCase() === normal)?.name ?? null;
}

/** Which kind a file holds, from its header's or first record's keys: provider samples name a provider. */
export function kindOfKeys(keys: readonly string[]): SampleKind | null {
  if (keys.some((key) => fieldNameOf('system', key) === 'systemId')) return 'system';
  if (keys.some((key) => fieldNameOf('provider', key) === 'providerId')) return 'provider';
  return null;
}

/** One mutation carries at most this many samples (both kinds together); files go through the import. */
export const MAX_SAMPLES_PER_SUBMISSION = 1_000;

/** The input list of each kind, as GraphQL names it. */
export const INPUT_LIST: Record<SampleKind, string> = { system: 'systemSamples', provider: 'providerSamples' };

/** BAD_USER_INPUT naming the offending row (0-based, as `systemSamples[i]`) and field. */
export function sampleRowError(kind: SampleKind, index: number, field: string, problem: string): GovCloudError {
  const path = `${INPUT_LIST[kind]}[${index}].${field}`;
  return new GovCloudError(`${INPUT_LIST[kind]} 第 ${index + 1} 条样本（${path}）${problem}；整批未写入`, ErrorCode.BAD_USER_INPUT, {
    field: path,
    row: index,
  });
}

/**
 * Checks a whole submission before anything is written: its size, then every row; the first bad
 * row fails the batch. Systems and providers are checked against the database by the service.
 */
export function validateSubmission(
  samples: Readonly<Record<SampleKind, ReadonlyArray<Readonly<Record<string, unknown>>>>>,
  today: string,
): Record<SampleKind, SampleValues[]> {
  const total = samples.system.length + samples.provider.length;
  if (total === 0 || total > MAX_SAMPLES_PER_SUBMISSION) {
    throw new BadUserInputError(
      `每次提交 1 至 ${MAX_SAMPLES_PER_SUBMISSION} 条监测样本（systemSamples 与 providerSamples 合计），本次为 ${total} 条；大批量请用文件导入`,
      'systemSamples',
    );
  }
  const valid = (kind: SampleKind) =>
    samples[kind].map((record, index) => {
      const checked = checkSample(kind, record, today);
      if (!checked.ok) throw sampleRowError(kind, index, checked.field, checked.problem);
      return checked.values;
    });
  return { system: valid('system'), provider: valid('provider') };
}
