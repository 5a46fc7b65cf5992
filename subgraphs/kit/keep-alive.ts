// Idle keep-alive connections between the gateway and the subgraphs. A client that sends on a
// connection the server is closing at that moment gets "socket hang up"; so the client (the
// gateway's agent) always gives an idle connection up well before the server (a subgraph) would.
import type { Server } from 'node:http';

/** How long a subgraph keeps an idle connection open (Node's default is 5 s). */
export const SERVER_KEEP_ALIVE_TIMEOUT_MS = 15_000;
/** How long the gateway reuses an idle connection: well under the server's, so it never reuses a closed one. */
export const CLIENT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Sets a subgraph server's keep-alive longer than any of our clients' idle timeout. */
export function tuneServerKeepAlive(server: Server): void {
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_TIMEOUT_MS;
  // Node waits this long for a request's headers; it must outlast the idle timeout or Node may
  // cut a connection that is merely idle.
  server.headersTimeout = Math.max(server.headersTimeout, SERVER_KEEP_ALIVE_TIMEOUT_MS + 1_000);
}
