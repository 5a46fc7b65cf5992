// Which operation of a document to run is the client's choice: an `operationName` the document does
// not define, or several operations and no name, is the client's mistake. graphql-js reports it as
// a request error, but the gateway's executor throws it (INVALID_GRAPHQL), which the error mask turns
// into INTERNAL_SERVER_ERROR. This plugin answers it first, as BAD_USER_INPUT naming what to fix.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { ErrorCode, GovCloudError } from '../../../subgraphs/kit/errors';

/** The names of the document's operations, in order (an anonymous one is `null`). */
export function operationNames(document: DocumentNode): Array<string | null> {
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? null] : [],
  );
}

/** Refuses a request whose operation cannot be chosen, before any plan or subgraph call. */
export function operationChoicePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const names = operationNames(document).filter((name): name is string => name !== null);
          const known = names.length > 0 ? `文档中的操作 (operations in the document)：${names.join('、')}` : '文档中没有具名操作';
          const message = request.operationName
            ? `文档中没有名为 ${request.operationName} 的操作 (unknown operationName)；${known}`
            : `文档含多个操作，须用 operationName 指明执行哪一个 (operationName is required)；${known}`;
          // 400 as for a document that does not validate (under application/json, 200: kit/http.ts).
          throw new GovCloudError(message, ErrorCode.BAD_USER_INPUT, { field: 'operationName' }, 400);
        },
      };
    },
  };
}
