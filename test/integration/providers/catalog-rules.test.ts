// CATALOG_CAP, CAP_LOWERS and SUPPLEMENTARY_FILED through the providers subgraph's GraphQL API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { applyProcurementPrice } from '../../../subgraphs/providers/catalogs/catalog.service';
import { assertCatalogEntryUsable } from '../../../subgraphs/providers/catalogs/supplementary.service';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import {
  BUREAU,
  CENTER,
  INSPUR,
  basicEntryId,
  expectErrorCode,
  expectNoErrors,
  expectRuleViolation,
  provider,
  snapshot,
  supplementaryId,
  world,
} from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const ENTRY_FIELDS = `id priceCapYuan listedPriceYuan capHistory(first: 100) { totalCount edges { node { previousCapYuan newCapYuan source sourceReference reason changedBy } } }`;

const SET_LISTED = `mutation($id: ID!, $price: String!) { setListedPrice(entryId: $id, priceYuan: $price) { ${ENTRY_FIELDS} } }`;
const LOWER = `mutation($id: ID!, $price: String!, $ref: String!) { lowerCapFromProcurement(entryId: $id, concludedPriceYuan: $price, procurementReference: $ref) { ${ENTRY_FIELDS} } }`;
const ENTRY = `query($id: ID!) { catalogEntry(id: $id) { ... on BasicCatalogEntry { ${ENTRY_FIELDS} } } }`;

interface EntryView {
  id: string;
  priceCapYuan: string;
  listedPriceYuan: string;
  capHistory: {
    totalCount: number;
    edges: Array<{
      node: {
        previousCapYuan: string | null;
        newCapYuan: string;
        source: string;
        sourceReference: string | null;
        reason: string | null;
        changedBy: string;
      };
    }>;
  };
}

async function entry(id: string): Promise<EntryView> {
  const result = await subgraph.query<{ catalogEntry: EntryView }>(BUREAU, ENTRY, { id });
  expectNoErrors(result);
  return result.data!.catalogEntry;
}

function worldEntry(providerCode: string, itemCode: string) {
  const id = basicEntryId(providerCode, itemCode);
  return world.basicCatalog.find((e) => e.id === id)!;
}

