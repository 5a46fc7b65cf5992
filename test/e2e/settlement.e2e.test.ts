// ACCEPTANCE (SETTLEMENT_JAN5, 第十六条), through the gateway from a seeded stack: the 2025 settlement
// of 滨城区 (371602) lists only that county's units, its totals equal the sum of its lines, finance
// of the county exports it as CSV, and after confirmation by all four parties — the county
// authority, the centre, the unit and the provider — no mutation can change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayCode, expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
let stack: Stack;

const SETTLEMENT = `id number status version overdue totalAmount lineCount csvUrl
  providerTotals(first: 100) { edges { node { provider { id } amount } } }
  unitTotals(first: 100) { edges { node { unit { id region { code } } amount } } }
  lines(first: 100) { totalCount edges { node { id amount unit { id region { code } } provider { id } } } }
  confirmations(first: 100) { edges { node { party confirmed unit { id } provider { id } } } }`;

interface Settlement {
  id: string;
  number: string;
  status: string;
  version: number;
  overdue: boolean;
  totalAmount: string;
  lineCount: number;
  csvUrl: string;
  providerTotals: { edges: Array<{ node: { provider: { id: string }; amount: string } }> };
  unitTotals: { edges: Array<{ node: { unit: { id: string; region: { code: string } }; amount: string } }> };
  lines: {
    totalCount: number;
    edges: Array<{ node: { id: string; amount: string; unit: { id: string; region: { code: string } }; provider: { id: string } } }>;
  };
  confirmations: {
    edges: Array<{ node: { party: string; confirmed: boolean; unit: { id: string } | null; provider: { id: string } | null } }>;
  };
}

const fen = (amount: string) => {
  const [whole, cents = '00'] = amount.split('.');
  return Number(whole) * 100 + Number(cents);
};
const sum = (amounts: string[]) => amounts.reduce((total, amount) => total + fen(amount), 0);

