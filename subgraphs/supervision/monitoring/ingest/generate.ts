// Test files of system samples for the import (`npm run generate:monitoring`): deterministic — the
// same world, row count and last day always give the same bytes — time-major like an agency's
// export (every system at one instant, then the next), one sample per system every five minutes
// ending at the last minute slot of `lastDay` (北京时间).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SystemRecord } from '../../../../seed/world/types';
import { monitorable } from '../monitoring.seed';

export const SAMPLE_INTERVAL_MS = 5 * 60_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface GenerateOptions {
  rows: number;
  out: string;
  systems: readonly SystemRecord[];
  /** The last China day sampled (ISO date). */
  lastDay: string;
}

/** A small fast deterministic PRNG (mulberry32): per-row randomness without per-row hashing. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const clamp = (value: number, max = 100) => Math.min(max, Math.max(0, value)).toFixed(2);

/** `2026-11-26T09:05:00+08:00` for an instant. */
function chinaTimestamp(ms: number): string {
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Writes `rows` samples (CSV with a header, or JSON lines for .jsonl/.ndjson); returns the systems and days covered. */
export async function generateMonitoringFile(options: GenerateOptions): Promise<{ systems: number; firstDay: string; lastDay: string }> {
  const systems = monitorable(options.systems, options.lastDay);
  if (systems.length === 0) throw new Error('no monitorable systems in the world');
  const profiles = systems.map((system) => {
    const random = mulberry32(hashOf(system.code));
    return {
      id: system.id,
      cpu: 3 + random() * 50,
      memory: 20 + random() * 55,
      storage: 50 + random() * 3000,
      network: 1 + random() * 40,
      bandwidth: 20 + random() * 480,
    };
  });
  const slots = Math.ceil(options.rows / systems.length);
  const end = Date.parse(`${options.lastDay}T00:00:00+08:00`) + 86_400_000 - SAMPLE_INTERVAL_MS;
  const start = end - (slots - 1) * SAMPLE_INTERVAL_MS;
  const jsonLines = /\.(jsonl|ndjson)$/i.test(options.out);
  const out = createWriteStream(options.out);
  const random = mulberry32(options.rows);
  let buffer = jsonLines ? '' : 'system_id,measured_at,cpu_percent,memory_percent,storage_used_gb,network_percent,bandwidth_mbps\n';
  for (let i = 0; i < options.rows; i++) {
    const profile = profiles[i % systems.length]!;
    const slot = Math.floor(i / systems.length);
    const at = start + slot * SAMPLE_INTERVAL_MS;
    // Busier in office hours: a day curve peaking at 15:00 China time, plus noise and rare spikes.
    const hour = ((at + CHINA_OFFSET_MS) % 86_400_000) / 3_600_000;
    const daily = 0.6 + 0.5 * Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI));
    const spike = random() < 0.01 ? 30 : 0;
    const values = [
      profile.id,
      chinaTimestamp(at),
      clamp(profile.cpu * daily + (random() - 0.5) * 8 + spike),
      clamp(profile.memory + (random() - 0.5) * 6),
      (profile.storage + slot * 0.01).toFixed(2),
      clamp(profile.network * daily + (random() - 0.5) * 4),
      (profile.bandwidth * daily * (0.9 + random() * 0.2)).toFixed(2),
    ] as const;
    buffer += jsonLines
      ? `{"systemId":"${values[0]}","measuredAt":"${values[1]}","cpuPercent":${values[2]},"memoryPercent":${values[3]},"storageUsedGb":${values[4]},"networkPercent":${values[5]},"bandwidthMbps":${values[6]}}\n`
      : `${values.join(',')}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  const day = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return { systems: systems.length, firstDay: day(start), lastDay: options.lastDay };
}