/** "380.00" plus or minus some fen, as a yuan string. */
function shift(yuan: string, fen: number): string {
  const total = Math.round(Number(yuan.replace('.', ''))) + fen;
  return `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
}

describe('CATALOG_CAP', () => {
  it('the seed keeps every listed price within its cap, with an INITIAL_AGREEMENT history', async () => {
    const seeded = await entry(basicEntryId('P-INSPUR', 'ECS-4C8G'));
    expect(seeded.capHistory.edges.map((e) => e.node.source)).toEqual(['INITIAL_AGREEMENT']);
    expect(seeded.capHistory.edges[0]!.node).toMatchObject({
      previousCapYuan: null,
      newCapYuan: seeded.priceCapYuan,
      sourceReference: '滨大数采〔2021〕8号',
    });
  });

  it('a provider may list its price at the cap, not one fen above; the refusal changes nothing', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'ECS-8C16G');
    const before = await snapshot(subgraph.dataSource);
    const refused = await subgraph.query(provider(INSPUR), SET_LISTED, { id, price: shift(priceCapYuan, 1) });
    expectRuleViolation(refused, 'CATALOG_CAP', '第八条');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);

    const accepted = await subgraph.query<{ setListedPrice: EntryView }>(provider(INSPUR), SET_LISTED, { id, price: priceCapYuan });
    expectNoErrors(accepted);
    expect(accepted.data!.setListedPrice.listedPriceYuan).toBe(priceCapYuan);
  });

  it('a procured price above the cap is refused and changes nothing', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'ECS-16C32G');
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(BUREAU, LOWER, { id, price: shift(priceCapYuan, 1), ref: 'A-2026-9001' }),
      'CATALOG_CAP',
      '第八条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('malformed money is BAD_USER_INPUT and changes nothing', async () => {
    const { id } = worldEntry('P-INSPUR', 'ECS-8C16G');
    const before = await snapshot(subgraph.dataSource);
    for (const price of ['380.001', '-1.00', '1e3', 'abc'])
      expectErrorCode(await subgraph.query(provider(INSPUR), SET_LISTED, { id, price }), 'BAD_USER_INPUT');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });
});

describe('CATALOG_CAP on a new basic-catalog entry', () => {
  const ADD = `mutation($input: BasicCatalogEntryInput!) { addBasicCatalogEntry(input: $input) { ${ENTRY_FIELDS} serviceItem { code } provider { code } } }`;
  const UNICOM = world.providers.find((p) => p.code === 'P-UNICOM')!.id;

  it('a listed price above the first cap is refused; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const input = { providerId: UNICOM, serviceItemCode: 'ECS-XC-8C16G', priceCapYuan: '800.00', listedPriceYuan: '800.01' };
    expectRuleViolation(await subgraph.query(BUREAU, ADD, { input }), 'CATALOG_CAP', '第八条');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('the bureau adds an entry: listed at the cap by default, history INITIAL_AGREEMENT; a duplicate is a CONFLICT', async () => {
    const input = { providerId: UNICOM, serviceItemCode: 'ECS-XC-8C16G', priceCapYuan: '800.00', sourceReference: '滨大数采〔2024〕14号' };
    const result = await subgraph.query<{ addBasicCatalogEntry: EntryView }>(BUREAU, ADD, { input });
    expectNoErrors(result);
    expect(result.data!.addBasicCatalogEntry).toMatchObject({
      priceCapYuan: '800.00',
      listedPriceYuan: '800.00',
      serviceItem: { code: 'ECS-XC-8C16G' },
      provider: { code: 'P-UNICOM' },
      capHistory: {
        totalCount: 1,
        edges: [
          { node: { previousCapYuan: null, newCapYuan: '800.00', source: 'INITIAL_AGREEMENT', sourceReference: '滨大数采〔2024〕14号' } },
        ],
      },
    });
    expectErrorCode(await subgraph.query(BUREAU, ADD, { input }), 'CONFLICT');
    expectErrorCode(await subgraph.query(BUREAU, ADD, { input: { ...input, serviceItemCode: 'NO-SUCH-ITEM' } }), 'NOT_FOUND');
  });
});

describe('CAP_LOWERS', () => {
  it('a procurement below the cap lowers it, records PROCUREMENT with the reference, and pulls the listed price down', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'RDS-MYSQL-4C8G');
    // List at the cap first, so the lowered cap must drag the listed price with it.
    expectNoErrors(await subgraph.query(provider(INSPUR), SET_LISTED, { id, price: priceCapYuan }));
    const concluded = shift(priceCapYuan, -5000);
    const result = await subgraph.query<{ lowerCapFromProcurement: EntryView }>(CENTER, LOWER, {
      id,
      price: concluded,
      ref: 'A-2026-0101',
    });
    expectNoErrors(result);
    const lowered = result.data!.lowerCapFromProcurement;
    expect(lowered.priceCapYuan).toBe(concluded);
    expect(lowered.listedPriceYuan).toBe(concluded);
    expect(lowered.capHistory.totalCount).toBe(2);
    expect(lowered.capHistory.edges[1]!.node).toMatchObject({
      previousCapYuan: priceCapYuan,
      newCapYuan: concluded,
      source: 'PROCUREMENT',
      sourceReference: 'A-2026-0101',
      changedBy: CENTER.subject,
    });
  });

  it('the same procurement delivered twice changes nothing the second time', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'RDS-MYSQL-4C8G');
    const concluded = shift(priceCapYuan, -5000);
    const before = await snapshot(subgraph.dataSource);
    const again = await subgraph.query<{ lowerCapFromProcurement: EntryView }>(BUREAU, LOWER, { id, price: concluded, ref: 'A-2026-0101' });
    expectNoErrors(again);
    expect(again.data!.lowerCapFromProcurement.capHistory.totalCount).toBe(2);
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('the same reference with another price is a CONFLICT', async () => {
    const { id } = worldEntry('P-INSPUR', 'RDS-MYSQL-4C8G');
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(await subgraph.query(BUREAU, LOWER, { id, price: '100.00', ref: 'A-2026-0101' }), 'CONFLICT');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a procurement at the cap leaves cap and history as they are', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'REDIS-8G');
    const result = await subgraph.query<{ lowerCapFromProcurement: EntryView }>(BUREAU, LOWER, {
      id,
      price: priceCapYuan,
      ref: 'A-2026-0102',
    });
    expectNoErrors(result);
    expect(result.data!.lowerCapFromProcurement.priceCapYuan).toBe(priceCapYuan);
    expect(result.data!.lowerCapFromProcurement.capHistory.totalCount).toBe(1);
  });

  it('a line procured free of charge leaves the cap, the listed price and the history as they are', async () => {
    const { id, priceCapYuan, listedPriceYuan } = worldEntry('P-INSPUR', 'REDIS-8G');
    const result = await subgraph.query<{ lowerCapFromProcurement: EntryView }>(BUREAU, LOWER, { id, price: '0.00', ref: 'A-2026-0103' });
    expectNoErrors(result);
    expect(result.data!.lowerCapFromProcurement).toMatchObject({ priceCapYuan, listedPriceYuan });
    expect(result.data!.lowerCapFromProcurement.capHistory.totalCount).toBe(1);
  });

  it('applyProcurementPrice, the service function for the job queue, is idempotent per reference', async () => {
    const { id, priceCapYuan } = worldEntry('P-UNICOM', 'SLB-STD');
    const concluded = shift(priceCapYuan, -100);
    await subgraph.dataSource.transaction((manager) => applyProcurementPrice(manager, id, concluded, 'A-2026-0200'));
    const once = await entry(id);
    await subgraph.dataSource.transaction((manager) => applyProcurementPrice(manager, id, concluded, 'A-2026-0200'));
    expect(await entry(id)).toEqual(once);
    expect(once.priceCapYuan).toBe(concluded);
    expect(once.capHistory.edges.at(-1)!.node).toMatchObject({
      source: 'PROCUREMENT',
      sourceReference: 'A-2026-0200',
      changedBy: 'system',
    });
  });

  it('the bureau may set a cap itself; the change is recorded as BUREAU_ADJUSTMENT with its reason', async () => {
    const { id } = worldEntry('P-INSPUR', 'EIP');
    const result = await subgraph.query<{ setPriceCap: EntryView }>(
      BUREAU,
      `mutation($id: ID!) { setPriceCap(entryId: $id, capYuan: "10.00", reason: "市场价格下降") { ${ENTRY_FIELDS} } }`,
      { id },
    );
    expectNoErrors(result);
    const adjusted = result.data!.setPriceCap;
    expect(adjusted).toMatchObject({ priceCapYuan: '10.00', listedPriceYuan: '10.00' });
    expect(adjusted.capHistory.edges.at(-1)!.node).toMatchObject({
      source: 'BUREAU_ADJUSTMENT',
      newCapYuan: '10.00',
      reason: '市场价格下降',
      changedBy: BUREAU.subject,
    });
  });
});

describe('CAP_LOWERS: caps move down with deals; a raise only as the first cap of a new agreement period (第八条、第九条)', () => {
  const SET_CAP = `mutation($id: ID!, $cap: String!, $agreement: String) {
    setPriceCap(entryId: $id, capYuan: $cap, reason: "新协议期重新采购确定的限价", newAgreementNumber: $agreement) { ${ENTRY_FIELDS} } }`;
  const raised = (cap: string) => (Number(cap) + 50).toFixed(2);

  async function refusedRaise(id: string, cap: string, agreement: string | null, says: string) {
    const before = await entry(id);
    const result = await subgraph.query(BUREAU, SET_CAP, { id, cap, agreement });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CAP_LOWERS', article: '第八条' });
    expect(result.errors?.[0]?.message).toContain(says);
    expect(await entry(id)).toEqual(before);
  }

  it('refuses a raise without a new agreement, or citing an expired or unknown one, changing nothing', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'EVS-SSD');
    await refusedRaise(id, raised(priceCapYuan), null, '只随实际采购的成交低价下调');
    await refusedRaise(id, raised(priceCapYuan), '滨大数采〔2021〕8号', '没有编号为');
    await refusedRaise(id, raised(priceCapYuan), '不存在的协议', '没有编号为');
  });

  it('lets the first cap of the new period through, recorded as INITIAL_AGREEMENT with the agreement and reason; a second raise is refused', async () => {
    const { id, priceCapYuan } = worldEntry('P-INSPUR', 'EVS-SSD');
    const result = await subgraph.query<{ setPriceCap: EntryView }>(BUREAU, SET_CAP, {
      id,
      cap: raised(priceCapYuan),
      agreement: '滨大数采〔2024〕12号',
    });
    expectNoErrors(result);
    expect(result.data!.setPriceCap.priceCapYuan).toBe(raised(priceCapYuan));
    expect(result.data!.setPriceCap.capHistory.edges.at(-1)!.node).toMatchObject({
      source: 'INITIAL_AGREEMENT',
      sourceReference: '滨大数采〔2024〕12号',
      previousCapYuan: priceCapYuan,
      newCapYuan: raised(priceCapYuan),
      reason: '新协议期重新采购确定的限价',
    });
    await refusedRaise(id, raised(raised(priceCapYuan)), '滨大数采〔2024〕12号', '期内已确定过该条目的限价');
  });
});

describe('SUPPLEMENTARY_FILED', () => {
  const PROMOTE = `mutation($id: ID!, $code: String!, $cap: String!) { promoteSupplementaryEntry(id: $id, serviceItemCode: $code, priceCapYuan: $cap) { id filingStatus usable promotedToEntry { id priceCapYuan listedPriceYuan serviceItem { code name } capHistory { edges { node { source sourceReference } } } } } }`;

  it('a PENDING entry cannot be promoted; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(BUREAU, PROMOTE, { id: supplementaryId('INSPUR-DEDICATED-HOST'), code: 'HOST-DEDICATED', cap: '9800.00' }),
      'SUPPLEMENTARY_FILED',
      '第八条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a FILED entry joins only a standard item of the same category and billing unit (第八条); nothing changes', async () => {
    // INSPUR-GPU-A10 is a compute service per month; 云备份 (BAK-CLOUD) is storage per GB·月.
    const before = await snapshot(subgraph.dataSource);
    const refused = await subgraph.query(BUREAU, PROMOTE, { id: supplementaryId('INSPUR-GPU-A10'), code: 'BAK-CLOUD', cap: '200.00' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serviceItemCode' });
    expect(refused.errors![0]!.message).toContain('计费单位');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a PENDING entry is not usable, a FILED one is (assertCatalogEntryUsable and the usable field)', async () => {
    const pending = supplementaryId('INSPUR-DEDICATED-HOST');
    const filed = supplementaryId('INSPUR-GPU-A10');
    const error = await subgraph.dataSource.transaction((manager) => assertCatalogEntryUsable(manager, pending)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GovCloudError);
    expect((error as GovCloudError).extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SUPPLEMENTARY_FILED', article: '第八条' });
    await expect(subgraph.dataSource.transaction((manager) => assertCatalogEntryUsable(manager, filed))).resolves.toMatchObject({
      kind: 'SUPPLEMENTARY',
    });
    await expect(
      subgraph.dataSource.transaction((manager) => assertCatalogEntryUsable(manager, basicEntryId('P-INSPUR', 'EIP'))),
    ).resolves.toMatchObject({ kind: 'BASIC' });

    const query = `query($a: ID!, $b: ID!) { a: catalogEntry(id: $a) { usable } b: catalogEntry(id: $b) { usable } }`;
    const result = await subgraph.query<{ a: { usable: boolean }; b: { usable: boolean } }>(BUREAU, query, { a: pending, b: filed });
    expect(result.data).toEqual({ a: { usable: false }, b: { usable: true } });
  });

  it('submit (provider) → file (bureau) → promote (bureau) moves an entry into the basic catalog', async () => {
    const submitted = await subgraph.query<{ submitSupplementaryEntry: { id: string; filingStatus: string; usable: boolean } }>(
      provider(INSPUR),
      `mutation { submitSupplementaryEntry(input: { code: "INSPUR-BIGDATA", name: "大数据计算服务", category: MIDDLEWARE, billingUnit: "CU·月", description: "Spark/Flink 托管计算资源", listedPriceYuan: "120.00" }) { id filingStatus usable } }`,
    );
    expectNoErrors(submitted);
    const { id } = submitted.data!.submitSupplementaryEntry;
    expect(submitted.data!.submitSupplementaryEntry).toMatchObject({ filingStatus: 'PENDING', usable: false });

    const filed = await subgraph.query(
      BUREAU,
      `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { filingStatus usable filedBy filedOn } }`,
      { id },
    );
    expectNoErrors(filed);
    expect(filed.data).toMatchObject({ fileSupplementaryEntry: { filingStatus: 'FILED', usable: true, filedBy: BUREAU.subject } });

    const promoted = await subgraph.query<{ promoteSupplementaryEntry: { promotedToEntry: Record<string, unknown> } }>(BUREAU, PROMOTE, {
      id,
      code: 'BIGDATA-CU',
      cap: '100.00',
    });
    expectNoErrors(promoted);
    expect(promoted.data!.promoteSupplementaryEntry).toMatchObject({
      filingStatus: 'PROMOTED',
      usable: false,
      promotedToEntry: {
        priceCapYuan: '100.00',
        listedPriceYuan: '100.00', // the listed 120.00 comes down to the new cap
        serviceItem: { code: 'BIGDATA-CU', name: '大数据计算服务' },
        capHistory: { edges: [{ node: { source: 'BUREAU_ADJUSTMENT', sourceReference: id } }] },
      },
    });
    const catalog = await subgraph.query<{ provider: { basicCatalog: { edges: Array<{ node: { serviceItem: { code: string } } }> } } }>(
      BUREAU,
      `query($id: ID!) { provider(id: $id) { basicCatalog(first: 100) { edges { node { serviceItem { code } } } } } }`,
      { id: INSPUR },
    );
    expect(catalog.data!.provider.basicCatalog.edges.map((e) => e.node.serviceItem.code)).toContain('BIGDATA-CU');
  });

  it('the centre files a supplementary entry as the bureau does (第八条: 由市大数据局、市大数据应用中心负责备案)', async () => {
    const submitted = await subgraph.query<{ submitSupplementaryEntry: { id: string } }>(
      provider(INSPUR),
      `mutation { submitSupplementaryEntry(input: { code: "INSPUR-CENTER-FILED", name: "日志审计服务", category: OTHER, billingUnit: "项·月", description: "日志集中审计", listedPriceYuan: "80.00" }) { id } }`,
    );
    expectNoErrors(submitted);
    const filed = await subgraph.query(
      CENTER,
      `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { filingStatus usable filedBy filedOn } }`,
      { id: submitted.data!.submitSupplementaryEntry.id },
    );
    expectNoErrors(filed);
    expect(filed.data).toMatchObject({ fileSupplementaryEntry: { filingStatus: 'FILED', usable: true, filedBy: CENTER.subject } });
  });

  it('a provider withdraws its own pending entry, which then stays unusable', async () => {
    const id = supplementaryId('INSPUR-DEDICATED-HOST');
    const result = await subgraph.query(
      provider(INSPUR),
      `mutation($id: ID!) { withdrawSupplementaryEntry(id: $id) { filingStatus usable } }`,
      { id },
    );
    expectNoErrors(result);
    expect(result.data).toEqual({ withdrawSupplementaryEntry: { filingStatus: 'WITHDRAWN', usable: false } });
    expectErrorCode(await subgraph.query(BUREAU, `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { id } }`, { id }), 'CONFLICT');
  });

  it('filing twice is a CONFLICT', async () => {
    expectErrorCode(
      await subgraph.query(BUREAU, `mutation($id: ID!) { fileSupplementaryEntry(id: $id) { id } }`, {
        id: supplementaryId('INSPUR-GPU-A10'),
      }),
      'CONFLICT',
    );
  });
});
