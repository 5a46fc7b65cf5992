// The representative operations `npm run bench` measures, each with the role that runs it. Taken from
// operations/ where the clients have one; the city dashboard is the query issue 14's figures were
// measured with (providers with their agreements, catalog, security and evaluation, and systems with
// their owners and hosting providers: all four subgraphs), the county's page reads its systems' MLPS
// level from security on top of operations/county/application-list.graphql's fields.
import { readFileSync } from 'node:fs';
import type { DevTokenClaims } from '../../gateway/src/dev-token';

export interface BenchOperation {
  name: string;
  /** What it stands for, in the table. */
  title: string;
  /** The subgraphs its plan reaches. */
  subgraphs: string[];
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  /**
   * The variables of its nth request, when they vary: concurrent requests then ask for different
   * pages, as real users do, so sharing identical fetches in flight cannot flatter the figures.
   */
  varied?: (n: number) => Record<string, unknown>;
  claims: DevTokenClaims;
}

/** The variables of the next request of `op`. */
export function nextVariables(op: BenchOperation): Record<string, unknown> {
  if (!op.varied) return op.variables ?? {};
  const n = sent.get(op) ?? 0;
  sent.set(op, n + 1);
  return op.varied(n);
}

const sent = new Map<BenchOperation, number>();

/**
 * `op` with `overrides` laid over its variables, in every request (`--variables '{"first":5}'`):
 * the same operation at another page size, say the one the demo world fills at every scale.
 */
export function withVariables(op: BenchOperation, overrides: Record<string, unknown>): BenchOperation {
  const varied = op.varied;
  return {
    ...op,
    variables: { ...op.variables, ...overrides },
    ...(varied ? { varied: (n: number) => ({ ...varied(n), ...overrides }) } : {}),
  };
}

function operationFile(file: string): string {
  return readFileSync(new URL(`../../operations/${file}`, import.meta.url), 'utf8');
}

const CITY_DASHBOARD = /* GraphQL */ `
  query BenchCityDashboard {
    providers(first: 10) {
      edges {
        node {
          name
          agreements(first: 20) {
            totalCount
            edges {
              node {
                number
                region {
                  code
                }
              }
            }
          }
          basicCatalog(first: 30) {
            edges {
              node {
                priceCapYuan
                serviceItem {
                  name
                }
              }
            }
          }
          securityProfile {
            platformMlpsLevel
          }
          latestEvaluation {
            year
            grade
            totalScore
          }
          hostedSystems(first: 50) {
            totalCount
            edges {
              node {
                code
                owner {
                  name
                }
              }
            }
          }
        }
      }
    }
    systems(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          owner {
            name
            region {
              name
            }
          }
          hostingProvider {
            name
          }
        }
      }
    }
  }
`;

/** The dashboard with its page sizes as variables: each request of a run of 50 asks for different ones. */
const CITY_DASHBOARD_VARIED = CITY_DASHBOARD.replace('BenchCityDashboard', 'BenchCityDashboardVaried($hosted: Int!, $systems: Int!)')
  .replace('hostedSystems(first: 50)', 'hostedSystems(first: $hosted)')
  .replace('systems(first: 100)', 'systems(first: $systems)');

const COUNTY_APPLICATIONS = /* GraphQL */ `
  query BenchCountyApplications($first: Int = 50, $after: String) {
    applications(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          kind
          status
          version
          submittedOn
          filedOn
          unit {
            id
            name
          }
          system {
            code
            name
            mlps {
              level
            }
          }
          provider {
            name
          }
        }
      }
    }
  }
`;

export const BENCH_OPERATIONS: BenchOperation[] = [
  {
    name: 'dashboard',
    title: '市级总览 city dashboard (BUREAU)',
    subgraphs: ['applications', 'providers', 'security', 'supervision'],
    query: CITY_DASHBOARD,
    claims: { role: 'BUREAU', sub: 'bench-bureau' },
  },
  {
    name: 'dashboard-varied',
    title: '市级总览，每次页长不同 city dashboard, varied pages (BUREAU)',
    subgraphs: ['applications', 'providers', 'security', 'supervision'],
    query: CITY_DASHBOARD_VARIED,
    variables: { hosted: 50, systems: 100 },
    varied: (n) => ({ hosted: 50 - (n % 25), systems: 100 - (n % 50) }),
    claims: { role: 'BUREAU', sub: 'bench-bureau' },
  },
  {
    name: 'county-applications',
    title: '县级申请 50 条 county applications (COUNTY_AUTHORITY 371602)',
    subgraphs: ['applications', 'providers', 'security'],
    query: COUNTY_APPLICATIONS,
    variables: { first: 50 },
    claims: { role: 'COUNTY_AUTHORITY', region: '371602', sub: 'bench-county' },
  },
  {
    name: 'county-applications-varied',
    title: '县级申请，每次条数不同 county applications, varied page (COUNTY_AUTHORITY 371602)',
    subgraphs: ['applications', 'providers', 'security'],
    query: COUNTY_APPLICATIONS,
    variables: { first: 50 },
    varied: (n) => ({ first: 50 - (n % 25) }),
    claims: { role: 'COUNTY_AUTHORITY', region: '371602', sub: 'bench-county' },
  },
  {
    name: 'fees',
    title: '按服务商和层级的费用 fees by provider and level (AUDITOR)',
    subgraphs: ['applications', 'providers'],
    query: operationFile('analyst/fees-by-county-and-provider.graphql'),
    operationName: 'AnalystFeesByCountyAndProvider',
    variables: { year: 2025, confirmedOnly: false },
    claims: { role: 'AUDITOR', sub: 'bench-auditor', analyst: true },
  },
  {
    name: 'todo',
    title: '待办 todoItems (BUREAU)',
    subgraphs: ['applications'],
    query: operationFile('city/todo.graphql'),
    operationName: 'CityTodoList',
    variables: { first: 20 },
    claims: { role: 'BUREAU', sub: 'bench-bureau' },
  },
];
