// Per-unit security figures for the annual unit performance evaluation (UNIT_PERFORMANCE, 第二十六条)
// and the analysts' units overdue on MLPS (MLPS_6M, 第二十二条).
import { todayInChina } from '../../kit/dates';
import { fieldReaders } from '../../kit/field-readers';
import { Role } from '../../kit/principal';
import type { Resolvers } from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { requireSummaryYear } from './unit-security-summary.rules';
import { securityScopeOf } from '../security-scope';
import { UnitSecuritySummaryService } from './unit-security-summary.service';

/** Whole-city figures per unit: for those who evaluate (第二十六条) and the city's security and audit roles. */
const SUMMARY_READERS = fieldReaders('Query.unitSecuritySummaries', [Role.BUREAU, Role.CENTER, Role.CYBERSEC, Role.AUDITOR]);

const serviceOf = (ctx: SecurityContext) => new UnitSecuritySummaryService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

export const unitSecuritySummaryResolvers = {
  Query: {
    unitSecuritySummaries: (_, args, ctx) => {
      SUMMARY_READERS.check(ctx.principal);
      const today = todayInChina();
      return serviceOf(ctx).summaries(args.unitIds, requireSummaryYear(args.year, today), today);
    },
    mlpsOverdueUnits: (_, args, ctx) => serviceOf(ctx).overdueUnits(args, todayInChina()),
  },
  UnitSecuritySummary: {
    unit: (summary) => ({ id: summary.unitId }),
  },
  MlpsOverdueUnitEdge: {
    region: (edge) => regionOf(edge.regionCode),
  },
} satisfies Resolvers;
