// Who may do what: role checks on every mutation, and agreement filters. What each principal sees,
// lookups outside the scope and 401 without a principal are in scope.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  AUDITOR,
  BUREAU,
  CENTER,
  CMCC,
  CTYUN,
  INSPUR,
  UNICOM,
  agreementId,
  basicEntryId,
  county,
  expectErrorCode,
  expectNoErrors,
  finance,
  provider,
  snapshot,
  supplementaryId,
  unit,
  world,
} from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const UNICOM_CITY = agreementId('滨大数采〔2024〕14号');
const INSPUR_ENTRY = basicEntryId('P-INSPUR', 'ECS-4C8G');

interface Attempt {
  name: string;
  mutation: string;
  variables?: Record<string, unknown>;
  /** The roles that may run it, as the refusal names them. */
  roles: string;
  /** Roles that may not run it at all: FORBIDDEN. */
  refused: Principal[];
  /** A caller of the right role whose scope does not reach the record: NOT_FOUND, like a missing record. */
  outOfScope?: { principal: Principal; notFound: string };
}

const ATTEMPTS: Attempt[] = [
  {
    name: 'designateProvider',
    roles: 'BUREAU',
    mutation: `mutation { designateProvider(id: "${CMCC}") { id } }`,
    refused: [CENTER, county('371602'), unit('371602'), provider(CMCC), AUDITOR],
  },
  {
    name: 'updateProviderQualification',
    roles: 'BUREAU',
    mutation: `mutation { updateProviderQualification(id: "${CMCC}", input: { cybersecurityReviewPassedOn: "2026-11-01" }) { id } }`,
    refused: [CENTER, provider(CMCC), unit('371600')],
  },
  {
    name: 'signCityAgreement',
    roles: 'BUREAU',
    mutation: `mutation($input: CityAgreementInput!) { signCityAgreement(input: $input) { id } }`,
    variables: {
      input: {
        providerId: UNICOM,
        number: 'X-1',
        signedOn: '2026-11-20',
        startsOn: '2027-07-01',
        endsOn: '2030-06-30',
        testEnvironmentDeliveryDays: 5,
        renewalTerms: 'r',
        exitTerms: 'e',
      },
    },
    refused: [CENTER, county('371602'), provider(UNICOM), unit('371600'), finance('371600')],
  },
  {
    name: 'signCountyAgreement',
    roles: 'COUNTY_AUTHORITY',
    mutation: `mutation { signCountyAgreement(input: { cityAgreementId: "${UNICOM_CITY}", regionCode: "371602", number: "X-2", signedOn: "2026-11-20" }) { id } }`,
    refused: [BUREAU, provider(UNICOM), unit('371602')],
  },
  {
    name: 'addBasicCatalogEntry',
    roles: 'BUREAU',
    mutation: `mutation { addBasicCatalogEntry(input: { providerId: "${UNICOM}", serviceItemCode: "ECS-XC-8C16G", priceCapYuan: "800.00" }) { id } }`,
    refused: [CENTER, provider(UNICOM), unit('371600')],
  },
  {
    name: 'setListedPrice',
    roles: 'PROVIDER',
    mutation: `mutation { setListedPrice(entryId: "${INSPUR_ENTRY}", priceYuan: "1.00") { id } }`,
    refused: [BUREAU, unit('371600')],
    outOfScope: { principal: provider(CTYUN), notFound: '基本目录条目不存在' },
  },
  {
    name: 'setPriceCap',
    roles: 'BUREAU',
    mutation: `mutation { setPriceCap(entryId: "${INSPUR_ENTRY}", capYuan: "1.00", reason: "x") { id } }`,
    refused: [CENTER, provider(INSPUR), county('371602')],
  },
  {
    name: 'lowerCapFromProcurement',
    roles: 'BUREAU、CENTER',
    mutation: `mutation { lowerCapFromProcurement(entryId: "${INSPUR_ENTRY}", concludedPriceYuan: "1.00", procurementReference: "A-1") { id } }`,
    refused: [provider(INSPUR), unit('371602'), county('371602'), AUDITOR],
  },
  {
    name: 'submitSupplementaryEntry',
    roles: 'PROVIDER',
    mutation: `mutation { submitSupplementaryEntry(input: { code: "X-NEW", name: "n", category: OTHER, billingUnit: "项", description: "d", listedPriceYuan: "1.00" }) { id } }`,
    refused: [BUREAU, unit('371600')],
  },
  {
    name: 'fileSupplementaryEntry',
    roles: 'BUREAU、CENTER',
    mutation: `mutation { fileSupplementaryEntry(id: "${supplementaryId('INSPUR-DEDICATED-HOST')}") { id } }`,
    refused: [provider(INSPUR), unit('371600'), AUDITOR],
  },
  {
    name: 'withdrawSupplementaryEntry',
    roles: 'PROVIDER',
    mutation: `mutation { withdrawSupplementaryEntry(id: "${supplementaryId('INSPUR-DEDICATED-HOST')}") { id } }`,
    refused: [BUREAU],
    outOfScope: { principal: provider(CTYUN), notFound: '补充目录条目不存在' },
  },
  {
    name: 'promoteSupplementaryEntry',
    roles: 'BUREAU',
    mutation: `mutation { promoteSupplementaryEntry(id: "${supplementaryId('INSPUR-GPU-A10')}", serviceItemCode: "GPU-A10", priceCapYuan: "5000.00") { id } }`,
    refused: [CENTER, provider(INSPUR)],
  },
  {
    name: 'startProviderExit',
    roles: 'BUREAU',
    mutation: `mutation { startProviderExit(input: { providerId: "${UNICOM}", reason: OTHER, startedOn: "2026-12-01", transitionEndsOn: "2027-03-01" }) { id } }`,
    refused: [CENTER, provider(UNICOM), county('371602'), unit('371600')],
  },
  {
    name: 'completeProviderExit',
    roles: 'BUREAU、CENTER',
    mutation: `mutation { completeProviderExit(exitId: "${UNICOM_CITY}") { id } }`,
    refused: [provider(UNICOM), county('371602'), unit('371600'), AUDITOR],
  },
];

