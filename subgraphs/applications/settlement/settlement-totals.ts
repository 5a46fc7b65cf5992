// Totals of a settlement from its lines (第十六条 "核算上一年云服务费"): per provider, per budget
// (the unit, 预算单位) and in all. Summed from the very lines shown, so they always equal them: in
// SQL for the graph (settlement-read.service.ts), here for the CSV file of one settlement.
import type { SettlementLineEntity } from './settlement-line.entity';
import type { SettlementProviderTotalEntity } from './settlement-provider-total.entity';

export interface ProviderTotal {
  id: string;
  providerId: string;
  amountFen: number;
  lineCount: number;
}

export interface UnitTotal {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  amountFen: number;
  lineCount: number;
}

export function totalFen(lines: readonly SettlementLineEntity[]): number {
  return lines.reduce((sum, line) => sum + line.amountFen, 0);
}

/** A settlement's stored totals per provider (settlement-provider-total.entity.ts), from its lines. */
export function providerTotalsOf(lines: readonly SettlementLineEntity[]): SettlementProviderTotalEntity[] {
  const totals = new Map<string, SettlementProviderTotalEntity>();
  for (const line of lines) {
    const key = `${line.settlementId}|${line.providerId}`;
    const total = totals.get(key) ?? { settlementId: line.settlementId, providerId: line.providerId, amountFen: 0, lineCount: 0 };
    total.amountFen += line.amountFen;
    total.lineCount += 1;
    totals.set(key, total);
  }
  return [...totals.values()];
}

/** The lines' order: provider, unit code, system code, application number, position, first billed day. */
export function lineSortValue(line: SettlementLineEntity): string {
  const position = String(line.position).padStart(4, '0');
  return [line.providerId, line.unitCode, line.systemCode, line.applicationNumber, position, line.serviceFrom].join('|');
}

/** `lineSortValue` in SQL, over the alias `line`. */
export const LINE_SORT = `line.provider_id::text || '|' || line.unit_code || '|' || line.system_code || '|' || line.application_number
  || '|' || lpad(line.position::text, 4, '0') || '|' || line.service_from::text`;
