// A `date` column reaches the code as PostgreSQL writes it, YYYY-MM-DD (kit/pg-driver.ts), whatever
// the server's time zone: not a Date at local midnight, which the Date scalar would have to turn
// back into a day, and which a zone far east of Beijing would turn into the day before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DateScalar } from '../../../subgraphs/kit/scalar-resolvers';
import { openBareDataSource, type BareDataSource } from '../../setup/database';

let bare: BareDataSource;
let dataSource: DataSource;
const zone = process.env.TZ;

beforeAll(async () => {
  bare = await openBareDataSource();
  dataSource = bare.dataSource;
});

afterAll(async () => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
  await bare?.close();
});

describe('date columns', () => {
  it('reads a date as its text and leaves the other types as pg reads them', async () => {
    const [row] = (await dataSource.query(
      `SELECT '2026-03-01'::date AS day, NULL::date AS "noDay", '2026-03-01T00:00:00Z'::timestamptz AS instant, 7::int AS n`,
    )) as Array<Record<string, unknown>>;
    expect(row).toEqual({ day: '2026-03-01', noDay: null, instant: new Date('2026-03-01T00:00:00Z'), n: 7 });
  });

  it('gives the same day in a time zone east of Beijing, through the Date scalar too', async () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    const [row] = (await dataSource.query(`SELECT '2026-03-01'::date AS day`)) as Array<{ day: unknown }>;
    expect(row!.day).toBe('2026-03-01');
    expect(DateScalar.serialize(row!.day)).toBe('2026-03-01');
  });
});
