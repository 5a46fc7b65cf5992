// Prometheus metrics for /metrics: how long GraphQL operations take by operation name, how many
// errors each code produced, and how the subgraph fetches behind them went. Labels are bounded:
// an operation is named only when its document is one of the trusted-document manifest's
// (operations/manifest.json), otherwise it is `adhoc`, so clients cannot invent series.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, parse } from 'graphql';
import { Counter, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '../../../subgraphs/kit/errors';
import { LATENCY_BUCKETS } from '../../../subgraphs/kit/metrics';
import { tokenLimitIn } from './client-errors';
import { noteErrorCode } from '../access-log';
import type { TrustedDocuments } from './trusted-documents';

export interface GatewayMetrics {
  /** Per gateway, not prom-client's global one, so several gateways in one test process don't collide. */
  readonly registry: Registry;
  readonly plugin: ApolloServerPlugin;
  /** Counts an error raised before Apollo's request pipeline runs (e.g. a rejected token). */
  recordError(code: string): void;
  /** One subgraph fetch: its duration and, when it failed, the code it failed with. */
  recordFetch(subgraph: string, seconds: number, errorCode?: string): void;
  /** A subgraph fetch that joined an identical one in flight instead of being sent (shared-fetches.ts). */
  recordSharedFetch(subgraph: string): void;
}

/** The label of an operation outside the manifest. */
export const ADHOC_OPERATION = 'adhoc';

export function createGatewayMetrics(trusted: TrustedDocuments = new Map()): GatewayMetrics {
  const registry = new Registry();
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Duration of GraphQL operations at the gateway, by operation name (trusted documents; others adhoc) and type.',
    labelNames: ['operation_name', 'operation_type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned by the gateway, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  const fetchDuration = new Histogram({
    name: 'subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches from the gateway, by subgraph and outcome (ok or error).',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const fetchErrors = new Counter({
    name: 'subgraph_fetch_errors_total',
    help: 'Failed subgraph fetches from the gateway, by subgraph and error code.',
    labelNames: ['subgraph', 'code'] as const,
    registers: [registry],
  });

  const sharedFetches = new Counter({
    name: 'gateway_subgraph_fetches_deduplicated_total',
    help: 'Subgraph fetches not sent because an identical one (same principal) was in flight, by subgraph.',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });

  const names = manifestOperationNames(trusted);
  const operationLabel = (queryHash: string | undefined): string => (queryHash && names.get(queryHash)) || ADHOC_OPERATION;
  const recordError = (code: string) => {
    errors.inc({ code });
    noteErrorCode(code);
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stopTimer = duration.startTimer();
      return {
        async didEncounterErrors({ errors: encountered }) {
          for (const error of encountered) {
            // A limit reported by a validation rule arrives wrapped (GRAPHQL_VALIDATION_FAILED), the token
            // limit as a parse error; count them as clients see them (client-errors.ts).
            const wrapped = (error.originalError as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
            const code =
              tokenLimitIn(error.message) !== undefined
                ? ErrorCode.QUERY_TOO_COMPLEX
                : typeof wrapped === 'string'
                  ? wrapped
                  : error.extensions?.code;
            recordError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
        async willSendResponse({ operation, queryHash }) {
          stopTimer({
            operation_name: operationLabel(queryHash),
            operation_type: operation?.operation ?? 'unknown',
          });
        },
      };
    },
  };
  const recordFetch = (subgraph: string, seconds: number, errorCode?: string) => {
    fetchDuration.observe({ subgraph, outcome: errorCode ? 'error' : 'ok' }, seconds);
    if (errorCode) fetchErrors.inc({ subgraph, code: errorCode });
  };
  const recordSharedFetch = (subgraph: string) => sharedFetches.inc({ subgraph });
  return { registry, plugin, recordError, recordFetch, recordSharedFetch };
}

/** Each trusted document's hash → its operation's name (`anonymous` for an unnamed one). */
function manifestOperationNames(trusted: TrustedDocuments): Map<string, string> {
  const names = new Map<string, string>();
  for (const [hash, text] of trusted) {
    const operation = parse(text).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    names.set(hash, operation?.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? 'anonymous') : 'anonymous');
  }
  return names;
}
