// Stopping an HTTP server without cutting anyone off: refuse new connections, let requests in
// flight finish, close connections as they fall idle, and after the grace period close the rest.
import type { Server } from 'node:http';

/** How often idle keep-alive connections are closed while draining. */
const IDLE_SWEEP_MS = 100;

/** Resolves once every connection is closed: by itself within `graceMs`, or forced after it. */
export async function drainHttpServer(server: Server, graceMs: number): Promise<{ forced: boolean }> {
  if (!server.listening) return { forced: false };
  let forced = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() closes the connections idle right now; a keep-alive connection whose request is still
  // running turns idle later and would otherwise stay open until the keep-alive timeout.
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const force = setTimeout(() => {
    forced = true;
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
  return { forced };
}
