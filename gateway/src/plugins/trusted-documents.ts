// Trusted documents (operations/manifest.json, `npm run operations:manifest`): the operations the
// city front end, the county portal and the analysts' examples send, each by its id — the SHA-256
// of the document's text, hex, sent as `extensions.persistedQuery.sha256Hash` (the automatic
// persisted queries' field, so Apollo's persisted-query links work unchanged) with no `query`.
//
// - Always: an id in the manifest runs its document; an unknown id without a query falls through
//   to automatic persisted queries (PERSISTED_QUERY_NOT_FOUND, then the client sends the text).
// - Enforced (TRUSTED_DOCUMENTS=enforce; the default in production): a principal without the
//   analyst claim (a front end) may run only the manifest's documents; anything else is refused
//   with PERSISTED_QUERY_NOT_ALLOWED before any subgraph is called. A principal with
//   `analyst: true` may also run ad-hoc queries — no mutations — under the lower ANALYST cost cap.
//   A document counts as trusted by its id, whether sent by id or as the same text.
// - Off (the default in development): ad-hoc documents and automatic persisted queries as before.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ConfigError } from '../../../subgraphs/kit/config';
import { ErrorCode, GovCloudError, QueryTooComplexError } from '../../../subgraphs/kit/errors';
import type { GatewayContext } from '../auth';
import { operationCost, type QueryCostOptions } from './query-cost';

/** id (SHA-256 of the document, hex) → the document's text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export interface TrustedDocumentsOptions {
  /** The manifest (loadTrustedDocuments). */
  documents: TrustedDocuments;
  /** Refuse what is not in the manifest, except analysts' ad-hoc queries. */
  enforce: boolean;
  /** The cost cap of an analyst's ad-hoc query (GRAPHQL_ANALYST_MAX_COST), below the general one. */
  analystMaxCost: number;
  /** As for the general cost (query-cost.ts): selections evaluated at most. */
  maxEvaluatedNodes?: QueryCostOptions['maxEvaluatedNodes'];
}

/** A fifth of GRAPHQL_MAX_COST's default: an analyst's largest example (a page of 20 providers, 20 open findings each) costs under 3,000. */
export const DEFAULT_ANALYST_MAX_COST = 20_000;

export class PersistedQueryNotAllowedError extends GovCloudError {
  constructor(message: string) {
    super(message, ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, {}, 400);
  }
}

export const TRUSTED_DOCUMENT_MESSAGES = {
  notTrusted:
    '本环境只执行已登记的可信文档：请按 operations/manifest.json 中的标识发送 (extensions.persistedQuery.sha256Hash)；临时查询仅限分析人员 (only trusted documents, by id; ad-hoc queries are for analysts)',
  analystMutation: '分析人员只能临时执行只读查询，变更须通过可信文档执行 (analysts may run ad-hoc read-only queries only, no mutations)',
} as const;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads and checks the manifest: a JSON object of id → document, each id the SHA-256 of its document. */
export function loadTrustedDocuments(file: string): TrustedDocuments {
  if (!existsSync(file)) {
    throw new ConfigError(
      `未找到可信文档清单 ${file}：请运行 npm run operations:manifest (trusted-document manifest not found; set TRUSTED_DOCUMENTS_PATH)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(`可信文档清单 ${file} 不是有效的 JSON (the trusted-document manifest is not valid JSON)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`可信文档清单 ${file} 须为「标识 → 文档」的对象 (must be an object of id → document)`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || sha256(document) !== id) {
      throw new ConfigError(`可信文档清单 ${file} 中 ${id} 不是其文档的 SHA-256 (an id is not the SHA-256 of its document)`);
    }
    documents.set(id, document);
  }
  return documents;
}

export function trustedDocumentsPlugin(options: TrustedDocumentsOptions): ApolloServerPlugin<GatewayContext> {
  const { documents } = options;
  return {
    async requestDidStart({ request }) {
      // By id: the manifest's text, before automatic persisted queries look the id up in their cache.
      const id = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (request.query === undefined && typeof id === 'string' && documents.has(id)) request.query = documents.get(id);
      if (!options.enforce) return;
      return {
        async didResolveOperation({ contextValue, queryHash, operation, schema, document, request: resolved }) {
          // Without a principal, require-authentication refuses (or lets introspection through outside production).
          if (!contextValue.principal || !operation || documents.has(queryHash)) return;
          if (!contextValue.principal.analyst) throw new PersistedQueryNotAllowedError(TRUSTED_DOCUMENT_MESSAGES.notTrusted);
          if (operation.operation !== 'query') throw new PersistedQueryNotAllowedError(TRUSTED_DOCUMENT_MESSAGES.analystMutation);
          const cost = operationCost(schema, document, operation, resolved.variables ?? {}, {
            maxCost: options.analystMaxCost,
            maxEvaluatedNodes: options.maxEvaluatedNodes,
          });
          if (cost > options.analystMaxCost) throw new QueryTooComplexError('COST', options.analystMaxCost, cost);
        },
      };
    },
  };
}