describe('role checks', () => {
  it.each(ATTEMPTS)(
    '$name is FORBIDDEN to the roles it does not belong to, naming those it does, and changes nothing',
    async ({ name, mutation, variables, roles, refused }) => {
      const before = await snapshot(subgraph.dataSource);
      for (const principal of refused) {
        const result = await subgraph.query(principal, mutation, variables);
        expectErrorCode(result, 'FORBIDDEN');
        expect(result.errors![0]!.message, principal.role).toMatch(new RegExp(`^无权执行 ${name}：仅限 ${roles} `));
      }
      expect(await snapshot(subgraph.dataSource)).toEqual(before);
    },
  );

  it.each(ATTEMPTS.filter((attempt) => attempt.outOfScope))(
    "$name on another provider's record is NOT_FOUND, exactly like a missing record, and changes nothing",
    async ({ mutation, variables, outOfScope }) => {
      const before = await snapshot(subgraph.dataSource);
      const result = await subgraph.query(outOfScope!.principal, mutation, variables);
      expectErrorCode(result, 'NOT_FOUND');
      expect(result.errors![0]!.message).toBe(outOfScope!.notFound);
      expect(await snapshot(subgraph.dataSource)).toEqual(before);
    },
  );

  it('a record that does not exist answers the same NOT_FOUND as one out of scope', async () => {
    const missing = basicEntryId('P-CTYUN', 'NO-SUCH-ITEM');
    const result = await subgraph.query(provider(CTYUN), `mutation { setListedPrice(entryId: "${missing}", priceYuan: "1.00") { id } }`);
    expectErrorCode(result, 'NOT_FOUND');
    expect(result.errors![0]!.message).toBe('基本目录条目不存在');
  });

  it('a provider lists prices and submits entries for itself only', async () => {
    const ok = await subgraph.query(
      provider(INSPUR),
      `mutation { setListedPrice(entryId: "${INSPUR_ENTRY}", priceYuan: "1.00") { listedPriceYuan provider { id } } }`,
    );
    expectNoErrors(ok);
    expect(ok.data).toEqual({ setListedPrice: { listedPriceYuan: '1.00', provider: { id: INSPUR } } });
  });
});

describe('agreement visibility', () => {
  it('agreements filter by region, provider and status as of today', async () => {
    const query = `query($region: String, $provider: ID, $status: AgreementStatus) { agreements(first: 100, regionCode: $region, providerId: $provider, status: $status) { totalCount } }`;
    const count = async (variables: Record<string, unknown>) =>
      ((await subgraph.query(BUREAU, query, variables)).data as { agreements: { totalCount: number } }).agreements.totalCount;
    expect(await count({ region: '371602' })).toBe(world.agreements.filter((a) => a.regionCode === '371602').length);
    expect(await count({ provider: INSPUR })).toBe(world.agreements.filter((a) => a.providerId === INSPUR).length);
    expect(await count({ status: 'EXPIRED' })).toBe(world.agreements.filter((a) => a.status === 'EXPIRED').length);
    expect(await count({ status: 'ACTIVE', region: '371600' })).toBe(
      world.agreements.filter((a) => a.status === 'ACTIVE' && a.regionCode === '371600').length,
    );
  });

  it('a malformed region or provider filter is BAD_USER_INPUT naming the argument', async () => {
    const query = `query($region: String, $provider: ID) { agreements(regionCode: $region, providerId: $provider) { totalCount } }`;
    for (const [variables, field] of [
      [{ provider: 'not-a-uuid' }, 'providerId'],
      [{ region: '110000' }, 'regionCode'],
      [{ region: '' }, 'regionCode'],
    ] as const) {
      const result = await subgraph.query(BUREAU, query, variables);
      expectErrorCode(result, 'BAD_USER_INPUT');
      expect(result.errors![0].extensions?.field).toBe(field);
    }
  });

  it('nested agreements apply the same limits as the list (the list, lookups and _entities are in scope.test.ts)', async () => {
    const nested = await subgraph.query<{ provider: { agreements: { edges: Array<{ node: { region: { code: string } } }> } } }>(
      county('371602'),
      `query($id: ID!) { provider(id: $id) { agreements(first: 100) { edges { node { region { code } } } } } }`,
      { id: INSPUR },
    );
    expect(new Set(nested.data!.provider.agreements.edges.map((e) => e.node.region.code))).toEqual(new Set(['371600', '371602']));
  });

  it('a malformed agreement(id) is BAD_USER_INPUT (out of scope and missing: scope.test.ts)', async () => {
    expectErrorCode(await subgraph.query(county('371602'), `{ agreement(id: "not-a-uuid") { id } }`), 'BAD_USER_INPUT');
  });

  it('providers, service items and catalogs are visible to every role', async () => {
    const result = await subgraph.query(
      unit('371603'),
      `{ providers { totalCount } serviceItems { totalCount } provider(id: "${INSPUR}") { basicCatalog { totalCount } supplementaryCatalog { totalCount } } }`,
    );
    expect(result.data).toEqual({
      providers: { totalCount: world.providers.length },
      serviceItems: { totalCount: world.serviceItems.length },
      provider: {
        basicCatalog: { totalCount: world.basicCatalog.filter((e) => e.providerId === INSPUR).length },
        supplementaryCatalog: { totalCount: world.supplementaryCatalog.filter((e) => e.providerId === INSPUR).length },
      },
    });
  });
});
