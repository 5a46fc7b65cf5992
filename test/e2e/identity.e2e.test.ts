// Who is asking, and what a lookup may reveal, through the gateway over real HTTP on the seeded
// world: principals that do not fit the directory are refused before any resolver runs; a record
// outside the caller's scope answers exactly like one that does not exist, in every by-id field, in
// `_entities`, in material downloads and CSV exports; a malformed id is BAD_USER_INPUT everywhere.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryPathOf } from '../../subgraphs/kit/directory';
import { DIRECTORY_TOKEN_HEADER, PRINCIPAL_HEADER, signDirectoryToken, signInternalToken } from '../../subgraphs/kit/internal-token';
import { Role } from '../../subgraphs/kit/principal';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const OTHER_COUNTY = '371603';
const MISSING = '00000000-0000-4000-8000-000000000000';

let stack: Stack;
let bureau: string;
let otherCounty: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  otherCounty = await stack.token({ role: 'COUNTY_AUTHORITY', region: OTHER_COUNTY });
});

afterAll(async () => {
  await stack?.stop();
});

const UNITS_QUERY = '{ units(first: 1) { totalCount } }';

async function answer(token: string, query = UNITS_QUERY) {
  const { status, ...body } = await stack.query(token, query);
  return { status, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message ?? '', data: body.data };
}

describe('identity checked against the directory, before any resolver runs', () => {
  const unitOf = (regionCode: string, index = 0) => stack.world.units.filter((unit) => unit.regionCode === regionCode)[index]!;

  it.each([
    ['FINANCE without a region', { role: 'FINANCE' }, /缺少声明 region/],
    ['a unit id that is not a uuid', { role: 'USER_UNIT', unit: 'U-371602-001', region: COUNTY }, /unit 声明须为有效的标识/],
    ['a provider id that is not a uuid', { role: 'PROVIDER', provider: "x' OR 1=1 --" }, /provider 声明须为有效的标识/],
    ['a region Binzhou does not have', { role: 'COUNTY_AUTHORITY', region: '110101' }, /区划代码 110101 不是滨州市/],
  ])('refuses %s with 401 and says why', async (_label, claims, reason) => {
    const refused = await answer(await stack.tokenUnchecked(claims));
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refused.message).toMatch(reason);
    expect(refused.data).toBeUndefined();
  });

  it('refuses a unit or provider that does not exist with 401', async () => {
    const unit = await answer(await stack.token({ role: 'USER_UNIT', unit: randomUUID(), region: COUNTY }));
    expect(unit).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/使用单位 .* 不存在/) });
    const provider = await answer(await stack.token({ role: 'PROVIDER', provider: randomUUID() }));
    expect(provider).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/定点服务商 .* 不存在/) });
  });

  it('refuses a county authority for the city level (403): it would read the whole city', async () => {
    const refused = await answer(await stack.tokenUnchecked({ role: 'COUNTY_AUTHORITY', region: '371600' }));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/县级主管部门只能对应所辖七个县/) });
    expect(refused.data).toBeUndefined();
  });

  it('refuses a unit claiming a region that is not its own (403)', async () => {
    const unit = unitOf(COUNTY);
    const refused = await answer(await stack.token({ role: 'USER_UNIT', unit: unit.id, region: OTHER_COUNTY }));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.message).toContain(`使用单位 ${unit.code} 属于区划 ${COUNTY}，令牌却声明 ${OTHER_COUNTY}`);
  });

  it('refuses a unit that is no longer active (403)', async () => {
    const unit = unitOf('371621', 3);
    await stack.dataSources.applications.query(`UPDATE "applications"."unit" SET active = false WHERE id = $1`, [unit.id]);
    const refused = await answer(await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode }));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringContaining('已撤销或合并') });
  });

  it('accepts city finance, county finance, a unit in its region and an existing provider', async () => {
    const unit = unitOf(COUNTY);
    const provider = stack.world.providers[0]!;
    for (const claims of [
      { role: 'FINANCE', region: '371600' },
      { role: 'FINANCE', region: COUNTY },
      { role: 'USER_UNIT', unit: unit.id, region: COUNTY },
      { role: 'PROVIDER', provider: provider.id },
    ]) {
      const accepted = await answer(await stack.token(claims));
      expect(accepted.code, JSON.stringify(claims)).toBeUndefined();
      expect(accepted.status).toBe(200);
    }
  });

  it('refuses material downloads and CSV exports to a principal the directory refuses, the same way', async () => {
    const token = await stack.tokenUnchecked({ role: 'COUNTY_AUTHORITY', region: '371600' });
    for (const path of [`/materials/${MISSING}`, `/settlements/${MISSING}.csv`]) {
      const response = await fetch(new URL(path, stack.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(403);
    }
  });

  it('answers 503 when the directory cannot be asked, and lets nobody through on a guess', async () => {
    const unit = unitOf('371622');
    const provider = stack.world.providers[1]!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    const providerToken = await stack.token({ role: 'PROVIDER', provider: provider.id });
    await stack.stopSubgraph('applications');
    await stack.stopSubgraph('providers');
    try {
      for (const token of [unitToken, providerToken]) {
        const refused = await answer(token);
        expect(refused).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('暂时无法核验身份') });
      }
    } finally {
      await stack.startSubgraph('applications');
      await stack.startSubgraph('providers');
    }
    expect((await answer(unitToken)).status).toBe(200);
  });
});

