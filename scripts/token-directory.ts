// What `npm run token` checks a --unit or --provider against: the project database's units and
// providers, by id or by code, so a development token names something the gateway's directory
// check (gateway/src/directory.ts) will accept.
import pg from 'pg';
import { isUuid } from '../subgraphs/kit/ids';
import { regionByCode } from '../subgraphs/kit/regions';
import { DevTokenError } from '../gateway/src/dev-token';

/** A --unit or --provider the database does not have: one line, saying how to list the choices. */
export class NotInDirectoryError extends DevTokenError {
  override name = 'NotInDirectoryError';
}

const LIST_HINT = '可选的单位与服务商见 npm run -s token -- --list';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  active: boolean;
}

export interface ProviderRow {
  id: string;
  code: string;
  name: string;
  status: string;
}

const UNITS = `SELECT id, code, name, region_code AS "regionCode", active FROM "applications"."unit"`;
const PROVIDERS = `SELECT id, code, name, status FROM "providers"."provider"`;

export interface TokenDirectory {
  unit(idOrCode: string): Promise<UnitRow>;
  provider(idOrCode: string): Promise<ProviderRow>;
  units(): Promise<UnitRow[]>;
  providers(): Promise<ProviderRow[]>;
  close(): Promise<void>;
}

export async function openTokenDirectory(databaseUrl: string): Promise<TokenDirectory> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
    try {
      return (await client.query(sql, values)).rows as T[];
    } catch (error) {
      // 42P01 undefined table, 3F000 undefined schema: nothing migrated or seeded yet.
      if (['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) {
        throw new DevTokenError('数据库中还没有使用单位和服务商：请先运行 npm start 或 npm run seed (no units or providers yet)');
      }
      throw error;
    }
  };
  // An id is looked up as an id, anything else as a code; a malformed id never reaches a uuid column.
  const byIdOrCode = (table: string, idOrCode: string) =>
    isUuid(idOrCode) ? [`${table} WHERE id = $1`, [idOrCode.toLowerCase()]] : [`${table} WHERE code = $1`, [idOrCode]];
  return {
    async unit(idOrCode) {
      const [sql, values] = byIdOrCode(UNITS, idOrCode.trim()) as [string, unknown[]];
      const [unit] = await rows<UnitRow>(sql, values);
      if (!unit) throw new NotInDirectoryError(`没有标识或编码为 ${idOrCode} 的使用单位 (no such unit)；${LIST_HINT}`);
      return unit;
    },
    async provider(idOrCode) {
      const [sql, values] = byIdOrCode(PROVIDERS, idOrCode.trim()) as [string, unknown[]];
      const [provider] = await rows<ProviderRow>(sql, values);
      if (!provider) throw new NotInDirectoryError(`没有标识或编码为 ${idOrCode} 的定点服务商 (no such provider)；${LIST_HINT}`);
      return provider;
    },
    units: () => rows<UnitRow>(`${UNITS} ORDER BY code`),
    providers: () => rows<ProviderRow>(`${PROVIDERS} ORDER BY code`),
    close: () => client.end(),
  };
}

/**
 * The claims for a unit's token: its id for the code given, and its own region when none is given.
 * A unit that is no longer active, or a region that is not the unit's, is refused here as the
 * gateway would refuse it.
 */
export function unitClaims(unit: UnitRow, region: string | undefined): { unit: string; region: string } {
  if (!unit.active) throw new DevTokenError(`使用单位 ${unit.code} 已撤销或合并，网关会拒绝它的令牌 (the unit is no longer active)`);
  if (region !== undefined && region !== unit.regionCode) {
    throw new DevTokenError(
      `使用单位 ${unit.code} 属于区划 ${unit.regionCode}，不是 ${region} (the unit belongs to ${unit.regionCode}; omit --region to use it)`,
    );
  }
  return { unit: unit.id, region: unit.regionCode };
}

/** `--list`: units (code, name, id, county) and providers (code, name, id, status), one a line, tab-separated. */
export function formatDirectory(units: UnitRow[], providers: ProviderRow[]): string {
  const county = (code: string) => `${code} ${regionByCode(code)?.name ?? ''}`.trimEnd();
  const lines = [
    '使用单位 (units) — 编码 code\t名称 name\t标识 id\t区划 county',
    ...units.map((u) => `${u.code}\t${u.name}\t${u.id}\t${county(u.regionCode)}${u.active ? '' : '\t(已撤销 inactive)'}`),
  ];
  lines.push(
    '',
    '定点服务商 (providers) — 编码 code\t名称 name\t标识 id\t状态 status',
    ...providers.map((p) => `${p.code}\t${p.name}\t${p.id}\t${p.status}`),
  );
  return `${lines.join('\n')}\n`;
}
