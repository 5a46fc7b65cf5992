// Totals of a settlement from its lines (第十六条 "核算上一年云服务费"): per provider, per budget
// (the unit, 预算单位) and in all. Summed from the very lines shown, so they always equal them.
import type { SettlementLineEntity } from './settlement-line.entity';

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

export function providerTotals(lines: readonly SettlementLineEntity[]): ProviderTotal[] {
  const totals = new Map<string, ProviderTotal>();
  for (const line of lines) {
    const total = totals.get(line.providerId) ?? { id: line.providerId, providerId: line.providerId, amountFen: 0, lineCount: 0 };
    total.amountFen += line.amountFen;
    total.lineCount += 1;
    totals.set(line.providerId, total);
  }
  return [...totals.values()];
}

export function unitTotals(lines: readonly SettlementLineEntity[]): UnitTotal[] {
  const totals = new Map<string, UnitTotal>();
  for (const line of lines) {
    const total = totals.get(line.unitId) ?? {
      id: line.unitId,
      unitId: line.unitId,
      unitCode: line.unitCode,
      unitName: line.unitName,
      amountFen: 0,
      lineCount: 0,
    };
    total.amountFen += line.amountFen;
    total.lineCount += 1;
    totals.set(line.unitId, total);
  }
  return [...totals.values()];
}

/** The lines' order: provider, unit code, system code, application number, position, first billed day. */
export function lineSortValue(line: SettlementLineEntity): string {
  const position = String(line.position).padStart(4, '0');
  return [line.providerId, line.unitCode, line.systemCode, line.applicationNumber, position, line.serviceFrom].join('|');
}
