// Shared by the settlement integration tests: the GraphQL documents and a snapshot of a settlement's rows.
import type { DataSource } from 'typeorm';

export const SETTLEMENT_FIELDS = `id number year status version revision overdue confirmedLate dueBefore totalAmount lineCount csvUrl
  region { code } corrects { id } correctedBy { id }
  providerTotals(first: 100) { totalCount edges { node { provider { id } amount lineCount } } }
  unitTotals(first: 100) { totalCount edges { node { unitCode amount lineCount } } }
  lines(first: 100) { totalCount edges { node { id position unitCode systemCode applicationNumber provider { id } unit { id region { code } }
    billedQuantity quantity quantityMax unitPrice priceSource daysInService daysInYear serviceFrom serviceUntil utilisationFlag utilisationFactor amount billedOnce } } }
  confirmations(first: 100) { totalCount edges { node { party confirmed confirmedBy region { code } unit { id } provider { id } } } }`;

export interface SettlementLineView {
  id: string;
  position: number;
  unitCode: string;
  systemCode: string;
  applicationNumber: string;
  provider: { id: string };
  unit: { id: string; region: { code: string } } | null;
  billedQuantity: number;
  quantity: number;
  quantityMax: number;
  unitPrice: string;
  priceSource: string;
  daysInService: number;
  daysInYear: number;
  serviceFrom: string;
  serviceUntil: string;
  utilisationFlag: string;
  utilisationFactor: string;
  amount: string;
  billedOnce: boolean;
}

export interface SettlementView {
  id: string;
  number: string;
  year: number;
  status: string;
  version: number;
  revision: number;
  overdue: boolean;
  confirmedLate: boolean | null;
  dueBefore: string;
  totalAmount: string;
  lineCount: number;
  csvUrl: string;
  region: { code: string };
  corrects: { id: string } | null;
  correctedBy: { id: string } | null;
  providerTotals: { totalCount: number; edges: Array<{ node: { provider: { id: string }; amount: string; lineCount: number } }> };
  unitTotals: { totalCount: number; edges: Array<{ node: { unitCode: string; amount: string; lineCount: number } }> };
  lines: { totalCount: number; edges: Array<{ node: SettlementLineView }> };
  confirmations: {
    totalCount: number;
    edges: Array<{
      node: {
        party: string;
        confirmed: boolean;
        confirmedBy: string | null;
        region: { code: string } | null;
        unit: { id: string } | null;
        provider: { id: string } | null;
      };
    }>;
  };
}

export const SETTLEMENT_QUERY = `query($id: ID!) { settlement(id: $id) { ${SETTLEMENT_FIELDS} } }`;
export const SETTLEMENTS_QUERY = `query($year: Int, $regionCode: ID) { settlements(year: $year, regionCode: $regionCode, first: 100) { totalCount edges { node { ${SETTLEMENT_FIELDS} } } } }`;
export const CREATE = `mutation($input: CreateSettlementInput!) { createSettlement(input: $input) { ${SETTLEMENT_FIELDS} } }`;
export const CONFIRM = `mutation($id: ID!, $version: Int!) { confirmSettlement(id: $id, version: $version) { id status version } }`;
export const RECALCULATE = `mutation($id: ID!, $version: Int!) { recalculateSettlement(id: $id, version: $version) { id status version } }`;
export const CORRECT = `mutation($id: ID!, $version: Int!, $reason: String!) { correctSettlement(id: $id, version: $version, reason: $reason) { ${SETTLEMENT_FIELDS} } }`;

/** Yuan strings to fen, to add exactly. */
export function fen(amount: string): number {
  const [whole, cents = '00'] = amount.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

export function sumFen(amounts: readonly string[]): number {
  return amounts.reduce((sum, amount) => sum + fen(amount), 0);
}

/** Every stored row of a settlement, its lines and confirmations, as JSON: equal before and after means nothing changed. */
export async function settlementRows(dataSource: DataSource, id: string): Promise<string> {
  const [settlement] = await dataSource.query(`SELECT * FROM "applications"."settlement" WHERE id = $1`, [id]);
  const lines = await dataSource.query(`SELECT * FROM "applications"."settlement_line" WHERE settlement_id = $1 ORDER BY id`, [id]);
  const parties = await dataSource.query(`SELECT * FROM "applications"."settlement_confirmation" WHERE settlement_id = $1 ORDER BY id`, [
    id,
  ]);
  return JSON.stringify({ settlement, lines, parties });
}

export async function settlementCount(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "applications"."settlement"`);
  return n;
}
