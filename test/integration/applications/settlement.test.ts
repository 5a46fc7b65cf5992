// SETTLEMENT_JAN5 (第十六条) in the applications subgraph, against real PostgreSQL and the real
// supervision subgraph: creating a level's settlement from the applications in service and the
// year's utilisation, scope, totals equal to the lines, the four confirmations, immutability once
// confirmed, corrections, supervision down, and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { CITY_REGION_CODE } from '../../../subgraphs/kit/regions';
import { lineAmountFen } from '../../../subgraphs/applications/settlement/settlement.rules';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { bureau, cityFinance, countyAuthority, cybersec, providerPrincipal, userUnit, world } from '../../setup/principals';
import { postGraphQL, TEST_INTERNAL_SECRET, type GraphQLResult } from '../../setup/subgraph';
import { startSubgraphs, type RunningSubgraphs } from '../../setup/subgraphs';
import { PRINCIPAL_HEADER, signInternalToken } from '../../../subgraphs/kit/internal-token';
import {
  CONFIRM,
  CORRECT,
  CREATE,
  RECALCULATE,
  SETTLEMENT_QUERY,
  SETTLEMENTS_QUERY,
  fen,
  settlementCount,
  settlementRows,
  sumFen,
  type SettlementView,
} from './settlement-helpers';

const center: Principal = { subject: 'test-center', role: Role.CENTER };
const auditor: Principal = { subject: 'test-auditor', role: Role.AUDITOR };
const finance = (regionCode: string): Principal => ({ subject: `test-finance-${regionCode}`, role: Role.FINANCE, regionCode });

let database: TestDatabase;
let running: RunningSubgraphs;
const ask = <T = Record<string, unknown>>(principal: Principal | null, query: string, variables?: Record<string, unknown>) =>
  postGraphQL<T>(running.urls.applications, principal, query, variables);
const dataSource = () => running.dataSources.applications!;

function app(code: string) {
  const application = world.applications.find((candidate) => candidate.code === code)!;
  return {
    application,
    unit: world.units.find((unit) => unit.id === application.unitId)!,
    provider: world.providers.find((provider) => provider.id === application.providerId)!,
  };
}

function ok<T>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function codeOf(result: GraphQLResult): unknown {
  return result.errors?.[0]?.extensions?.code;
}

/** The level's 2025 settlement of that revision (1: the original). */
async function seeded(regionCode: string, principal: Principal = bureau, revision = 1): Promise<SettlementView> {
  const data = ok(
    await ask<{ settlements: { edges: Array<{ node: SettlementView }> } }>(principal, SETTLEMENTS_QUERY, { year: 2025, regionCode }),
  );
  return data.settlements.edges.find(({ node }) => node.revision === revision)!.node;
}

function expectTotalsEqualLines(settlement: SettlementView): void {
  const lineSum = sumFen(settlement.lines.edges.map(({ node }) => node.amount));
  expect(settlement.lines.totalCount).toBe(settlement.lineCount);
  expect(fen(settlement.totalAmount)).toBe(lineSum);
  expect(sumFen(settlement.providerTotals.edges.map(({ node }) => node.amount))).toBe(lineSum);
  expect(sumFen(settlement.unitTotals.edges.map(({ node }) => node.amount))).toBe(lineSum);
}

/** Daily roll-ups in supervision's table for October 2025 with almost no CPU and network use. */
async function idleDays(systemId: string, unitId: string, providerId: string, regionCode: string, days: number): Promise<void> {
  await running.dataSources.supervision!.query(
    `INSERT INTO "supervision"."monitoring_daily"
       (id, system_id, day, unit_id, provider_id, region_code, cpu_avg_percent, cpu_p95_percent, memory_avg_percent, storage_used_gb,
        bandwidth_p95_mbps, cpu_peak_percent, memory_p95_percent, memory_peak_percent, network_avg_percent, network_p95_percent,
        network_peak_percent, bandwidth_peak_mbps, sample_count)
     SELECT gen_random_uuid(), $1, DATE '2025-10-01' + n, $2, $3, $4, 1, 2, 20, 100, 1, 3, 22, 25, 0.5, 1, 1.5, 2, 288
       FROM generate_series(0, $5 - 1) AS n`,
    [systemId, unitId, providerId, regionCode, days],
  );
}

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  running = await startSubgraphs(database, ['applications', 'supervision', 'providers'], {
    internalTokenSecret: TEST_INTERNAL_SECRET,
    seed: true,
  });
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

