// The supervision subgraph's scopes: monitoring roll-ups are seen as their systems are
// (monitoring.scope.ts: the city's roles and the monitoring agency the whole city, a county its
// county, a unit its own systems, a provider the systems it hosts); provider evaluations by every
// government role and by a provider for itself only (applyProviderRecordScope); published unit
// performance results by every government role and by no provider (unit-performance.service.ts).
import { afterAll, beforeAll } from 'vitest';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { stableId } from '../../../subgraphs/kit/stable-id';
import { addDays } from '../../../subgraphs/kit/dates';
import { buildMonitoringSample, SAMPLE_DAYS } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { evaluationReferenceDate } from '../../../subgraphs/supervision/unit-performance/unit-performance.rules';
import { SEEDED_UNIT_PERFORMANCE_YEAR } from '../../../subgraphs/supervision/unit-performance/unit-performance.seed';
import { WORLD_TODAY } from '../../../seed/world';
import { describeScopeContract, type ListExpectation } from '../../setup/scope-contract';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerByCode, providerPrincipal, userUnit, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const FIRST_DAY = addDays(WORLD_TODAY, -(SAMPLE_DAYS - 1));
const YEAR = SEEDED_UNIT_PERFORMANCE_YEAR;

const LISTS = `{
  monitoringDailyFigures(from: "${FIRST_DAY}", to: "${WORLD_TODAY}", first: 100) { totalCount edges { node { id system { id } region { code } } } }
  providerEvaluations(first: 100) { totalCount edges { node { id provider { id } } } }
  unitPerformanceResults(year: ${YEAR}, first: 100) { totalCount edges { node { id } } }
}`;

type Daily = { system: { id: string }; region: { code: string } };
type SampleRow = ReturnType<typeof buildMonitoringSample>[number];

const sample = buildMonitoringSample(world.systems, WORLD_TODAY);
const systemById = new Map(world.systems.map((system) => [system.id, system]));
const unicom = providerByCode('P-UNICOM');
const monitoredUnit = world.units.find((unit) => unit.regionCode === BINCHENG && sample.some((row) => row.unitId === unit.id))!;
const monitor: Principal = { subject: 'test-monitor', role: Role.MONITOR };
const countyFinance: Principal = { subject: 'test-finance-371602', role: Role.FINANCE, regionCode: BINCHENG };

/** Exactly the sample's rows `keep` selects, every listed one belonging to them. */
function dailyWhere(keep: (row: Pick<SampleRow, 'regionCode' | 'unitId' | 'providerId'>) => boolean): ListExpectation<Daily> {
  return {
    totalCount: sample.filter(keep).length,
    nonEmpty: true,
    every: (node) => {
      const system = systemById.get(node.system.id)!;
      return keep({ regionCode: node.region.code, unitId: system.unitId, providerId: system.providerId! });
    },
  };
}

const everyEvaluation = { totalCount: world.providerEvaluations.length };
const ownEvaluations = (providerId: string) => ({
  totalCount: world.providerEvaluations.filter((evaluation) => evaluation.providerId === providerId).length,
  nonEmpty: true,
  every: (node: { provider: { id: string } }) => node.provider.id === providerId,
});
// The seeded year's results are published, one per unit with a system live during the year; every
// government role reads them all, not only its own county's or unit's.
const referenceDate = evaluationReferenceDate(YEAR, WORLD_TODAY);
const evaluatedUnits = new Set(
  world.systems
    .filter((system) => system.goLiveOn && system.goLiveOn <= referenceDate && (!system.retiredOn || system.retiredOn >= `${YEAR}-01-01`))
    .map((system) => system.unitId),
);
const resultIdOf = (unitId: string) => stableId('supervision.unit-performance-result', `${YEAR}:${unitId}`);
const publishedResults = { totalCount: evaluatedUnits.size, idSet: [...evaluatedUnits].map(resultIdOf) };

const ownEvaluation = world.providerEvaluations.find((evaluation) => evaluation.providerId === unicom.id)!;
const otherEvaluation = world.providerEvaluations.find((evaluation) => evaluation.providerId !== unicom.id)!;
const publishedResult = resultIdOf(monitoredUnit.id);

describeScopeContract('supervision', {
  subgraph: () => subgraph,
  lists: LISTS,
  views: [
    {
      label: 'the bureau (the whole city)',
      principal: bureau,
      lists: {
        monitoringDailyFigures: dailyWhere(() => true),
        providerEvaluations: everyEvaluation,
        unitPerformanceResults: publishedResults,
      },
    },
    {
      label: 'the monitoring agency (the whole city’s monitoring)',
      principal: monitor,
      lists: { monitoringDailyFigures: dailyWhere(() => true), providerEvaluations: everyEvaluation },
    },
    {
      label: 'a county authority (its county’s monitoring, every evaluation and published result)',
      principal: countyAuthority(BINCHENG),
      lists: {
        monitoringDailyFigures: dailyWhere((row) => row.regionCode === BINCHENG),
        providerEvaluations: everyEvaluation,
        unitPerformanceResults: publishedResults,
      },
    },
    {
      label: 'a unit (its own systems’ monitoring, every evaluation and published result)',
      principal: userUnit(monitoredUnit),
      lists: {
        monitoringDailyFigures: dailyWhere((row) => row.unitId === monitoredUnit.id),
        providerEvaluations: everyEvaluation,
        unitPerformanceResults: publishedResults,
      },
    },
    {
      label: 'a provider (the monitoring of systems it hosts, its own evaluations, no unit results)',
      principal: providerPrincipal(unicom),
      lists: {
        monitoringDailyFigures: dailyWhere((row) => row.providerId === unicom.id),
        providerEvaluations: ownEvaluations(unicom.id),
        unitPerformanceResults: { totalCount: 0 },
      },
    },
    {
      label: 'a county finance bureau (nothing of another county’s monitoring)',
      principal: countyFinance,
      lists: { monitoringDailyFigures: { every: (node: Daily) => node.region.code === BINCHENG } },
    },
  ],
  byId: [
    {
      query: `query ($id: ID!) { providerEvaluation(id: $id) { id } }`,
      field: 'providerEvaluation',
      outsideId: otherEvaluation.id,
      principal: providerPrincipal(unicom),
      seenBy: providerPrincipal(world.providers.find((provider) => provider.id === otherEvaluation.providerId)!),
    },
    {
      query: `query ($id: ID!) { unitPerformanceResult(id: $id) { id } }`,
      field: 'unitPerformanceResult',
      outsideId: publishedResult,
      principal: providerPrincipal(unicom),
      seenBy: countyAuthority('371681'),
    },
  ],
  entities: {
    typename: 'ProviderEvaluation',
    insideId: ownEvaluation.id,
    outsideId: otherEvaluation.id,
    principal: providerPrincipal(unicom),
  },
  unauthenticated: { query: `{ providerEvaluations { totalCount } }`, expectNoData: true },
});
