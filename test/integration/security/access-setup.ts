// Shared by the AUTHORIZED_ACCESS integration tests: the seeded demo, queries and table snapshots.
import type { DataSource } from 'typeorm';
import type { SystemRecord } from '../../../seed/world';
import { buildAccessDemo } from '../../../seed/world/security-access';
import { userUnit, world } from '../../setup/principals';

export const demo = buildAccessDemo(world);

export function systemOf(id: string): SystemRecord {
  return world.systems.find((system) => system.id === id)!;
}

export function unitPrincipalOf(system: SystemRecord) {
  return userUnit(world.units.find((unit) => unit.id === system.unitId)!);
}

export function providerOf(system: SystemRecord) {
  return world.providers.find((provider) => provider.id === system.providerId)!;
}

/** A digest of both tables: equal before and after means a refused mutation wrote nothing. */
export async function accessTablesDigest(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query(`
    SELECT (SELECT md5(coalesce(string_agg(g::text, '|' ORDER BY g.id), '')) FROM "security"."access_grant" g) ||
           (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) FROM "security"."access_record" r) AS digest`);
  return row.digest as string;
}

export const SUBMIT = `mutation ($records: [AccessRecordInput!]!) {
  submitAccessRecords(records: $records) { submissionId received accepted duplicates violations }
}`;

export const GRANT = `mutation ($input: GrantAccessInput!) {
  grantAccess(input: $input) {
    id resourceKind staffName staffAccount purpose validFrom validUntil grantedAt revokedAt active
    system { id } unit { id } provider { id } region { code }
  }
}`;

export const REVOKE = `mutation ($id: ID!) { revokeAccessGrant(id: $id) { id revokedAt active } }`;

export const VIOLATIONS = `query ($after: String, $systemId: ID, $submissionId: ID) {
  accessViolations(first: 100, after: $after, systemId: $systemId, submissionId: $submissionId) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id externalId accessedAt violation staffAccount system { id } unit { id } provider { id } region { code } grant { id } } }
  }
}`;

export interface Summary {
  submissionId: string;
  received: number;
  accepted: number;
  duplicates: number;
  violations: number;
}

export interface ViolationNode {
  id: string;
  externalId: string;
  accessedAt: string;
  violation: boolean;
  staffAccount: string;
  system: { id: string };
  unit: { id: string };
  provider: { id: string };
  region: { code: string };
  grant: { id: string } | null;
}

export interface ViolationPage {
  accessViolations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: ViolationNode }>;
  };
}
