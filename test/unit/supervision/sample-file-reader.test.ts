// Reading a monitoring file for the import (ingest/read-samples.ts, 第二十四条): lines as readline
// reads them (\n, \r\n, a lone \r), counted for the rejections' line numbers, read a chunk at a time,
// so a \r\n split between two chunks must still be one line break; columns in any order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SampleFileReader, type SampleRow } from '../../../subgraphs/supervision/monitoring/ingest/read-samples';

const SYSTEM = '3f2a4c1e-7b7d-4c1a-9c55-0a1b2c3d4e5f';
const UNKNOWN = '9e9e9e9e-7b7d-4c1a-9c55-0a1b2c3d4e5f';
const COPIED = 'unit\tprovider\t371602';
const dir = mkdtempSync(path.join(tmpdir(), 'sample-file-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The reader's good rows and what it counted, on `text` written to a file. */
async function read(text: string, name = 'samples.csv', maxRejected = 10, retiredOn: ReadonlyMap<string, string> = new Map()) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const reader = new SampleFileReader(file, { maxRejected, today: '2026-11-26' }, async () => ({
    keys: new Map([[SYSTEM, COPIED]]),
    retiredOn,
  }));
  const rows: SampleRow[] = [];
  for await (const batch of reader.batches()) rows.push(...batch);
  return { rows, reader };
}

const row = (minute: number, cpu = '12.50') => `${SYSTEM},2026-11-25T09:${String(minute).padStart(2, '0')}:00+08:00,${cpu},40,1024,0,88.25`;
const HEADER = 'system_id,measured_at,cpu_percent,memory_percent,storage_used_gb,network_percent,bandwidth_mbps';

describe('reading a monitoring file', () => {
  it('takes \\n, \\r\\n and a lone \\r as line breaks, skips blank lines and a BOM, and names bad rows by their line', async () => {
    const text = `\uFEFF${HEADER}\r\n${row(0)}\r\n\r\n${row(1)}\r${row(2, '101')}\n${UNKNOWN},2026-11-25T09:03:00+08:00,1,1,1,1,1\n${row(4)}`;
    const { rows, reader } = await read(text);
    expect(rows.map((r) => r.line)).toEqual([2, 4, 7]);
    expect(rows[0]).toEqual({
      line: 2,
      values: [SYSTEM, '2026-11-25T09:00:00+08:00', '12.50', '40', '1024', '0', '88.25'],
      day: '2026-11-25',
      copied: COPIED,
    });
    expect(reader.rowsRead).toBe(5);
    expect(reader.rejected).toBe(2);
    expect(reader.rejections).toEqual([
      expect.stringMatching(/^第 5 行 \(line 5\): cpuPercent /),
      expect.stringMatching(/^第 6 行起 1 行 .*9e9e9e9e/),
    ]);
    expect(reader.bytes).toBe(Buffer.byteLength(text));
  });

  it('reads columns in any order into the table’s order', async () => {
    const text = `bandwidth_mbps,network_percent,storage_used_gb,memory_percent,cpu_percent,measured_at,system_id\n1.5,2,3,4,5,2026-11-25T09:00:00+08:00,${SYSTEM}\n`;
    const { rows } = await read(text);
    expect(rows.map((r) => r.values)).toEqual([[SYSTEM, '2026-11-25T09:00:00+08:00', '5', '4', '3', '2', '1.5']]);
  });

  it('keeps a \\r\\n split across two chunks of the file one line break', async () => {
    // Rows up to just under the first 1 MiB chunk, a line of spaces (blank, skipped) to bring the
    // next row's \r to the chunk's last byte, its \n the next chunk's first; then a bad row whose
    // line number shows whether an extra (empty) line was counted at the seam.
    const CHUNK = 1 << 20;
    let text = `${HEADER}\r\n`;
    let lines = 1;
    while (text.length < CHUNK - 300) {
      text += `${row(lines % 60)}\r\n`;
      lines += 1;
    }
    const seamRow = row(7);
    text += `${' '.repeat(CHUNK - 1 - seamRow.length - 2 - text.length)}\r\n${seamRow}\r\n${row(8, '-1')}\r\n`;
    lines += 3;
    expect(text.lastIndexOf(`${seamRow}\r\n`) + seamRow.length).toBe(CHUNK - 1);

    const { rows, reader } = await read(text, 'seam.csv');
    expect(rows).toHaveLength(lines - 3);
    expect(rows.at(-1)!.values[1]).toBe('2026-11-25T09:07:00+08:00');
    expect(reader.rejections).toEqual([expect.stringMatching(new RegExp(`^第 ${lines} 行 `))]);
  });

  it('reads JSON lines by their keys', async () => {
    const text = `${JSON.stringify({ systemId: SYSTEM, measuredAt: '2026-11-25T09:00:00+08:00', cpuPercent: 1, memoryPercent: 2, storageUsedGb: 3, networkPercent: 4, bandwidthMbps: 5 })}\n{"systemId":\n`;
    const { rows, reader } = await read(text, 'samples.jsonl');
    expect(rows.map((r) => r.values)).toEqual([[SYSTEM, '2026-11-25T09:00:00+08:00', '1', '2', '3', '4', '5']]);
    expect(reader.rejections).toEqual(['第 2 行 (line 2): 不是有效的 JSON']);
  });

  it('refuses a sample taken on or after its system’s retirement, as the small batch does, naming the row', async () => {
    const sampled = (day: string) => `${SYSTEM},${day}T09:00:00+08:00,12.50,40,1024,0,88.25`;
    const text = `${HEADER}\n${sampled('2026-11-24')}\n${sampled('2026-11-25')}\n${sampled('2026-11-26')}`;
    const { rows, reader } = await read(text, 'retired.csv', 10, new Map([[SYSTEM, '2026-11-25']]));
    expect(rows.map((r) => r.day)).toEqual(['2026-11-24']);
    expect(reader.rejected).toBe(2);
    expect(reader.rejections[0]).toBe(`第 3 行 (line 3): ${SYSTEM} 系统已于 2026-11-25 退役、云资源已回收，此后没有监测数据`);
  });
});