describe('the directory routes', () => {
  it('answer the gateway’s directory token only: not a client, not a forwarded principal', async () => {
    const unit = stack.world.units[0]!;
    const url = new URL(directoryPathOf('units', unit.id), stack.subgraphUrls.applications);
    const principalToken = await signInternalToken({ subject: 'x', role: Role.BUREAU }, stack.internalTokenSecret);
    const refusedHeaders: Array<Record<string, string>> = [
      {},
      { [DIRECTORY_TOKEN_HEADER]: principalToken },
      { [PRINCIPAL_HEADER]: principalToken },
    ];
    for (const headers of refusedHeaders) {
      expect((await fetch(url, { headers })).status).toBe(401);
    }
    const asked = await fetch(url, { headers: { [DIRECTORY_TOKEN_HEADER]: await signDirectoryToken(stack.internalTokenSecret) } });
    expect(await asked.json()).toEqual({ entry: { id: unit.id, code: unit.code, regionCode: unit.regionCode, active: true } });
    const providers = new URL(directoryPathOf('providers', randomUUID()), stack.subgraphUrls.providers);
    expect(
      await (await fetch(providers, { headers: { [DIRECTORY_TOKEN_HEADER]: await signDirectoryToken(stack.internalTokenSecret) } })).json(),
    ).toEqual({
      entry: null,
    });
  });
});

/** A by-id field, how to find a record of another county's (or another provider's), and who must not see it. */
interface ByIdCase {
  field: string;
  type: string;
  /** A query as the bureau that lists candidates; `pick` chooses one outside `outsider`'s scope. */
  list: string;
  pick: (data: Record<string, unknown>) => string | undefined;
  outsider: () => Promise<string>;
}

type Edges = { edges: Array<{ node: Record<string, unknown> & { id: string; region?: { code: string } | null } }> };
const nodes = (data: Record<string, unknown>, field: string) => (data[field] as Edges).edges.map((edge) => edge.node);
const inCounty = (field: string) => (data: Record<string, unknown>) => nodes(data, field).find((node) => node.region?.code === COUNTY)?.id;
const providerToken = (code: string) => async () =>
  stack.token({ role: 'PROVIDER', provider: stack.world.providers.find((provider) => provider.code === code)!.id });