describe('SETTLEMENT_JAN5 seeded 2025 settlements', () => {
  it('the city is confirmed in time; 滨城区 awaits confirmation and is overdue', async () => {
    const city = await seeded(CITY_REGION_CODE);
    expect(city).toMatchObject({
      number: 'JS-2025-371600-1',
      status: 'CONFIRMED',
      overdue: false,
      confirmedLate: false,
      dueBefore: '2026-01-05',
    });
    expect(city.confirmations.edges.every(({ node }) => node.confirmed)).toBe(true);
    expect(city.lines.edges.every(({ node }) => node.unit?.region.code === CITY_REGION_CODE)).toBe(true);
    expectTotalsEqualLines(city);

    const county = await seeded('371602');
    expect(county).toMatchObject({ number: 'JS-2025-371602-1', status: 'AWAITING_CONFIRMATION', overdue: true, confirmedLate: null });
    expect(county.lines.totalCount).toBeGreaterThan(0);
    expect(new Set(county.lines.edges.map(({ node }) => node.unit?.region.code))).toEqual(new Set(['371602']));
    expectTotalsEqualLines(county);
    const overdue = ok(
      await ask<{ overdueSettlements: { edges: Array<{ node: { number: string } }> } }>(
        bureau,
        `{ overdueSettlements { edges { node { number } } } }`,
      ),
    );
    expect(overdue.overdueSettlements.edges.map(({ node }) => node.number)).toEqual(['JS-2025-371602-1']);
  });
});

