// DESIGNATED_PROVIDER (第十一条) through GraphQL: creating and submitting an application asks the
// providers subgraph, as the unit, whether the provider takes new applications and holds an
// agreement in force at the unit's level; a refusal or an unreachable providers changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P_CMCC, P_INSPUR, P_UNICOM } from '../../../seed/world/providers';
import type { Principal } from '../../../subgraphs/kit/principal';
import { CITY_REGION_CODE } from '../../../subgraphs/kit/regions';
import { postGraphQL, startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, providerByCode, providerPrincipal, userUnit, world } from '../../setup/principals';
import { ALL_MATERIALS, countyCase, expectRefused, expectRefusedUnchanged, mutate, newSystemOf, uploadTo } from './lifecycle-helpers';

const { unit, system, provider, entries } = countyCase();
const unitPrincipal = userUnit(unit);
const candidate = providerByCode(P_CMCC);
// Designated, with a city agreement, but none in 滨城区.
const noCountyAgreement = providerByCode(P_UNICOM);

/** Every application and audit event: a refused createApplication must leave both as they were. */
async function totals(subgraph: SubgraphForTest): Promise<unknown> {
  const [row] = await subgraph.dataSource.query(
    `SELECT (SELECT count(*)::int FROM "applications"."application") AS applications,
            (SELECT count(*)::int FROM "applications"."application_event") AS events`,
  );
  return row;
}

const create = (subgraph: SubgraphForTest, providerId?: string, principal = unitPrincipal, systemId = system.id) =>
  mutate(subgraph, principal, 'createApplication', 'input: $create', { create: { systemId, kind: 'NEW', providerId } });

async function versionOf(subgraph: SubgraphForTest, id: string): Promise<number> {
  const [row] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [id]);
  return row.version as number;
}

