// Shared by the applications lifecycle integration tests: the world facts they act on, the
// GraphQL they send, and a check that a refused mutation changed nothing.
import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { uploadMaterials } from '../../setup/materials';
import type { GraphQLResult, SubgraphForTest } from '../../setup/subgraph';
import { userUnit, world } from '../../setup/principals';
import type { UnitRecord } from '../../../seed/world';

export const center: Principal = { subject: 'test-center', role: Role.CENTER };
export const auditor: Principal = { subject: 'test-auditor', role: Role.AUDITOR };

export const APPLICATION_FIELDS = `id number status version submittedOn filedOn decidedOn rejectionReason procuredOn goLiveOn
  terminatedOn decisionDeadline { date estimated } decisionOverdue legacyShutdownDue legacyOverdue
  testPeriod { startedOn endedOn daysElapsed overdue extensionReason }
  resourceLines { totalCount edges { node { id quantity quantityMax isRange concludedPrice catalogEntry { id } } } }
  materials { kind fileName contentHash sizeBytes }
  events(first: 100) { totalCount edges { node { action fromStatus toStatus actorSubject actorRole reason } } }
  changeRequests { totalCount edges { node { id status description decisionReason } } }
  terminationSteps { step confirmed confirmedByRole }`;

export interface ApplicationView {
  id: string;
  number: string;
  status: string;
  version: number;
  submittedOn: string | null;
  filedOn: string | null;
  decidedOn: string | null;
  decisionDeadline: { date: string; estimated: boolean } | null;
  decisionOverdue: boolean;
  legacyShutdownDue: string | null;
  legacyOverdue: boolean;
  testPeriod: { startedOn: string; endedOn: string | null; daysElapsed: number; overdue: boolean; extensionReason: string | null } | null;
  resourceLines: { totalCount: number; edges: Array<{ node: { id: string; concludedPrice: string | null; isRange: boolean } }> };
  materials: Array<{ kind: string }>;
  events: {
    totalCount: number;
    edges: Array<{ node: { action: string; fromStatus: string | null; toStatus: string; actorRole: string; reason: string | null } }>;
  };
  changeRequests: { totalCount: number; edges: Array<{ node: { id: string; status: string } }> };
  terminationSteps: Array<{ step: string; confirmed: boolean; confirmedByRole: string | null }>;
}

/**
 * A county (滨城区) unit's ordinary on-cloud system, its provider and two of that provider's catalog entries.
 * The unit's host is qualified: the seed's 天翼云 lapsed on 2026-10-31 and takes no new applications (PROVIDER_QUALIFIED).
 */
export function countyCase() {
  const unit = world.units.find((candidate) => candidate.code === 'U-371602-005')!;
  const system = world.systems.find(
    (candidate) =>
      candidate.unitId === unit.id &&
      candidate.deploymentMode === 'ON_CLOUD' &&
      !candidate.loadVariesWidely &&
      !candidate.isDisasterRecovery,
  )!;
  const provider = world.providers.find((candidate) => candidate.id === system.providerId)!;
  const entries = world.basicCatalog.filter((entry) => entry.providerId === provider.id).slice(0, 2);
  const otherProvider = world.providers.find((candidate) => candidate.id !== provider.id)!;
  return { unit, system, provider, entries, otherProvider };
}

export { ALL_MATERIAL_KINDS as ALL_MATERIALS } from '../../setup/materials';

let registered = 0;

/**
 * A new system of `unit`'s, hosted by `providerId`, registered through the subgraph (registerSystem,
 * which asks providers): one no other test applies for, as a system has one open application at a
 * time (lifecycle/open-application.rules.ts).
 */
export async function newSystemOf(subgraph: SubgraphForTest, unit: UnitRecord, providerId: string): Promise<string> {
  registered += 1;
  const result = await subgraph.query<{ registerSystem: { id: string } }>(
    userUnit(unit),
    `mutation ($input: RegisterSystemInput!) { registerSystem(input: $input) { id } }`,
    { input: { name: `测试用系统 ${registered}`, providerId } },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerSystem.id;
}

/**
 * Uploads a PDF for each of `kinds` to the draft through the subgraph's POST /materials, as the
 * gateway forwards a unit's upload (each upload is a draft edit), and gives back the version after them.
 */
export async function uploadTo(subgraph: SubgraphForTest, principal: Principal, id: string, kinds: readonly string[]): Promise<number> {
  await uploadMaterials(subgraph.url, { principal }, id, kinds);
  const [{ version }] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [id]);
  return version as number;
}

export async function view(subgraph: SubgraphForTest, principal: Principal, id: string): Promise<ApplicationView> {
  const result = await subgraph.query<{ application: ApplicationView }>(
    principal,
    `query ($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`,
    { id },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.application;
}

/** Runs a mutation returning Application and gives back the result. */
export function mutate(
  subgraph: SubgraphForTest,
  principal: Principal,
  field: string,
  args: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResult<Record<string, { id: string; status: string; version: number }>>> {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ${VARIABLE_TYPES[name] ?? 'String'}`)
    .join(', ');
  return subgraph.query(principal, `mutation (${declared}) { ${field}(${args}) { id status version } }`, variables);
}

const VARIABLE_TYPES: Record<string, string> = {
  id: 'ID!',
  version: 'Int!',
  changeRequestId: 'ID!',
  reason: 'String!',
  description: 'String!',
  input: 'ApplicationDraftInput!',
  create: 'CreateApplicationInput!',
  prices: '[ConcludedPriceInput!]!',
};

/** The row and the number of audit events: what a refused mutation must leave as it was. */
export async function stateOf(dataSource: DataSource, id: string): Promise<unknown> {
  const [row] = await dataSource.query(`SELECT * FROM "applications"."application" WHERE id = $1`, [id]);
  const [{ count }] = await dataSource.query(
    `SELECT count(*)::int AS count FROM "applications"."application_event" WHERE application_id = $1`,
    [id],
  );
  const [lines] = await dataSource.query(
    `SELECT count(*)::int AS lines, count(concluded_price_yuan)::int AS priced FROM "applications"."application_resource_line" WHERE application_id = $1`,
    [id],
  );
  return { row, events: count, lines };
}

/** Expects `result` to be refused with `code` (and `rule` + `article` when given). */
export function expectRefused(result: GraphQLResult, code: string, rule?: string, article?: string): void {
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  const extensions = result.errors![0]!.extensions!;
  expect(extensions.code).toBe(code);
  if (rule) expect(extensions).toMatchObject({ rule, article });
  expect(result.errors![0]!.message).toMatch(/[\u4e00-\u9fff]/);
}

/** Sends `attempt`, expects it refused, and checks the application is exactly as before. */
export async function expectRefusedUnchanged(
  subgraph: SubgraphForTest,
  id: string,
  attempt: () => Promise<GraphQLResult>,
  code: string,
  rule?: string,
  article?: string,
): Promise<void> {
  const before = await stateOf(subgraph.dataSource, id);
  expectRefused(await attempt(), code, rule, article);
  expect(await stateOf(subgraph.dataSource, id)).toEqual(before);
}
