// Shared fixtures of the providers integration tests: principals, world ids, a database snapshot
// to prove a refused mutation changed nothing, and error assertions.
import { expect } from 'vitest';
import type { DataSource } from 'typeorm';
import { buildWorld } from '../../../seed/world';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import type { RuleId } from '../../../subgraphs/kit/rules';
import { stableId } from '../../../subgraphs/kit/stable-id';
import type { GraphQLResult } from '../../setup/subgraph';

export const world = buildWorld();

export const providerId = (code: string) => stableId('provider', code);
export const INSPUR = providerId('P-INSPUR');
export const CTYUN = providerId('P-CTYUN');
export const UNICOM = providerId('P-UNICOM');
export const CMCC = providerId('P-CMCC');

export const basicEntryId = (providerCode: string, itemCode: string) => stableId('basic-catalog', `${providerCode}:${itemCode}`);
export const supplementaryId = (code: string) => stableId('supplementary-catalog', code);
export const agreementId = (number: string) => stableId('agreement', number);

export const BUREAU: Principal = { subject: 'bureau-officer', role: Role.BUREAU };
export const CENTER: Principal = { subject: 'center-operator', role: Role.CENTER };
export const AUDITOR: Principal = { subject: 'auditor', role: Role.AUDITOR };
export const county = (regionCode: string): Principal => ({ subject: `county-${regionCode}`, role: Role.COUNTY_AUTHORITY, regionCode });
export const provider = (id: string): Principal => ({ subject: `provider-${id.slice(0, 8)}`, role: Role.PROVIDER, providerId: id });
export const unit = (regionCode: string): Principal => ({
  subject: 'unit-user',
  role: Role.USER_UNIT,
  unitId: stableId('unit', 'test'),
  regionCode,
});
export const finance = (regionCode: string): Principal => ({ subject: 'finance', role: Role.FINANCE, regionCode });

/**
 * A fingerprint of every data table of the providers schema: equal before and after means nothing
 * changed. The audit trail is left out: a refusal is recorded there on purpose.
 */
export async function snapshot(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'providers' AND table_name NOT IN ('migrations', 'audit_entry', 'audit_chain_head') ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "providers"."${table_name}" t`,
    );
    result[table_name] = `${row.n}:${row.h}`;
  }
  return result;
}

type Errors = GraphQLResult['errors'];

export function expectRuleViolation(result: GraphQLResult, rule: RuleId, article: string): void {
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  const [error] = result.errors as NonNullable<Errors>;
  expect(error.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule, article });
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
}

export function expectErrorCode(result: GraphQLResult, code: string): void {
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  expect((result.errors as NonNullable<Errors>)[0].extensions?.code).toBe(code);
}

export function expectNoErrors(result: GraphQLResult): void {
  expect(result.errors).toBeUndefined();
}