describe('DESIGNATED_PROVIDER with the providers subgraph running', () => {
  let subgraph: SubgraphForTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  /** A draft of the county unit with its system's provider, complete enough to submit. */
  async function readyDraft(): Promise<{ id: string; version: number }> {
    const created = await create(subgraph, provider.id, unitPrincipal, await newSystemOf(subgraph, unit, provider.id));
    expect(created.errors).toBeUndefined();
    const { id, version } = created.data!.createApplication!;
    const updated = await mutate(subgraph, unitPrincipal, 'updateApplicationDraft', 'id: $id, version: $version, input: $input', {
      id,
      version,
      input: { resourceLines: [{ catalogEntryId: entries[0]!.id, quantity: 2 }] },
    });
    expect(updated.errors).toBeUndefined();
    return { id, version: await uploadTo(subgraph, unitPrincipal, id, ALL_MATERIALS) };
  }

  /**
   * `step` is refused, changing nothing, while the provider is exiting (DESIGNATED_PROVIDER) and while
   * its qualification has lapsed (PROVIDER_QUALIFIED, 第七条、第二十条, which stops new applications as
   * an exit does); the provider is restored after each.
   */
  async function expectRefusedWhileExitingOrLapsed(id: string, step: () => ReturnType<typeof mutate>): Promise<void> {
    await subgraph.dataSource.query(`UPDATE "providers"."provider" SET status = 'EXITING' WHERE id = $1`, [provider.id]);
    await expectRefusedUnchanged(subgraph, id, step, 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    await subgraph.dataSource.query(`UPDATE "providers"."provider" SET status = 'DESIGNATED' WHERE id = $1`, [provider.id]);
    const [{ until }] = await subgraph.dataSource.query(
      `SELECT qualification_valid_until::text AS until FROM "providers"."provider" WHERE id = $1`,
      [provider.id],
    );
    await subgraph.dataSource.query(`UPDATE "providers"."provider" SET qualification_valid_until = '2026-10-31' WHERE id = $1`, [
      provider.id,
    ]);
    await expectRefusedUnchanged(subgraph, id, step, 'RULE_VIOLATION', 'PROVIDER_QUALIFIED', '第七条');
    await subgraph.dataSource.query(`UPDATE "providers"."provider" SET qualification_valid_until = $2 WHERE id = $1`, [provider.id, until]);
  }

  it('refuses to create with the candidate provider or one without an agreement in the county, naming provider and level', async () => {
    const before = await totals(subgraph);
    const byCandidate = await create(subgraph, candidate.id);
    expectRefused(byCandidate, 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    expect(byCandidate.errors![0]!.message).toContain(candidate.name);
    const elsewhere = await create(subgraph, noCountyAgreement.id);
    expectRefused(elsewhere, 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    expect(elsewhere.errors![0]!.message).toContain(noCountyAgreement.name);
    expect(elsewhere.errors![0]!.message).toContain('县级（滨城区，371602）');
    expect(await totals(subgraph)).toEqual(before);
  });

  it('a city unit is checked at the city level: the same provider is accepted for it', async () => {
    const cityUnit = world.units.find(
      (candidateUnit) =>
        candidateUnit.regionCode === CITY_REGION_CODE &&
        world.systems.some((s) => s.unitId === candidateUnit.id && s.deploymentMode === 'ON_CLOUD'),
    )!;
    const citySystem = world.systems.find((s) => s.unitId === cityUnit.id && s.deploymentMode === 'ON_CLOUD')!;
    const created = await create(subgraph, noCountyAgreement.id, userUnit(cityUnit), citySystem.id);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createApplication).toMatchObject({ status: 'DRAFT' });
  });

  it('an application choosing another provider for a hosted system is the chosen provider’s to see, not the host’s', async () => {
    // A city system of its own (a system has one open application at a time), hosted by another provider.
    const owner = world.units.find((candidateUnit) => candidateUnit.regionCode === CITY_REGION_CODE)!;
    const host = providerByCode(P_INSPUR);
    const citySystemId = await newSystemOf(subgraph, owner, host.id);
    const created = await create(subgraph, noCountyAgreement.id, userUnit(owner), citySystemId);
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createApplication!;
    const LOOK = `query ($id: ID!) { application(id: $id) { id } applications(first: 100) { edges { node { id } } } }`;
    const seenBy = async (principal: Principal) => {
      const answer = await postGraphQL<{ application: { id: string } | null; applications: { edges: Array<{ node: { id: string } }> } }>(
        subgraph.url,
        principal,
        LOOK,
        { id },
      );
      expect(answer.errors).toBeUndefined();
      return { byId: answer.data!.application?.id ?? null, listed: answer.data!.applications.edges.some((edge) => edge.node.id === id) };
    };
    expect(await seenBy(providerPrincipal(noCountyAgreement))).toEqual({ byId: id, listed: true });
    expect(await seenBy(providerPrincipal(host))).toEqual({ byId: null, listed: false });
  });

  it('refuses to update a draft whose provider began its exit or whose qualification lapsed, changing nothing', async () => {
    const { id, version } = await readyDraft();
    const update = () =>
      mutate(subgraph, unitPrincipal, 'updateApplicationDraft', 'id: $id, version: $version, input: $input', {
        id,
        version,
        input: { resourceLines: [{ catalogEntryId: entries[0]!.id, quantity: 3 }] },
      });
    await expectRefusedWhileExitingOrLapsed(id, update);
    const updated = await update();
    expect(updated.errors).toBeUndefined();
  });

  it('refuses to submit when the provider lost its county agreement, began its exit, or is a candidate', async () => {
    const { id, version } = await readyDraft();
    const submit = () => mutate(subgraph, unitPrincipal, 'submitApplication', 'id: $id, version: $version', { id, version });
    const agreementIn = `provider_id = $1 AND region_code = '${BINCHENG}' AND status = 'ACTIVE'`;
    const lapsed = await subgraph.dataSource.query(
      `UPDATE "providers"."agreement" SET status = 'EXPIRED' WHERE ${agreementIn} RETURNING id`,
      [provider.id],
    );
    expect(lapsed[0]).toHaveLength(1);
    await expectRefusedUnchanged(subgraph, id, submit, 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    await subgraph.dataSource.query(`UPDATE "providers"."agreement" SET status = 'ACTIVE' WHERE id = $1`, [lapsed[0][0].id]);

    await expectRefusedWhileExitingOrLapsed(id, submit);

    // A draft written before the check existed may name the candidate; submitting it is refused.
    await subgraph.dataSource.query(`UPDATE "applications"."application" SET provider_id = $2 WHERE id = $1`, [id, candidate.id]);
    await expectRefusedUnchanged(subgraph, id, submit, 'RULE_VIOLATION', 'DESIGNATED_PROVIDER', '第十一条');
    await subgraph.dataSource.query(`UPDATE "applications"."application" SET provider_id = $2 WHERE id = $1`, [id, provider.id]);

    const submitted = await submit();
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitApplication).toMatchObject({ status: 'SUBMITTED' });
  });
});

describe('DESIGNATED_PROVIDER with the providers subgraph down', () => {
  let subgraph: SubgraphForTest;
  beforeAll(async () => {
    // Alone: the providers URL points at a closed port.
    subgraph = await startSubgraphForTest('applications', { seed: true });
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  it('creating is SERVICE_UNAVAILABLE, never a pass, and writes nothing', async () => {
    const before = await totals(subgraph);
    const result = await create(subgraph, provider.id);
    expectRefused(result, 'SERVICE_UNAVAILABLE');
    expect(await totals(subgraph)).toEqual(before);
  });

  it('submitting a complete draft is SERVICE_UNAVAILABLE and leaves it a draft', async () => {
    const draft = world.applications.find(
      (application) => application.state === 'DRAFT' && application.materials.length === ALL_MATERIALS.length,
    )!;
    const owner = userUnit(world.units.find((candidateUnit) => candidateUnit.id === draft.unitId)!);
    const version = await versionOf(subgraph, draft.id);
    await expectRefusedUnchanged(
      subgraph,
      draft.id,
      () => mutate(subgraph, owner, 'submitApplication', 'id: $id, version: $version', { id: draft.id, version }),
      'SERVICE_UNAVAILABLE',
    );
  });
});
