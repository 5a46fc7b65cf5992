// SETTLEMENT_JAN5 (第十六条): the settlement's pure arithmetic — days in service at year boundaries,
// utilisation factors, amounts in fen, the due date, the year that may be settled, and the CSV.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, settlementCsv } from '../../../subgraphs/applications/settlement/settlement-csv';
import { buildSettlementLines, type SettlementCandidate } from '../../../subgraphs/applications/settlement/settlement-lines';
import type { SettlementEntity } from '../../../subgraphs/applications/settlement/settlement.entity';
import {
  FULL_FACTOR_PERMILLE,
  IDLE_FACTOR_PERMILLE,
  UNDER_USED_FACTOR_PERMILLE,
  assertNotConfirmed,
  assertYearSettleable,
  billedWithinCap,
  daysInYear,
  dueBefore,
  earliestEnd,
  factorText,
  isOverdue,
  lineAmountFen,
  linePeriodInYear,
  servicePeriodInYear,
  utilisationFactorPermille,
  wasConfirmedLate,
} from '../../../subgraphs/applications/settlement/settlement.rules';
import { requirePolicyYear } from '../../../subgraphs/kit/dates';
import { expectViolation } from '../../setup/rule-assertions';

describe('SETTLEMENT_JAN5', () => {
  describe('days in service within the year', () => {
    it('a system live all year is billed every day of it, 365 or 366', () => {
      expect(servicePeriodInYear(2025, '2019-09-11', null)).toEqual({ from: '2025-01-01', until: '2025-12-31', days: 365 });
      expect(servicePeriodInYear(2024, '2019-09-11', null)).toEqual({ from: '2024-01-01', until: '2024-12-31', days: 366 });
      expect(daysInYear(2024)).toBe(366);
      expect(daysInYear(2025)).toBe(365);
    });

    it('counts from the go-live day, which is billed', () => {
      expect(servicePeriodInYear(2025, '2025-12-31', null)).toEqual({ from: '2025-12-31', until: '2025-12-31', days: 1 });
      expect(servicePeriodInYear(2025, '2025-12-30', null)?.days).toBe(2);
      expect(servicePeriodInYear(2025, '2025-01-01', null)?.days).toBe(365);
    });

    it('stops the day before termination or retirement: that day the resources are recovered', () => {
      expect(servicePeriodInYear(2025, '2024-05-01', '2025-01-02')).toEqual({ from: '2025-01-01', until: '2025-01-01', days: 1 });
      expect(servicePeriodInYear(2025, '2025-04-23', '2025-12-15')).toEqual({ from: '2025-04-23', until: '2025-12-14', days: 236 });
      expect(servicePeriodInYear(2025, '2025-03-11', '2026-01-01')?.days).toBe(296);
      expect(servicePeriodInYear(2025, '2025-03-11', '2026-03-16')?.until).toBe('2025-12-31');
    });

    it('has no period outside the year or before go-live', () => {
      expect(servicePeriodInYear(2025, '2024-05-01', '2025-01-01')).toBeNull();
      expect(servicePeriodInYear(2025, '2026-01-01', null)).toBeNull();
      expect(servicePeriodInYear(2025, null, null)).toBeNull();
      expect(servicePeriodInYear(2025, '2025-06-01', '2025-06-01')).toBeNull();
    });

    it('ends at the earlier of termination and retirement', () => {
      expect(earliestEnd(null, null)).toBeNull();
      expect(earliestEnd('2026-03-16', null)).toBe('2026-03-16');
      expect(earliestEnd('2026-03-16', '2025-12-01')).toBe('2025-12-01');
    });
  });

  describe('utilisation factors', () => {
    it('idle pays half, under-used 80 %, normal, excluded and unmeasured in full', () => {
      expect(utilisationFactorPermille('IDLE')).toBe(IDLE_FACTOR_PERMILLE);
      expect(IDLE_FACTOR_PERMILLE).toBe(500);
      expect(utilisationFactorPermille('UNDER_USED')).toBe(UNDER_USED_FACTOR_PERMILLE);
      expect(UNDER_USED_FACTOR_PERMILLE).toBe(800);
      for (const flag of ['NORMAL', 'EXCLUDED', 'NO_DATA'] as const) expect(utilisationFactorPermille(flag)).toBe(FULL_FACTOR_PERMILLE);
      expect([factorText(500), factorText(800), factorText(1000)]).toEqual(['0.50', '0.80', '1.00']);
    });
  });

  describe('amounts', () => {
    it('a monthly price for a full year is twelve months, exactly', () => {
      expect(lineAmountFen({ unitPriceFen: 35_000, quantity: 2, days: 365, daysInYear: 365, factorPermille: 1000 })).toBe(840_000);
      expect(lineAmountFen({ unitPriceFen: 35_000, quantity: 2, days: 183, daysInYear: 366, factorPermille: 1000 })).toBe(420_000);
      expect(lineAmountFen({ unitPriceFen: 35_000, quantity: 2, days: 365, daysInYear: 365, factorPermille: 500 })).toBe(420_000);
      expect(lineAmountFen({ unitPriceFen: 35_000, quantity: 2, days: 365, daysInYear: 365, factorPermille: 800 })).toBe(672_000);
    });

    it('rounds half up to the fen once per line, without losing precision on large figures', () => {
      expect(lineAmountFen({ unitPriceFen: 146, quantity: 1, days: 1, daysInYear: 365, factorPermille: 1000 })).toBe(5); // 4.8
      expect(lineAmountFen({ unitPriceFen: 73, quantity: 1, days: 1, daysInYear: 365, factorPermille: 1000 })).toBe(2); // 2.4
      expect(lineAmountFen({ unitPriceFen: 1, quantity: 1, days: 1, daysInYear: 365, factorPermille: 1000 })).toBe(0);
      expect(lineAmountFen({ unitPriceFen: 999_999_999_999, quantity: 1000, days: 365, daysInYear: 365, factorPermille: 1000 })).toBe(
        Number(999_999_999_999n * 12_000n),
      );
    });
  });

  describe('lines from candidates', () => {
    const base: SettlementCandidate = {
      applicationId: 'a1',
      applicationNumber: 'A-2025-0001',
      providerId: 'p1',
      goLiveOn: '2025-07-02',
      terminatedOn: null,
      unitId: 'u1',
      unitCode: 'U-1',
      unitName: '单位一',
      systemId: 's1',
      systemCode: 'S-1',
      systemName: '系统一',
      retiredOn: null,
      resourceLineId: 'l1',
      position: 1,
      catalogEntryId: 'c1',
      quantity: 4,
      quantityMax: 8,
      effectiveFrom: null,
      effectiveUntil: null,
      concludedPrice: '350.00',
      capFen: '38000',
    };
    const settlement = { id: 'st', year: 2025, regionCode: '371602' };
    const build = (candidates: SettlementCandidate[], flags = new Map()) =>
      buildSettlementLines(candidates, flags, settlement, (candidate) => candidate.resourceLineId);

    it('bills the lower bound of an elastic range at the concluded price, counted NO_DATA without a flag', () => {
      const [line] = build([base]);
      expect(line).toMatchObject({ billedQuantity: 4, quantityMax: 8, unitPriceFen: 35_000, priceSource: 'CONCLUDED', daysInService: 183 });
      expect(line).toMatchObject({ utilisationFlag: 'NO_DATA', factorPermille: 1000, regionCode: '371602', settlementId: 'st' });
      expect(line!.amountFen).toBe(lineAmountFen({ unitPriceFen: 35_000, quantity: 4, days: 183, daysInYear: 365, factorPermille: 1000 }));
    });

    it('bills a delivery (套·次) once, in the year it came into service, unprorated and without the utilisation factor', () => {
      const once = { ...base, billedOnce: true, quantity: 1, quantityMax: 1, concludedPrice: '6011.67' };
      const idle = new Map([['s1', 'IDLE' as const]]);
      const [line] = build([once], idle);
      expect(line).toMatchObject({
        billedOnce: true,
        amountFen: 601_167,
        factorPermille: 1000,
        utilisationFlag: 'IDLE',
        daysInService: 183,
      });
      // Live since 2024, or a version of the line that began in 2024: billed then, not again in 2025.
      expect(build([{ ...once, goLiveOn: '2024-03-01' }], idle)).toEqual([]);
      expect(build([{ ...once, goLiveOn: '2024-03-01', effectiveFrom: '2024-05-01' }], idle)).toEqual([]);
      // A version carried out in 2025 on a system live since 2024 is a new delivery, billed in 2025.
      expect(build([{ ...once, goLiveOn: '2024-03-01', effectiveFrom: '2025-05-01', quantity: 2, quantityMax: 2 }], idle)).toEqual([
        expect.objectContaining({ amountFen: 1_202_334, serviceFrom: '2025-05-01' }),
      ]);
      // Per month, the same line is prorated and halved for an idle system.
      const [monthly] = build([{ ...once, billedOnce: false }], idle);
      expect(monthly).toMatchObject({ billedOnce: false, factorPermille: 500 });
    });

    it('falls back to the cap replica, then to a visible zero, and applies the system flag', () => {
      const lines = build(
        [
          { ...base, resourceLineId: 'l2', concludedPrice: null },
          { ...base, resourceLineId: 'l3', concludedPrice: null, capFen: null },
        ],
        new Map([['s1', 'IDLE']]),
      );
      expect(lines.map((line) => [line.priceSource, line.unitPriceFen, line.factorPermille])).toEqual([
        ['CATALOG_CAP', 38_000, 500],
        ['MISSING', 0, 500],
      ]);
      expect(lines[1]!.amountFen).toBe(0);
    });

    it('prorates each version by its own days, billed to its own provider', () => {
      const lines = build([
        { ...base, goLiveOn: '2024-03-01', quantity: 2, quantityMax: 2, effectiveUntil: '2025-04-30' },
        {
          ...base,
          goLiveOn: '2024-03-01',
          resourceLineId: 'l9',
          providerId: 'p2',
          quantity: 6,
          quantityMax: 6,
          effectiveFrom: '2025-05-01',
        },
      ]);
      expect(lines.map((line) => [line.providerId, line.serviceFrom, line.serviceUntil, line.daysInService, line.billedQuantity])).toEqual([
        ['p1', '2025-01-01', '2025-04-30', 120, 2],
        ['p2', '2025-05-01', '2025-12-31', 245, 6],
      ]);
      expect(lines[0]!.amountFen).toBe(
        lineAmountFen({ unitPriceFen: 35_000, quantity: 2, days: 120, daysInYear: 365, factorPermille: 1000 }),
      );
      expect(lines[1]!.amountFen).toBe(
        lineAmountFen({ unitPriceFen: 35_000, quantity: 6, days: 245, daysInYear: 365, factorPermille: 1000 }),
      );
    });

    it('bills a price the providers subgraph refused as above the cap in force at no more than that cap (CATALOG_CAP, 第八条)', () => {
      const lines = build([
        { ...base, resourceLineId: 'l4', concludedPrice: '400.00', refusedCapFen: '30000' },
        { ...base, resourceLineId: 'l5', concludedPrice: '250.00', refusedCapFen: '30000' },
        { ...base, resourceLineId: 'l6', concludedPrice: '400.00', refusedCapFen: null },
      ]);
      expect(lines.map((line) => [line.priceSource, line.unitPriceFen])).toEqual([
        ['CATALOG_CAP', 30_000],
        ['CONCLUDED', 25_000],
        ['CONCLUDED', 40_000],
      ]);
    });

    it('billedWithinCap: the concluded price, or the cap in force when it is lower', () => {
      expect(billedWithinCap(40_000, null)).toEqual({ fen: 40_000, capped: false });
      expect(billedWithinCap(40_000, 30_000)).toEqual({ fen: 30_000, capped: true });
      expect(billedWithinCap(30_000, 30_000)).toEqual({ fen: 30_000, capped: false });
    });

    it('leaves out a system not in service during the year', () => {
      expect(
        build([
          { ...base, goLiveOn: '2026-01-01' },
          { ...base, goLiveOn: '2024-01-01', terminatedOn: '2024-12-31' },
        ]),
      ).toEqual([]);
    });
  });

  describe('resource line versions in force (第十五条、第十六条, CHANGE_APPROVAL)', () => {
    const fullYear = servicePeriodInYear(2025, '2019-09-11', null);

    it('a line ending mid-year is billed up to its last day, inclusive', () => {
      expect(linePeriodInYear(fullYear, null, '2025-06-30')).toEqual({ from: '2025-01-01', until: '2025-06-30', days: 181 });
    });

    it('a line starting mid-year is billed from its first day', () => {
      expect(linePeriodInYear(fullYear, '2025-07-01', null)).toEqual({ from: '2025-07-01', until: '2025-12-31', days: 184 });
    });

    it('a line starting and ending within the year, and within a shorter service period', () => {
      expect(linePeriodInYear(fullYear, '2025-03-01', '2025-03-31')).toEqual({ from: '2025-03-01', until: '2025-03-31', days: 31 });
      const lateGoLive = servicePeriodInYear(2025, '2025-07-02', '2025-10-01');
      expect(linePeriodInYear(lateGoLive, '2025-05-01', '2025-08-31')).toEqual({ from: '2025-07-02', until: '2025-08-31', days: 61 });
    });

    it('counts 29 February in a leap year, and the two versions around a change cover the year once', () => {
      const leap = servicePeriodInYear(2024, '2019-09-11', null);
      const before = linePeriodInYear(leap, null, '2024-02-29')!;
      const after = linePeriodInYear(leap, '2024-03-01', null)!;
      expect(before).toEqual({ from: '2024-01-01', until: '2024-02-29', days: 60 });
      expect(after.days).toBe(306);
      expect(before.days + after.days).toBe(daysInYear(2024));
    });

    it('bills nothing for a version outside the service period or the year', () => {
      expect(linePeriodInYear(fullYear, '2026-01-01', null)).toBeNull();
      expect(linePeriodInYear(fullYear, null, '2024-12-31')).toBeNull();
      expect(linePeriodInYear(null, null, null)).toBeNull();
      expect(linePeriodInYear(servicePeriodInYear(2025, '2025-07-02', null), null, '2025-07-01')).toBeNull();
    });
  });

  describe('due before 5 January (第十六条 "每年1月5日前")', () => {
    it('is due before the 5th of January of the following year: the 4th is in time, the 5th late', () => {
      expect(dueBefore(2025)).toBe('2026-01-05');
      expect(isOverdue(2025, false, '2026-01-04')).toBe(false);
      expect(isOverdue(2025, false, '2026-01-05')).toBe(true);
      expect(isOverdue(2025, true, '2026-11-26')).toBe(false);
      expect(wasConfirmedLate(2025, '2026-01-04')).toBe(false);
      expect(wasConfirmedLate(2025, '2026-01-05')).toBe(true);
      expect(wasConfirmedLate(2025, null)).toBeNull();
    });

    it("settles only a year that has ended (按年度后付费), from the policy's first year, which the lists read by", () => {
      expect(() => assertYearSettleable(2025, '2026-01-01')).not.toThrow();
      expect(() => assertYearSettleable(2019, '2026-11-26')).not.toThrow();
      expectViolation(() => assertYearSettleable(2026, '2026-11-26'), 'SETTLEMENT_JAN5', '第十六条');
      expectViolation(() => assertYearSettleable(2018, '2026-11-26'), 'SETTLEMENT_JAN5', '第十六条');
      expect(() => requirePolicyYear(2018, '2026-11-26')).toThrow();
    });

    it('refuses any change to a confirmed settlement', () => {
      expect(() => assertNotConfirmed('AWAITING_CONFIRMATION', 'JS-2025-371602-1')).not.toThrow();
      const error = expectViolation(() => assertNotConfirmed('CONFIRMED', 'JS-2025-371602-1'), 'SETTLEMENT_JAN5', '第十六条');
      expect(error.message).toContain('JS-2025-371602-1');
    });
  });

  describe('CSV', () => {
    it('defuses formulas and quotes separators', () => {
      expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
      expect(csvCell('a,"b"')).toBe('"a,""b"""');
      expect(csvCell(12)).toBe('12');
    });

    it('starts with a BOM and a Chinese and English header, and ends with the total of the lines', () => {
      const lines = buildSettlementLines(
        [
          { ...baseCandidate(), resourceLineId: 'x1' },
          { ...baseCandidate(), resourceLineId: 'x2', position: 2, concludedPrice: '0.07' },
        ],
        new Map(),
        { id: 'st', year: 2025, regionCode: '371600' },
        (candidate) => candidate.resourceLineId,
      );
      const names = { providers: new Map([['p', '浪潮云']]), catalogEntries: new Map([['c', '云服务器 4 核 8G']]) };
      const csv = settlementCsv({ number: 'JS-2025-371600-1', year: 2025, regionCode: '371600' } as SettlementEntity, lines, names);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      const rows = csv.slice(1).trimEnd().split('\r\n');
      expect(rows[0]).toContain('结算单编号 (number)');
      expect(rows[0]).toContain('金额（元） (amount)');
      const header = rows[0]!.split(',');
      const cell = (row: string, column: string) => row.split(',')[header.indexOf(column)];
      for (const column of [
        '服务商名称 (providerName)',
        '预算单位名称 (unitName)',
        '系统名称 (systemName)',
        '目录条目名称 (catalogEntryName)',
      ])
        expect(header).toContain(column);
      expect(cell(rows[1]!, '服务商名称 (providerName)')).toBe('浪潮云');
      expect(cell(rows[1]!, '目录条目名称 (catalogEntryName)')).toBe('云服务器 4 核 8G');
      expect(cell(rows[1]!, '系统名称 (systemName)')).toBe('系统二');
      expect(rows).toHaveLength(4);
      const total = lines.reduce((sum, line) => sum + line.amountFen, 0);
      expect(rows[3]!.split(',').at(-1)).toBe((total / 100).toFixed(2));
    });
  });
});

function baseCandidate(): SettlementCandidate {
  return {
    applicationId: 'a',
    applicationNumber: 'A-2025-0002',
    providerId: 'p',
    goLiveOn: '2025-01-01',
    terminatedOn: null,
    unitId: 'u',
    unitCode: 'U-2',
    unitName: '单位二',
    systemId: 's',
    systemCode: 'S-2',
    systemName: '系统二',
    retiredOn: null,
    resourceLineId: 'r',
    position: 1,
    catalogEntryId: 'c',
    quantity: 3,
    quantityMax: 3,
    effectiveFrom: null,
    effectiveUntil: null,
    concludedPrice: '123.45',
    capFen: null,
  };
}