async function countySettlement(token: string): Promise<Settlement> {
  const body = await stack.query<{ settlements: { edges: Array<{ node: Settlement }> } }>(
    token,
    `query { settlements(year: 2025, regionCode: "${COUNTY}", first: 10) { edges { node { ${SETTLEMENT} } } } }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data!.settlements.edges).toHaveLength(1);
  return body.data!.settlements.edges[0]!.node;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe('SETTLEMENT_JAN5 acceptance through the gateway', () => {
  let authority: string;
  let settlement: Settlement;

  beforeAll(async () => {
    authority = await stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY });
    settlement = await countySettlement(authority);
  });

  it("the 2025 settlement for 371602 lists only that county's units, and its totals equal the sum of its lines", async () => {
    expect(settlement).toMatchObject({ number: `JS-2025-${COUNTY}-1`, status: 'AWAITING_CONFIRMATION', overdue: true });
    expect(settlement.lines.totalCount).toBeGreaterThan(0);
    expect(settlement.lines.totalCount).toBe(settlement.lineCount);
    const countyUnits = new Set(stack.world.units.filter((unit) => unit.regionCode === COUNTY).map((unit) => unit.id));
    for (const { node } of settlement.lines.edges) {
      expect(node.unit.region.code).toBe(COUNTY);
      expect(countyUnits.has(node.unit.id)).toBe(true);
    }
    const lineSum = sum(settlement.lines.edges.map(({ node }) => node.amount));
    expect(fen(settlement.totalAmount)).toBe(lineSum);
    expect(sum(settlement.providerTotals.edges.map(({ node }) => node.amount))).toBe(lineSum);
    expect(sum(settlement.unitTotals.edges.map(({ node }) => node.amount))).toBe(lineSum);
    expect(settlement.unitTotals.edges.every(({ node }) => node.unit.region.code === COUNTY)).toBe(true);
  });

  it('a delivery (套·次) costs its price once in the year it went live; the rest is billed by the month (第八条、第十六条)', async () => {
    const body = await stack.query<{
      settlements: {
        edges: Array<{
          node: {
            lines: {
              edges: Array<{
                node: {
                  billedOnce: boolean;
                  unitPrice: string;
                  billedQuantity: number;
                  daysInService: number;
                  amount: string;
                  catalogEntry: { serviceItem?: { billingUnit: string } };
                };
              }>;
            };
          };
        }>;
      };
    }>(
      // The city's 2025 settlement: A-2025-0031 and -0034 each carried the migration service that year.
      await stack.token({ role: 'BUREAU' }),
      `query { settlements(year: 2025, regionCode: "371600", first: 1) { edges { node { lines(first: 100) { edges { node {
        billedOnce unitPrice billedQuantity daysInService amount catalogEntry { ... on BasicCatalogEntry { serviceItem { billingUnit } } }
      } } } } } } }`,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const lines = body.data!.settlements.edges[0]!.node.lines.edges.map(({ node }) => node);
    const once = lines.filter((line) => line.billedOnce);
    expect(once.length).toBeGreaterThan(0);
    for (const line of once) {
      expect(line.catalogEntry.serviceItem?.billingUnit).toBe('套·次');
      expect(fen(line.amount)).toBe(fen(line.unitPrice) * line.billedQuantity);
      expect(line.daysInService).toBeLessThan(365);
    }
    for (const line of lines.filter((candidate) => !candidate.billedOnce)) {
      expect(line.catalogEntry.serviceItem?.billingUnit ?? '·月').toMatch(/·月$/);
    }
  });

  it("the county's finance bureau exports it as CSV at the gateway, with the same total", async () => {
    const finance = await stack.token({ role: 'FINANCE', region: COUNTY });
    const response = await fetch(new URL(settlement.csvUrl, stack.gatewayUrl), { headers: { authorization: `Bearer ${finance}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    const rows = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toContain('金额（元） (amount)');
    expect(rows).toHaveLength(settlement.lineCount + 2);
    expect(sum(rows.slice(1, -1).map((row) => row.split(',').at(-1)!))).toBe(fen(settlement.totalAmount));
    // Providers, units, systems and catalog entries are named beside their ids (names asked of providers in one request).
    const header = rows[0]!.split(',');
    const column = (row: string, name: string) => row.split(',')[header.indexOf(name)]!;
    const providerNames = new Map(stack.world.providers.map((provider) => [provider.id, provider.name]));
    for (const row of rows.slice(1, -1)) {
      expect(column(row, '服务商名称 (providerName)')).toBe(providerNames.get(column(row, '服务商标识 (providerId)')));
      for (const name of ['预算单位名称 (unitName)', '系统名称 (systemName)', '目录条目名称 (catalogEntryName)'])
        expect(column(row, name)).not.toBe('');
    }
    const otherCounty = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371603' });
    // Another county's settlement is the same 404 as one that does not exist.
    const refused = await fetch(new URL(settlement.csvUrl, stack.gatewayUrl), { headers: { authorization: `Bearer ${otherCounty}` } });
    expect(refused.status).toBe(404);
    expect((await fetch(new URL(settlement.csvUrl, stack.gatewayUrl))).status).toBe(401);
  });

  it('after confirmation by all four parties no mutation can change it', async () => {
    const unitIds = settlement.confirmations.edges.filter(({ node }) => node.party === 'UNIT').map(({ node }) => node.unit!.id);
    const providerIds = settlement.confirmations.edges.filter(({ node }) => node.party === 'PROVIDER').map(({ node }) => node.provider!.id);
    expect(unitIds.length).toBeGreaterThan(0);
    expect(providerIds.length).toBeGreaterThan(0);
    const parties = [
      authority,
      await stack.token({ role: 'CENTER' }),
      ...(await Promise.all(unitIds.map((unit) => stack.token({ role: 'USER_UNIT', unit, region: COUNTY })))),
      ...(await Promise.all(providerIds.map((provider) => stack.token({ role: 'PROVIDER', provider })))),
    ];
    const confirm = `mutation($id: ID!, $version: Int!) { confirmSettlement(id: $id, version: $version) { status version } }`;
    let version = settlement.version;
    for (const token of parties) {
      const body = await stack.query<{ confirmSettlement: { status: string; version: number } }>(token, confirm, {
        id: settlement.id,
        version,
      });
      expect(body.errors).toBeUndefined();
      version = body.data!.confirmSettlement.version;
    }
    const confirmed = await countySettlement(authority);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.confirmations.edges.every(({ node }) => node.confirmed)).toBe(true);

    for (const token of parties) {
      expectGatewayRuleViolation(await stack.query(token, confirm, { id: settlement.id, version }), 'SETTLEMENT_JAN5', '第十六条');
    }
    expectGatewayRuleViolation(
      await stack.query(authority, `mutation($id: ID!, $version: Int!) { recalculateSettlement(id: $id, version: $version) { id } }`, {
        id: settlement.id,
        version,
      }),
      'SETTLEMENT_JAN5',
      '第十六条',
    );
    expectGatewayCode(
      await stack.query(authority, `mutation { createSettlement(input: { year: 2025, regionCode: "${COUNTY}" }) { id } }`),
      'CONFLICT',
    );
    // A correction is a new settlement; the confirmed one is left exactly as it was.
    const correction = await stack.query<{ correctSettlement: { number: string; status: string } }>(
      authority,
      `mutation($id: ID!, $version: Int!) { correctSettlement(id: $id, version: $version, reason: "验收：更正须另立结算单") { number status } }`,
      { id: settlement.id, version },
    );
    expect(correction.data?.correctSettlement).toEqual({ number: `JS-2025-${COUNTY}-2`, status: 'AWAITING_CONFIRMATION' });

    const after = await stack.query<{ settlement: Settlement }>(authority, `query($id: ID!) { settlement(id: $id) { ${SETTLEMENT} } }`, {
      id: settlement.id,
    });
    expect(after.data!.settlement).toEqual(confirmed);
  });
});
