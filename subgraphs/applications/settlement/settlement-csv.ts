// A settlement as CSV for finance and audit (第十六条): UTF-8 with a byte-order mark so Excel reads the
// Chinese, one header row naming each column in Chinese and English, one row per visible line, and
// a last row with the total of those lines. Providers and catalog entries are named beside their
// ids (names-port.ts), as units and systems are.
import { fenToYuan } from '../../kit/money';
import type { SettlementNames } from './names-port';
import type { SettlementLineEntity } from './settlement-line.entity';
import { lineSortValue, totalFen } from './settlement-totals';
import type { SettlementEntity } from './settlement.entity';
import { factorText } from './settlement.rules';

export const CSV_BOM = '\uFEFF';

type Column = [
  header: string,
  value: (line: SettlementLineEntity, settlement: SettlementEntity, names: SettlementNames) => string | number,
];

export const SETTLEMENT_CSV_COLUMNS: readonly Column[] = [
  ['结算单编号 (number)', (_, settlement) => settlement.number],
  ['年度 (year)', (_, settlement) => settlement.year],
  ['结算层级 (regionCode)', (_, settlement) => settlement.regionCode],
  ['服务商标识 (providerId)', (line) => line.providerId],
  ['服务商名称 (providerName)', (line, _, names) => names.providers.get(line.providerId) ?? ''],
  ['预算单位编码 (unitCode)', (line) => line.unitCode],
  ['预算单位名称 (unitName)', (line) => line.unitName],
  ['系统编码 (systemCode)', (line) => line.systemCode],
  ['系统名称 (systemName)', (line) => line.systemName],
  ['申请编号 (applicationNumber)', (line) => line.applicationNumber],
  ['行号 (position)', (line) => line.position],
  ['目录条目标识 (catalogEntryId)', (line) => line.catalogEntryId],
  ['目录条目名称 (catalogEntryName)', (line, _, names) => names.catalogEntries.get(line.catalogEntryId) ?? ''],
  ['单价（元/月；按次计费为元/次） (unitPrice)', (line) => fenToYuan(line.unitPriceFen)],
  ['按次计费 (billedOnce)', (line) => (line.billedOnce ? '是' : '否')],
  ['单价来源 (priceSource)', (line) => line.priceSource],
  ['数量 (quantity)', (line) => line.quantity],
  ['数量上限 (quantityMax)', (line) => line.quantityMax],
  ['计费数量 (billedQuantity)', (line) => line.billedQuantity],
  ['计费起始日 (serviceFrom)', (line) => line.serviceFrom],
  ['计费截止日 (serviceUntil)', (line) => line.serviceUntil],
  ['在用天数 (daysInService)', (line) => line.daysInService],
  ['当年天数 (daysInYear)', (line) => line.daysInYear],
  ['利用率评估 (utilisationFlag)', (line) => line.utilisationFlag],
  ['利用率系数 (utilisationFactor)', (line) => factorText(line.factorPermille)],
  ['金额（元） (amount)', (line) => fenToYuan(line.amountFen)],
];

/** Quotes a cell when needed; a leading formula character is defused so a spreadsheet shows it as text. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function settlementCsv(settlement: SettlementEntity, lines: readonly SettlementLineEntity[], names: SettlementNames): string {
  const rows = [SETTLEMENT_CSV_COLUMNS.map(([header]) => csvCell(header)).join(',')];
  for (const line of [...lines].sort((a, b) => (lineSortValue(a) < lineSortValue(b) ? -1 : 1))) {
    rows.push(SETTLEMENT_CSV_COLUMNS.map(([, value]) => csvCell(value(line, settlement, names))).join(','));
  }
  const total: string[] = SETTLEMENT_CSV_COLUMNS.map((_, index) => (index === 0 ? '合计 (total)' : ''));
  total[total.length - 1] = fenToYuan(totalFen(lines));
  rows.push(total.map(csvCell).join(','));
  return `${CSV_BOM}${rows.join('\r\n')}\r\n`;
}
