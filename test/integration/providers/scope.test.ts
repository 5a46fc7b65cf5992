// Agreements are the providers subgraph's one scoped record (agreement-visibility.service.ts): a
// county authority, a county's finance bureau and a unit see the city's agreements and their own
// county's; a provider its own; the bureau, auditors and city finance everything. Providers, service
// items, catalogs and exits are public (access.test.ts).
import { afterAll, beforeAll } from 'vitest';
import type { Principal } from '../../../subgraphs/kit/principal';
import { CITY_REGION_CODE } from '../../../subgraphs/kit/regions';
import { describeScopeContract, type ScopeView } from '../../setup/scope-contract';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, unitWithSystems, userUnit } from '../../setup/principals';
import { AUDITOR, BUREAU, CTYUN, INSPUR, agreementId, county, finance, provider, unit, world } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const LISTS = `{ agreements(first: 100) { totalCount edges { node { id region { code } provider { id } } } } }`;

type Agreement = { region: { code: string }; provider: { id: string } };
type AgreementRecord = (typeof world.agreements)[number];

/** A view of exactly the world's agreements `keep` selects, every listed one satisfying `every`. */
function agreementsView(
  label: string,
  principal: Principal,
  keep: (agreement: AgreementRecord) => boolean,
  every?: (node: Agreement) => boolean,
): ScopeView {
  const expected = world.agreements.filter(keep);
  return {
    label,
    principal,
    lists: { agreements: { totalCount: expected.length, nonEmpty: true, idSet: expected.map((agreement) => agreement.id), every } },
  };
}

/** The city's agreements and one county's: what a county authority, county finance or a unit there sees. */
function cityAnd(label: string, principal: Principal, regionCode: string): ScopeView {
  const regions = [CITY_REGION_CODE, regionCode];
  return agreementsView(
    label,
    principal,
    (agreement) => regions.includes(agreement.regionCode),
    (node) => regions.includes(node.region.code),
  );
}

const countyUnit = unitWithSystems(BINCHENG);
const ZOUPING = '371681';
const zouPingAgreement = world.agreements.find((agreement) => agreement.regionCode === ZOUPING)!;
const inspurAgreement = world.agreements.find((agreement) => agreement.providerId === INSPUR)!;
const UNICOM_CITY = agreementId('滨大数采〔2024〕14号');
const AGREEMENT_BY_ID = `query ($id: ID!) { agreement(id: $id) { id } }`;

describeScopeContract('providers', {
  subgraph: () => subgraph,
  lists: LISTS,
  views: [
    agreementsView('the bureau (every agreement)', BUREAU, () => true),
    agreementsView('an auditor (every agreement)', AUDITOR, () => true),
    agreementsView('city finance (every agreement)', finance(CITY_REGION_CODE), () => true),
    cityAnd('a county authority of 371602 (the city’s and its county’s)', county(BINCHENG), BINCHENG),
    cityAnd('county finance of 371681 (the city’s and its county’s)', finance(ZOUPING), ZOUPING),
    cityAnd('a city unit (the city’s)', unit(CITY_REGION_CODE), CITY_REGION_CODE),
    cityAnd('a unit of 371602 (the city’s and its county’s)', userUnit(countyUnit), BINCHENG),
    agreementsView(
      'a provider (its own)',
      provider(CTYUN),
      (agreement) => agreement.providerId === CTYUN,
      (node) => node.provider.id === CTYUN,
    ),
  ],
  byId: [
    { query: AGREEMENT_BY_ID, field: 'agreement', outsideId: zouPingAgreement.id, principal: county(BINCHENG), seenBy: county(ZOUPING) },
    { query: AGREEMENT_BY_ID, field: 'agreement', outsideId: inspurAgreement.id, principal: provider(CTYUN), seenBy: provider(INSPUR) },
  ],
  entities: { typename: 'Agreement', insideId: UNICOM_CITY, outsideId: zouPingAgreement.id, principal: county(BINCHENG) },
  unauthenticated: [
    { query: '{ providers { totalCount } }', expectNoData: true },
    {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { name } } }`,
      variables: { r: [{ __typename: 'Provider', id: INSPUR }] },
    },
  ],
});
