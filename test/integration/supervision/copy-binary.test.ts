// The import COPYs its samples in binary (ingest/copy-binary.ts): every value must be what
// PostgreSQL would have read from the same checked text in text format — decimals with their
// written scale, leading and trailing zeros, instants in any offset with fractions rounded as the
// server rounds them (ties to even), uuids in either case, integers, text and NULL.
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyRows, COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from '../../../subgraphs/supervision/monitoring/ingest/copy-binary';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.migrationUrl });
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const DECIMALS = [
  '0',
  '0.0',
  '000',
  '0.00000000000000000001',
  '7.50',
  '5.05',
  '0.1',
  '0.0001',
  '0.00010',
  '100',
  '100.00',
  '1234',
  '12345',
  '10000',
  '10000.0001',
  '0001.1000',
  '99999999',
  '123456789012.12345678901234567890',
  '4294967296.5',
];

const INSTANTS = [
  '2026-11-26T09:30+08:00',
  '2026-11-26T09:30:00+08:00',
  '2026-11-26T01:30:00Z',
  '2026-01-01T00:00:00-05:30',
  '2026-12-31T23:59:59+14:00',
  '2000-01-01T00:00:00Z',
  '1999-12-31T23:59:59.999999Z',
  '1970-01-01T00:00:00.5Z',
  '2026-03-10T08:00:00.1+08:00',
  '2026-03-10T08:00:00.123+08:00',
  '2026-03-10T08:00:00.123456+08:00',
  '2026-03-10T08:00:00.123456789+08:00',
  // Ties and near-ties at the microsecond: PostgreSQL reads the fraction as a double and rounds it to even.
  '2026-03-10T08:00:00.0000005+08:00',
  '2026-03-10T08:00:00.0000015+08:00',
  '2026-03-10T08:00:00.0000025+08:00',
  '2026-03-10T08:00:00.1234565+08:00',
  '2026-03-10T08:00:00.9999995+08:00',
  '2026-03-10T08:00:59.9999999+08:00',
];

const UUIDS = ['4fa71b3c-4e3c-524e-bc62-2daf1fc960cc', 'ABCDEF01-2345-6789-ABCD-EF0123456789', '00000000-0000-0000-0000-000000000000'];
const TEXTS = ['371602', '滨州市', '', null];
const INTEGERS = [0, 1, -5, 1_000_000, 2_147_483_647, -2_147_483_648];

/** Row i: every column's value from its list, cycling, so each value is met. */
function rows(): Array<[string, string, string, number, number, string | null]> {
  const count = Math.max(DECIMALS.length, INSTANTS.length, UUIDS.length, TEXTS.length, INTEGERS.length);
  return Array.from({ length: count }, (_, i) => [
    UUIDS[i % UUIDS.length]!,
    INSTANTS[i % INSTANTS.length]!,
    DECIMALS[i % DECIMALS.length]!,
    INTEGERS[i % INTEGERS.length]!,
    i * 1_000_003 + 1,
    TEXTS[i % TEXTS.length]!,
  ]);
}

const COLUMNS = 'id uuid, instant timestamptz, amount numeric, count int4, line int8, region varchar(20)';

async function copyInto(table: string, format: 'binary' | 'text', data: Buffer | string): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} FROM STDIN${format === 'binary' ? ' (FORMAT binary)' : ''}`));
  stream.end(data);
  await once(stream, 'finish');
}

async function contents(table: string): Promise<unknown[]> {
  const { rows: found } = await client.query(
    `SELECT id::text, instant::text, extract(epoch FROM instant)::text AS epoch, amount::text, count, line::text, region FROM ${table} ORDER BY line`,
  );
  return found;
}

describe('BinaryCopyRows', () => {
  it('gives PostgreSQL the values it reads from the same text', async () => {
    await client.query(`CREATE TEMP TABLE from_text (${COLUMNS})`);
    await client.query(`CREATE TEMP TABLE from_binary (${COLUMNS})`);
    const text = rows()
      .map((row) => row.map((value) => (value === null ? '\\N' : String(value))).join('\t'))
      .join('\n');
    await copyInto('from_text', 'text', `${text}\n`);

    const binary = new BinaryCopyRows();
    for (const [id, instant, amount, count, line, region] of rows()) {
      binary.row(6);
      binary.value('uuid', id);
      binary.value('timestamptz', instant);
      binary.value('numeric', amount);
      binary.integer('int4', count);
      binary.value('int8', String(line));
      binary.value('text', region);
    }
    // Taken in two parts, as the import takes a batch at a time.
    const first = binary.take();
    await copyInto('from_binary', 'binary', Buffer.concat([COPY_BINARY_HEADER, first, binary.take(), COPY_BINARY_TRAILER]));

    const expected = await contents('from_text');
    expect(expected).toHaveLength(rows().length);
    expect(await contents('from_binary')).toEqual(expected);
  });

  it('refuses what is not a checked value rather than send a wrong one', () => {
    const binary = new BinaryCopyRows();
    expect(() => binary.value('numeric', '-1')).toThrow(/not a non-negative decimal/);
    expect(() => binary.value('numeric', '1e5')).toThrow(/not a non-negative decimal/);
    expect(() => binary.value('uuid', '4fa71b3c-4e3c-524e-bc62-2daf1fc960c')).toThrow(/not a uuid/);
    expect(() => binary.value('timestamptz', 'yesterday')).toThrow(/not an instant/);
    expect(() => binary.value('int4', '1.5')).toThrow(/not an integer/);
    expect(() => binary.integer('int4', 2 ** 31)).toThrow(/out of range/);
  });
});
