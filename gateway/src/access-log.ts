// What the gateway adds to a request's access line (kit/request-log.ts): who asked (role and
// scope kind, never the token or its subject) and the error codes the client received.
import { currentRequest } from '../../subgraphs/kit/log';
import { scopeOf, type Principal } from '../../subgraphs/kit/principal';

/** Records who is asking, for the request's access line. */
export function notePrincipal(principal: Principal | null): void {
  const request = currentRequest();
  if (!request) return;
  request.role = principal?.role ?? 'ANONYMOUS';
  if (!principal) return;
  try {
    request.scopeKind = scopeOf(principal).kind;
  } catch {
    request.scopeKind = 'NONE';
  }
}

/** Records an error code the client received. */
export function noteErrorCode(code: string): void {
  currentRequest()?.errorCodes.add(code);
}