const BY_ID: ByIdCase[] = [
  {
    field: 'unit',
    type: 'Unit',
    list: '{ units(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('units'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'system',
    type: 'InformationSystem',
    list: '{ systems(first: 100, regionCode: "371602") { edges { node { id region { code } } } } }',
    pick: inCounty('systems'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'application',
    type: 'Application',
    list: '{ applications(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('applications'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'settlement',
    type: 'Settlement',
    list: '{ settlements(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('settlements'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'securityAgreement',
    type: 'SecurityAgreement',
    list: '{ securityAgreements(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('securityAgreements'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'mlpsRecord',
    type: 'MlpsRecord',
    list: '{ mlpsRecords(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('mlpsRecords'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'accessGrant',
    type: 'AccessGrant',
    list: '{ accessGrants(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('accessGrants'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'securityInspection',
    type: 'SecurityInspection',
    list: '{ securityInspections(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('securityInspections'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'inspectionFinding',
    type: 'InspectionFinding',
    list: '{ securityInspections(first: 100) { edges { node { id region { code } findings(first: 1) { edges { node { id } } } } } } }',
    pick: (data) =>
      (
        nodes(data, 'securityInspections').find((node) => node.region?.code === COUNTY && (node.findings as Edges).edges.length > 0)
          ?.findings as Edges | undefined
      )?.edges[0]?.node.id,
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'securityIncident',
    type: 'SecurityIncident',
    list: '{ securityIncidents(first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('securityIncidents'),
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'agreement',
    type: 'Agreement',
    list: '{ agreements(first: 100, regionCode: "371681") { edges { node { id region { code } } } } }',
    pick: (data) => nodes(data, 'agreements')[0]?.id,
    outsider: () => stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY }),
  },
  {
    field: 'securityBulletin',
    type: 'SecurityBulletin',
    // Platforms' bulletins are the city-wide roles' and the providers' business, not a county's (第二十条).
    list: '{ securityBulletins(first: 100) { edges { node { id } } } }',
    pick: (data) => nodes(data, 'securityBulletins')[0]?.id,
    outsider: () => Promise.resolve(otherCounty),
  },
  {
    field: 'providerEvaluation',
    type: 'ProviderEvaluation',
    list: '{ providerEvaluations(first: 100) { edges { node { id provider { code } } } } }',
    pick: (data) => nodes(data, 'providerEvaluations').find((node) => (node.provider as { code: string }).code === 'P-INSPUR')?.id,
    outsider: providerToken('P-UNICOM'),
  },
  {
    field: 'unitPerformanceResult',
    type: 'UnitPerformanceResult',
    list: '{ unitPerformanceResults(year: 2025, first: 100) { edges { node { id region { code } } } } }',
    pick: inCounty('unitPerformanceResults'),
    outsider: providerToken('P-UNICOM'),
  },
];

/** Every by-id root field with an `id: ID!` argument (kit/lookup.ts's rule applies to all of them). */
const ID_FIELDS = [...BY_ID.map((c) => c.field), 'provider', 'catalogEntry', 'providerExit'];

