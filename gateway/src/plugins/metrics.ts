// Prometheus metrics for /metrics: the process defaults, how long GraphQL operations take by
// operation name, and how many errors each code produced.
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ErrorCode } from '../../../subgraphs/kit/errors';
import { tokenLimitIn } from './client-errors';
import { noteErrorCode } from '../access-log';

export interface GatewayMetrics {
  /** Per gateway, not prom-client's global one, so several gateways in one test process don't collide. */
  readonly registry: Registry;
  readonly plugin: ApolloServerPlugin;
  /** Counts an error raised before Apollo's request pipeline runs (e.g. a rejected token). */
  recordError(code: string): void;
}

/** Operation names come from clients; past this many distinct ones, new names count as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Duration of GraphQL operations at the gateway, by operation name and type.',
    labelNames: ['operation_name', 'operation_type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned by the gateway, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  const seenNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (seenNames.has(name)) return name;
    if (seenNames.size >= MAX_OPERATION_NAMES) return 'other';
    seenNames.add(name);
    return name;
  };
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
        async willSendResponse({ operation, operationName, request }) {
          stopTimer({
            operation_name: operationLabel(operationName ?? operation?.name?.value ?? request.operationName),
            operation_type: operation?.operation ?? 'unknown',
          });
        },
      };
    },
  };
  return { registry, plugin, recordError };
}
