// The IDE's export of a result (gateway/ide/src/export.ts): JSON always, CSV from the first list.
import { describe, expect, it } from 'vitest';
import { exportFileName, parseResult, tableOf, toCsv } from '../../gateway/ide/src/export';

const connection = {
  data: {
    systems: {
      totalCount: 2,
      edges: [
        {
          cursor: 'a',
          node: { code: 'S-1', name: '不动产登记', owner: { name: '滨城区自然资源局', region: { code: '371602' } }, hostingProvider: null },
        },
        {
          cursor: 'b',
          node: { code: 'S-2', name: '公积金, "二期"', owner: { name: '市公积金中心', region: { code: '371600' } }, tags: ['a'] },
        },
      ],
    },
  },
};

describe('tableOf', () => {
  it("takes a connection's nodes, flattening nested objects into dotted columns", () => {
    const table = tableOf(parseResult(JSON.stringify(connection)))!;
    expect(table.path).toBe('systems');
    expect(table.columns).toEqual(['code', 'name', 'owner.name', 'owner.region.code', 'hostingProvider', 'tags']);
    expect(table.rows[1]).toMatchObject({ 'owner.region.code': '371600', tags: '["a"]' });
  });

  it('takes a plain list of objects, and finds a list below a root object', () => {
    expect(tableOf({ data: { regions: [{ code: '371600', name: '滨州市' }] } })).toMatchObject({
      path: 'regions',
      columns: ['code', 'name'],
    });
    expect(tableOf({ data: { auditTrail: { providers: { edges: [{ node: { operation: 'x' } }] } } } })).toMatchObject({
      path: 'auditTrail.providers',
    });
  });

  it("keeps an edge's own fields (not its cursor) next to its node's", () => {
    const overdue = { data: { mlpsOverdueSystems: { edges: [{ cursor: 'c', daysOverdue: 12, node: { code: 'S-1' } }] } } };
    expect(tableOf(overdue)).toMatchObject({ columns: ['code', 'daysOverdue'], rows: [{ code: 'S-1', daysOverdue: 12 }] });
  });

  it('offers no table for a single record, an empty list, an error or no result', () => {
    expect(tableOf({ data: { provider: { code: 'P-INSPUR', name: '浪潮' } } })).toBeUndefined();
    expect(tableOf({ data: { systems: { edges: [] } } })).toBeUndefined();
    expect(tableOf({ data: null, errors: [{ message: 'x' }] } as never)).toBeUndefined();
    expect(parseResult('')).toBeUndefined();
    expect(parseResult('{ not json')).toBeUndefined();
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header row and RFC 4180 quoting, and keeps formulas as text', () => {
    const table = tableOf(connection as never)!;
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFFcode,name,owner.name,owner.region.code,hostingProvider,tags\r\n')).toBe(true);
    expect(csv).toContain('S-2,"公积金, ""二期""",市公积金中心,371600,,"[""a""]"\r\n');
    expect(toCsv({ path: 'x', columns: ['v', 'n'], rows: [{ v: '=HYPERLINK("x")', n: -5 }] })).toContain(`"'=HYPERLINK(""x"")",-5`);
  });
});

describe('exportFileName', () => {
  it('names the list and the local time', () => {
    expect(exportFileName('auditTrail.providers', 'csv', new Date(2026, 10, 26, 9, 5))).toBe(
      'govcloud-auditTrail.providers-20261126-0905.csv',
    );
    expect(exportFileName('', 'json', new Date(2026, 0, 2, 3, 4))).toBe('govcloud-result-20260102-0304.json');
  });
});