describe('not found means not found', () => {
  it.each(BY_ID)('$field: another county’s (or provider’s) record answers exactly like a missing one', async (c) => {
    const listed = await stack.query<Record<string, unknown>>(bureau, c.list);
    expect(listed.errors, c.list).toBeUndefined();
    const id = c.pick(listed.data!);
    expect(id, `no ${c.type} to test with`).toBeDefined();
    const query = `query($id: ID!) { ${c.field}(id: $id) { id } }`;
    // The record exists: the bureau sees it.
    expect((await stack.query<Record<string, { id: string }>>(bureau, query, { id })).data?.[c.field]?.id).toBe(id);
    const outsider = await c.outsider();
    const hidden = await stack.query(outsider, query, { id });
    const missing = await stack.query(outsider, query, { id: MISSING });
    expect(hidden).toEqual(missing);
    expect(missing).toEqual({ status: 200, data: { [c.field]: null } });
  });

  it('_entities: another county’s unit, system and application resolve to null like missing ones', async () => {
    const other = stack.world.units.find((unit) => unit.regionCode === COUNTY)!;
    const system = stack.world.systems.find((candidate) => candidate.regionCode === COUNTY)!;
    const principal = { subject: 'e2e', role: Role.COUNTY_AUTHORITY, regionCode: OTHER_COUNTY };
    const entities = async (representations: Array<Record<string, string>>) =>
      postGraphQL(
        stack.subgraphUrls.applications,
        null,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Unit { id } ... on InformationSystem { id } } }',
        { r: representations },
        { [PRINCIPAL_HEADER]: await signInternalToken(principal, stack.internalTokenSecret) },
      );
    const hidden = await entities([
      { __typename: 'Unit', id: other.id },
      { __typename: 'InformationSystem', id: system.id },
    ]);
    const missing = await entities([
      { __typename: 'Unit', id: MISSING },
      { __typename: 'InformationSystem', id: MISSING },
    ]);
    expect(hidden).toEqual(missing);
    expect(missing).toEqual({ status: 200, data: { _entities: [null, null] } });
  });

  it('/materials/<file id>: another county gets the very 404 a missing file gets', async () => {
    const body = await stack.query<{ applications: Edges }>(
      bureau,
      '{ applications(first: 100) { edges { node { id region { code } materials { downloadUrl } } } } }',
    );
    const url = body
      .data!.applications.edges.map((edge) => edge.node)
      .filter((node) => node.region?.code === COUNTY)
      .flatMap((node) => (node.materials as Array<{ downloadUrl: string | null }>).map((m) => m.downloadUrl))
      .find(Boolean)!;
    expect(url).toBeDefined();
    const get = async (token: string, path: string) => {
      const response = await fetch(new URL(path, stack.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    expect((await get(bureau, url)).status).toBe(200);
    const hidden = await get(otherCounty, url);
    const missing = await get(otherCounty, `/materials/${randomUUID()}`);
    expect(hidden).toEqual(missing);
    expect(missing.status).toBe(404);
    const malformed = await get(otherCounty, '/materials/not-a-uuid');
    expect([malformed.status, JSON.parse(malformed.body).errors[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', field: 'fileId' }]);
  });

  it('/settlements/<id>.csv: another county gets the very 404 a missing settlement gets', async () => {
    const body = await stack.query<{ settlements: Edges }>(
      bureau,
      '{ settlements(first: 100) { edges { node { id region { code } csvUrl } } } }',
    );
    const csvUrl = nodes(body.data!, 'settlements').find((node) => node.region?.code === COUNTY)!.csvUrl as string;
    const get = async (token: string, path: string) => {
      const response = await fetch(new URL(path, stack.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    expect((await get(bureau, csvUrl)).status).toBe(200);
    const hidden = await get(otherCounty, csvUrl);
    const missing = await get(otherCounty, `/settlements/${randomUUID()}.csv`);
    expect(hidden).toEqual(missing);
    expect(missing.status).toBe(404);
    const malformed = await get(otherCounty, '/settlements/not-a-uuid.csv');
    expect(malformed.status).toBe(400);
  });
});

describe('malformed ids', () => {
  it.each(ID_FIELDS)('%s(id: "not-a-uuid") is BAD_USER_INPUT on id, like every other by-id field', async (field) => {
    const { status, ...body } = await stack.query(bureau, `{ ${field}(id: "not-a-uuid") { id } }`);
    expect(status).toBe(200);
    expect(body.data).toEqual({ [field]: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: 'id 须为有效的标识 (UUID)，收到 "not-a-uuid" (id must be a UUID)',
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
  });

  it('exitMigrationProgress(exitId) is BAD_USER_INPUT on exitId', async () => {
    const body = await stack.query(bureau, '{ exitMigrationProgress(exitId: "x") { total } }');
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitId' });
  });

  it('a provider or unit code where an id is expected points to providerByCode / unitByCode, which find it', async () => {
    const inspur = await stack.query(bureau, '{ provider(id: "P-INSPUR") { id } }');
    expect(inspur.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(inspur.errors![0]!.message).toContain('按编码查询请用 providerByCode(code)');
    const unit = await stack.query(bureau, '{ unit(id: "U-371602-001") { id } }');
    expect(unit.errors![0]!.message).toContain('按编码查询请用 unitByCode(code)');

    const byCode = await stack.query<{ providerByCode: { id: string }; unitByCode: { id: string } }>(
      bureau,
      '{ providerByCode(code: "P-INSPUR") { id } unitByCode(code: "U-371602-001") { id } }',
    );
    expect(byCode.data).toEqual({
      providerByCode: { id: stack.world.providers.find((p) => p.code === 'P-INSPUR')!.id },
      unitByCode: { id: stack.world.units.find((u) => u.code === 'U-371602-001')!.id },
    });
    // Another county's unit by code is null, as a missing code is.
    const hidden = await stack.query(otherCounty, '{ unitByCode(code: "U-371602-001") { id } }');
    const missing = await stack.query(otherCounty, '{ unitByCode(code: "U-371602-999") { id } }');
    expect(hidden).toEqual(missing);
  });
});
