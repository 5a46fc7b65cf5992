// GET /settlements/<id>.csv on the applications subgraph, behind the gateway's proxy (第十六条): the
// settlement's lines the caller may see, as CSV. Like the GraphQL endpoint it needs the principal
// the gateway signed (401 otherwise); out of scope and unknown are the same 404, a malformed id 400.
import type { DataSource } from 'typeorm';
import { ErrorCode, GovCloudError, NotFoundError } from '../../kit/errors';
import type { Route } from '../../kit/http';
import { principalOfRequest } from '../../kit/internal-token';
import { requireInScope } from '../../kit/lookup';
import { sendErrorJson } from '../../kit/material-upload';
import type { SettlementNamesPortFor } from './names-port';
import { settlementCsv } from './settlement-csv';
import { SettlementReadService } from './settlement-read.service';
import { SETTLEMENTS_PATH } from './settlement.resolvers';

const CSV_PATH = /^\/settlements\/([^/]+)\.csv$/;
const SETTLEMENT = '费用结算单';

const unique = (ids: readonly string[]) => [...new Set(ids)];

export function createSettlementCsvRoute(options: {
  dataSource: DataSource;
  internalTokenSecret: string;
  settlementNamesPortFor: SettlementNamesPortFor;
}): Route {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(`${SETTLEMENTS_PATH}/`)) return false;
    try {
      req.resume();
      const principal = await principalOfRequest(req, options.internalTokenSecret);
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        throw new GovCloudError('不支持的请求方法：导出结算单用 GET /settlements/<结算单标识>.csv', ErrorCode.BAD_USER_INPUT, {}, 405);
      }
      const id = CSV_PATH.exec(path)?.[1];
      if (!id) throw new NotFoundError(SETTLEMENT);
      const settlements = new SettlementReadService(options.dataSource, principal);
      // Another level's settlement is the same 404 as one that does not exist (kit/lookup.ts).
      const settlement = await requireInScope(id, async (key) => (await settlements.byIds([key]))[0], SETTLEMENT);
      const lines = await settlements.linesOf([settlement.id]);
      const names = await options
        .settlementNamesPortFor(principal)
        .namesOf(unique(lines.map((line) => line.providerId)), unique(lines.map((line) => line.catalogEntryId)));
      const body = Buffer.from(settlementCsv(settlement, lines, names), 'utf8');
      res.statusCode = 200;
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-length', String(body.length));
      res.setHeader('content-disposition', `attachment; filename="${settlement.number}.csv"`);
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(body);
    } catch (error) {
      sendErrorJson(res, error);
    }
    return true;
  };
}