describe('SETTLEMENT_JAN5 creation', () => {
  const { application, unit, provider } = app('A-2025-0030'); // 惠民县, live 2025-08-06, elastic 700–1100

  it('refuses the wrong authority, an unfinished year and bad input, creating nothing', async () => {
    const before = await settlementCount(dataSource());
    expect(codeOf(await ask(bureau, CREATE, { input: { year: 2025, regionCode: '371621' } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(countyAuthority('371603'), CREATE, { input: { year: 2025, regionCode: '371621' } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(countyAuthority('371621'), CREATE, { input: { year: 2025, regionCode: CITY_REGION_CODE } }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(userUnit(unit), CREATE, { input: { year: 2025, regionCode: '371621' } }))).toBe('FORBIDDEN');
    const unfinished = await ask(countyAuthority('371621'), CREATE, { input: { year: 2026, regionCode: '371621' } });
    expect(unfinished.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SETTLEMENT_JAN5', article: '第十六条' });
    expect(codeOf(await ask(countyAuthority('371621'), CREATE, { input: { year: 2025, regionCode: '999999' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await ask(bureau, CREATE, { input: { year: 2025, regionCode: CITY_REGION_CODE } }))).toBe('CONFLICT');
    expect(await settlementCount(dataSource())).toBe(before);
  });

  it('the county authority settles its county: its units only, priced, counted and adjusted line by line', async () => {
    const created = ok(
      await ask<{ createSettlement: SettlementView }>(countyAuthority('371621'), CREATE, { input: { year: 2025, regionCode: '371621' } }),
    ).createSettlement;
    expect(created).toMatchObject({ number: 'JS-2025-371621-1', status: 'AWAITING_CONFIRMATION', version: 1, revision: 1 });
    const lines = created.lines.edges.map(({ node }) => node);
    expect(lines).toHaveLength(application.resources.length);
    expect(lines.filter((line) => line.billedOnce).map((line) => line.position)).toEqual([application.resources.length]);
    for (const line of lines) {
      const resource = application.resources[line.position - 1]!;
      expect(line).toMatchObject({
        applicationNumber: 'A-2025-0030',
        provider: { id: provider.id },
        unit: { id: unit.id, region: { code: '371621' } },
        billedQuantity: resource.quantity, // an elastic range bills its lower bound
        unitPrice: resource.concludedPriceYuan,
        priceSource: 'CONCLUDED',
        serviceFrom: '2025-08-06',
        serviceUntil: '2025-12-31',
        daysInService: 148,
        daysInYear: 365,
      });
      if (line.billedOnce) {
        // 第十六条: the migration service (套·次) is billed once, in the year of its delivery, unprorated.
        expect(line.utilisationFactor).toBe('1.00');
        expect(fen(line.amount)).toBe(fen(line.unitPrice) * line.billedQuantity);
        continue;
      }
      const factor = { NORMAL: 1000, EXCLUDED: 1000, NO_DATA: 1000, UNDER_USED: 800, IDLE: 500 }[line.utilisationFlag]!;
      expect(fen(line.amount)).toBe(
        lineAmountFen({
          unitPriceFen: fen(line.unitPrice),
          quantity: line.billedQuantity,
          days: 148,
          daysInYear: 365,
          factorPermille: factor,
        }),
      );
    }
    expectTotalsEqualLines(created);
    expect(created.confirmations.edges.map(({ node }) => node.party).sort()).toEqual(['AUTHORITY', 'CENTER', 'PROVIDER', 'UNIT']);
  });

  it('totals are the lines summed in SQL too', async () => {
    const county = await seeded('371621');
    const [{ total }] = await dataSource().query(
      `SELECT SUM(amount_fen)::bigint::text AS total FROM "applications"."settlement_line" WHERE settlement_id = $1`,
      [county.id],
    );
    expect(fen(county.totalAmount)).toBe(Number(total));
  });
});

describe('SETTLEMENT_JAN5 visibility', () => {
  it('finance reads its level, the auditor all, a unit and a provider their own lines, cybersecurity nothing', async () => {
    const numbers = async (principal: Principal) =>
      ok(
        await ask<{ settlements: { edges: Array<{ node: { number: string } }> } }>(
          principal,
          `{ settlements(first: 100) { edges { node { number } } } }`,
        ),
      )
        .settlements.edges.map(({ node }) => node.number)
        .sort();
    expect(await numbers(cityFinance)).toEqual(['JS-2025-371600-1']);
    expect(await numbers(finance('371602'))).toEqual(['JS-2025-371602-1']);
    expect(await numbers(countyAuthority('371602'))).toEqual(['JS-2025-371602-1']);
    expect(await numbers(auditor)).toEqual(expect.arrayContaining(['JS-2025-371600-1', 'JS-2025-371602-1', 'JS-2025-371621-1']));
    expect(await numbers(cybersec)).toEqual([]);

    const { unit, provider } = app('A-2025-0036');
    expect(await numbers(userUnit(unit))).toEqual(['JS-2025-371602-1']);
    const asUnit = await seeded('371602', userUnit(unit));
    expect(asUnit.lines.edges.every(({ node }) => node.unit?.id === unit.id)).toBe(true);
    expectTotalsEqualLines(asUnit);
    expect(asUnit.confirmations.edges.map(({ node }) => node.party).sort()).toEqual(['AUTHORITY', 'CENTER', 'UNIT']);

    const asProvider = await seeded(CITY_REGION_CODE, providerPrincipal(provider));
    expect(asProvider.lines.edges.every(({ node }) => node.provider.id === provider.id)).toBe(true);
    const whole = await seeded(CITY_REGION_CODE);
    expect(asProvider.lines.totalCount).toBe(whole.lines.edges.filter(({ node }) => node.provider.id === provider.id).length);

    const county = await seeded('371602');
    // Another level's settlement answers like a missing one (kit/lookup.ts).
    for (const outsider of [countyAuthority('371603'), cityFinance]) {
      const hidden = await ask(outsider, SETTLEMENT_QUERY, { id: county.id });
      expect(hidden).toEqual(await ask(outsider, SETTLEMENT_QUERY, { id: '00000000-0000-4000-8000-000000000000' }));
      expect(hidden.errors).toBeUndefined();
    }
  });

  it('a list of settlements with their lines and totals costs the same statements for one as for all', async () => {
    const counter = sqlCounterOf(dataSource());
    counter.reset();
    ok(
      await ask(
        bureau,
        `{ settlements(first: 1) { edges { node { number totalAmount lineCount providerTotals { totalCount } unitTotals { totalCount } lines(first: 5) { edges { node { amount unit { id } system { id } } } } confirmations { totalCount } correctedBy { id } } } } }`,
      ),
    );
    const one = counter.count;
    counter.reset();
    ok(
      await ask(
        bureau,
        `{ settlements(first: 100) { edges { node { number totalAmount lineCount providerTotals { totalCount } unitTotals { totalCount } lines(first: 5) { edges { node { amount unit { id } system { id } } } } confirmations { totalCount } correctedBy { id } } } } }`,
      ),
    );
    expect(counter.count).toBe(one);
  });
});

describe('SETTLEMENT_JAN5 confirmation by the four parties, then never a change', () => {
  const { unit, provider } = app('A-2025-0030');
  const parties = () => [countyAuthority('371621'), center, userUnit(unit), providerPrincipal(provider)];

  it('each party confirms once, with the version it saw; a unit without lines does not see it, the bureau is no party', async () => {
    let settlement = await seeded('371621');
    const { unit: otherUnit } = app('A-2025-0036');
    expect(codeOf(await ask(userUnit(otherUnit), CONFIRM, { id: settlement.id, version: settlement.version }))).toBe('NOT_FOUND');
    expect(codeOf(await ask(bureau, CONFIRM, { id: settlement.id, version: settlement.version }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(cityFinance, CONFIRM, { id: settlement.id, version: settlement.version }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(center, CONFIRM, { id: settlement.id, version: settlement.version + 5 }))).toBe('CONFLICT');
    let version = settlement.version;
    for (const [index, principal] of parties().entries()) {
      const answer = ok(
        await ask<{ confirmSettlement: { status: string; version: number } }>(principal, CONFIRM, { id: settlement.id, version }),
      );
      version = answer.confirmSettlement.version;
      expect(answer.confirmSettlement.status).toBe(index === 3 ? 'CONFIRMED' : 'AWAITING_CONFIRMATION');
      if (index === 0) expect(codeOf(await ask(principal, CONFIRM, { id: settlement.id, version }))).toBe('CONFLICT');
    }
    settlement = await seeded('371621');
    expect(settlement).toMatchObject({ status: 'CONFIRMED', confirmedLate: true, overdue: false });
  });

  it('every mutation on the confirmed settlement is refused and changes nothing; the database refuses too', async () => {
    const settlement = await seeded('371621');
    const before = await settlementRows(dataSource(), settlement.id);
    for (const principal of parties()) {
      const refused = await ask(principal, CONFIRM, { id: settlement.id, version: settlement.version });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SETTLEMENT_JAN5' });
    }
    const recalculated = await ask(countyAuthority('371621'), RECALCULATE, { id: settlement.id, version: settlement.version });
    expect(recalculated.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SETTLEMENT_JAN5' });
    expect(codeOf(await ask(countyAuthority('371621'), CREATE, { input: { year: 2025, regionCode: '371621' } }))).toBe('CONFLICT');
    await expect(
      dataSource().query(`UPDATE "applications"."settlement_line" SET amount_fen = 0 WHERE settlement_id = $1`, [settlement.id]),
    ).rejects.toThrow(/SETTLEMENT_JAN5/);
    await expect(dataSource().query(`DELETE FROM "applications"."settlement" WHERE id = $1`, [settlement.id])).rejects.toThrow(
      /SETTLEMENT_JAN5/,
    );
    expect(await settlementRows(dataSource(), settlement.id)).toBe(before);
  });

  it('a correction is a new settlement naming the one it corrects, confirmed anew; the original stays as it was', async () => {
    const original = await seeded('371621');
    const before = await settlementRows(dataSource(), original.id);
    expect(codeOf(await ask(countyAuthority('371621'), CORRECT, { id: original.id, version: original.version, reason: '  ' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await ask(center, CORRECT, { id: original.id, version: original.version, reason: '单价录入有误' }))).toBe('FORBIDDEN');
    const correction = ok(
      await ask<{ correctSettlement: SettlementView }>(countyAuthority('371621'), CORRECT, {
        id: original.id,
        version: original.version,
        reason: '单价录入有误',
      }),
    ).correctSettlement;
    expect(correction).toMatchObject({
      number: 'JS-2025-371621-2',
      revision: 2,
      status: 'AWAITING_CONFIRMATION',
      corrects: { id: original.id },
    });
    expect(correction.confirmations.edges.every(({ node }) => !node.confirmed)).toBe(true);
    expect(ok(await ask<{ settlement: SettlementView }>(bureau, SETTLEMENT_QUERY, { id: original.id })).settlement.correctedBy).toEqual({
      id: correction.id,
    });
    expect(await settlementRows(dataSource(), original.id)).toBe(before);
    expect(codeOf(await ask(countyAuthority('371621'), CORRECT, { id: original.id, version: original.version, reason: '再次更正' }))).toBe(
      'CONFLICT',
    );
    const premature = await ask(countyAuthority('371621'), CORRECT, { id: correction.id, version: correction.version, reason: '未确认' });
    expect(premature.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SETTLEMENT_JAN5' });
    // While awaiting, the correction may be recalculated: the version moves, the confirmations start over.
    const recalculated = ok(
      await ask<{ recalculateSettlement: { version: number } }>(countyAuthority('371621'), RECALCULATE, {
        id: correction.id,
        version: correction.version,
      }),
    );
    expect(recalculated.recalculateSettlement.version).toBe(correction.version + 1);
  });

  it('fees by provider and county come in one query, from the confirmed settlement in force or from the newest', async () => {
    const query = `query($confirmedOnly: Boolean) { settlementTotals(year: 2025, confirmedOnly: $confirmedOnly, first: 100) { totalCount edges { node { provider { id } region { code } amount lineCount } } } }`;
    type Totals = {
      settlementTotals: {
        edges: Array<{ node: { provider: { id: string }; region: { code: string }; amount: string; lineCount: number } }>;
      };
    };
    const confirmed = ok(await ask<Totals>(auditor, query, {})).settlementTotals.edges.map(({ node }) => node);
    expect(new Set(confirmed.map((total) => total.region.code))).toEqual(new Set([CITY_REGION_CODE, '371621']));
    const city = await seeded(CITY_REGION_CODE);
    expect(sumFen(confirmed.filter((total) => total.region.code === CITY_REGION_CODE).map((total) => total.amount))).toBe(
      fen(city.totalAmount),
    );
    const all = ok(await ask<Totals>(auditor, query, { confirmedOnly: false })).settlementTotals.edges.map(({ node }) => node);
    expect(new Set(all.map((total) => total.region.code))).toEqual(new Set([CITY_REGION_CODE, '371602', '371621']));
    const countyOnly = ok(await ask<Totals>(finance('371602'), query, { confirmedOnly: false })).settlementTotals.edges.map(
      ({ node }) => node,
    );
    expect(new Set(countyOnly.map((total) => total.region.code))).toEqual(new Set(['371602']));
  });

  it('a year before the policy or after this one is BAD_USER_INPUT naming it, not an empty answer', async () => {
    const next = Number(new Date().toISOString().slice(0, 4)) + 1;
    for (const [query, field] of [
      [`{ settlementTotals(year: -1) { totalCount } }`, 'year'],
      [`{ settlementTotals(year: 2018) { totalCount } }`, 'year'],
      [`{ settlementTotals(year: ${next + 1}) { totalCount } }`, 'year'],
      [`{ settlements(year: 2018) { totalCount } }`, 'year'],
      [`{ settlements(filter: { year: ${next + 1} }) { totalCount } }`, 'filter.year'],
    ] as const) {
      const answer = await ask(auditor, query);
      expect(answer.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(answer.errors![0]!.message).toMatch(/2019 至 \d{4} 年之间/);
    }
    expect(ok(await ask<{ settlementTotals: { totalCount: number } }>(auditor, `{ settlementTotals(year: 2019) { totalCount } }`))).toEqual(
      {
        settlementTotals: { totalCount: 0 },
      },
    );
  });

  it('fees read each settlement’s stored totals per provider, which equal its lines after every write; a unit sums its own lines', async () => {
    // The tests above created, recalculated and corrected settlements: every stored total still equals its lines.
    const [mismatch] = await dataSource().query(`
      SELECT count(*)::int AS n FROM "applications"."settlement_provider_total" t
        FULL JOIN (SELECT settlement_id, provider_id, sum(amount_fen) AS amount_fen, count(*)::int AS line_count
                     FROM "applications"."settlement_line" GROUP BY 1, 2) l USING (settlement_id, provider_id)
       WHERE (t.amount_fen, t.line_count) IS DISTINCT FROM (l.amount_fen, l.line_count)`);
    expect(mismatch.n).toBe(0);
    const [stored] = await dataSource().query(`SELECT count(*)::int AS n FROM "applications"."settlement_provider_total"`);
    expect(stored.n).toBeGreaterThan(0);

    const query = `query($confirmedOnly: Boolean) { settlementTotals(year: 2025, confirmedOnly: $confirmedOnly, first: 100) { totalCount edges { node { provider { id } region { code } amount lineCount } } } }`;
    type Totals = { settlementTotals: { totalCount: number; edges: Array<{ node: { amount: string; lineCount: number } }> } };
    const counter = sqlCounterOf(dataSource());
    for (const principal of [auditor, finance('371602'), providerPrincipal(app('A-2025-0030').provider)]) {
      counter.reset();
      const totals = ok(await ask<Totals>(principal, query, { confirmedOnly: false })).settlementTotals;
      expect(totals.totalCount).toBeGreaterThan(0);
      expect(counter.statements.filter((sql) => sql.includes('settlement_line'))).toEqual([]);
    }
    // A unit's fees are its own lines: the same figures as summing them.
    const { unit } = app('A-2025-0030');
    const own = ok(await ask<Totals>(userUnit(unit), query, { confirmedOnly: false })).settlementTotals.edges.map(({ node }) => node);
    const [lines] = await dataSource().query(
      `SELECT coalesce(sum(l.amount_fen), 0)::text AS fen, count(*)::int AS n FROM "applications"."settlement_line" l
         JOIN "applications"."settlement" s ON s.id = l.settlement_id
        WHERE l.unit_id = $1 AND s.year = 2025
          AND NOT EXISTS (SELECT 1 FROM "applications"."settlement" newer WHERE newer.year = s.year AND newer.region_code = s.region_code AND newer.revision > s.revision)`,
      [unit.id],
    );
    expect(lines.n).toBeGreaterThan(0);
    expect(own.reduce((sum, total) => sum + total.lineCount, 0)).toBe(lines.n);
    expect(sumFen(own.map((total) => total.amount))).toBe(Number(lines.fen));
  });
});

describe('SETTLEMENT_JAN5 CSV export', () => {
  const csv = async (principal: Principal | null, path: string) => {
    const headers: Record<string, string> = principal
      ? { [PRINCIPAL_HEADER]: await signInternalToken(principal, TEST_INTERNAL_SECRET) }
      : {};
    return fetch(new URL(path, running.urls.applications), { headers });
  };

  it('answers UTF-8 CSV with a BOM, a Chinese and English header, the visible lines and their total', async () => {
    const county = await seeded('371602');
    const response = await csv(finance('371602'), county.csvUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^结算单编号 \(number\),年度 \(year\),/);
    expect(rows).toHaveLength(county.lineCount + 2);
    const amounts = rows.slice(1, -1).map((row) => row.split(',').at(-1)!);
    expect(sumFen(amounts)).toBe(fen(county.totalAmount));
    expect(rows.at(-1)).toMatch(new RegExp(`^合计 \\(total\\),.*,${county.totalAmount.replace('.', '\\.')}$`));
  });

  it('is scoped like the graph: a unit its own lines, another county the same 404 as unknown, no principal 401', async () => {
    const city = await seeded(CITY_REGION_CODE);
    const { unit } = app('A-2025-0029');
    const asUnit = (await (await csv(userUnit(unit), city.csvUrl)).text()).slice(1).trimEnd().split('\r\n');
    const unitLines = (await seeded(CITY_REGION_CODE, userUnit(unit))).lineCount;
    expect(asUnit).toHaveLength(unitLines + 2);
    expect(asUnit.slice(1, -1).every((row) => row.includes(unit.code))).toBe(true);
    const hidden = await csv(countyAuthority('371602'), city.csvUrl);
    const missing = await csv(countyAuthority('371602'), '/settlements/00000000-0000-4000-8000-000000000000.csv');
    expect([hidden.status, await hidden.text()]).toEqual([404, await missing.text()]);
    expect((await csv(null, city.csvUrl)).status).toBe(401);
    expect((await csv(bureau, '/settlements/00000000-0000-4000-8000-000000000000.csv')).status).toBe(404);
    expect((await csv(bureau, '/settlements/not-a-uuid.csv')).status).toBe(400);
  });
});

describe('SETTLEMENT_JAN5 with supervision down', () => {
  it('is SERVICE_UNAVAILABLE and creates nothing', async () => {
    await running.stopSubgraph('supervision');
    try {
      const before = await settlementCount(dataSource());
      const refused = await ask(countyAuthority('371625'), CREATE, { input: { year: 2025, regionCode: '371625' } });
      expect(codeOf(refused)).toBe('SERVICE_UNAVAILABLE');
      expect(await settlementCount(dataSource())).toBe(before);
      const correction = await seeded('371621', bureau, 2);
      const stillThere = await settlementRows(dataSource(), correction.id);
      expect(codeOf(await ask(countyAuthority('371621'), RECALCULATE, { id: correction.id, version: correction.version }))).toBe(
        'SERVICE_UNAVAILABLE',
      );
      expect(await settlementRows(dataSource(), correction.id)).toBe(stillThere);
    } finally {
      await running.startSubgraph('supervision');
    }
    // Back up, with 2025 roll-ups showing the county's system idle: its lines pay half (IDLE × 0.5).
    const { application } = app('A-2025-0038');
    await idleDays(application.systemId, application.unitId, application.providerId, '371625', 30);
    const created = ok(
      await ask<{ createSettlement: SettlementView }>(countyAuthority('371625'), CREATE, { input: { year: 2025, regionCode: '371625' } }),
    ).createSettlement;
    expect(created.lines.totalCount).toBe(application.resources.length);
    for (const { node } of created.lines.edges) {
      if (node.billedOnce) {
        // A delivery billed once is not a resource left idle: no utilisation factor.
        expect(node).toMatchObject({ utilisationFlag: 'IDLE', utilisationFactor: '1.00' });
        expect(fen(node.amount)).toBe(fen(node.unitPrice) * node.billedQuantity);
        continue;
      }
      expect(node).toMatchObject({
        utilisationFlag: 'IDLE',
        utilisationFactor: '0.50',
        serviceFrom: '2025-06-04',
        serviceUntil: '2025-12-31',
      });
      expect(fen(node.amount)).toBe(
        lineAmountFen({
          unitPriceFen: fen(node.unitPrice),
          quantity: node.billedQuantity,
          days: node.daysInService,
          daysInYear: 365,
          factorPermille: 500,
        }),
      );
    }
    expectTotalsEqualLines(created);
  });
});
