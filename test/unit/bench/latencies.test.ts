// The bench's concurrency-1 phase beside another target sends the two targets' requests in turn,
// one by one, the order swapped every other pair and each pair with the same variables, so a drift
// in the machine's load meets both alike. Two HTTP servers stand in for the gateways and record
// what reached them, in arrival order. CPU per request at concurrency 1 is read for the processes a
// target does not share with another.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLatencies } from '../../bench/graph-bench';
import { BENCH_OPERATIONS } from '../../bench/operations';

const arrivals: Array<{ target: string; variables: unknown }> = [];
const servers: Server[] = [];
const urls: string[] = [];
const agent = new Agent();
/** How long the slow server holds back the rest of its answer. */
const LAST_BYTES_AFTER_MS = 60;
let slowUrl = '';

beforeAll(async () => {
  for (const target of ['A', 'B']) {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        arrivals.push({ target, variables: (JSON.parse(body) as { variables: unknown }).variables });
        response.setHeader('content-type', 'application/json');
        response.end(target === 'B' && arrivals.length % 7 === 0 ? '{"errors":[{"message":"no"}]}' : '{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  }
  // Sends the start of its answer at once and the rest later.
  const slow = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.write('{"data":');
      setTimeout(() => response.end('{"ok":true}}'), LAST_BYTES_AFTER_MS);
    });
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  servers.push(slow);
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await agent.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('measureLatencies', () => {
  it('alternates the targets request by request, swapping the order every other pair, with the same variables in each pair', async () => {
    const varied = BENCH_OPERATIONS.find((op) => op.name === 'county-applications-varied')!;
    const requests = 6;
    const results = await measureLatencies(
      varied,
      // A's gateway is its own process; the subgraph both name is shared (as with --gateway).
      [
        { gatewayUrl: urls[0]!, pids: () => ({ gateway: process.pid, applications: process.ppid }) },
        { gatewayUrl: urls[1]!, pids: () => ({ applications: process.ppid }) },
      ],
      'token',
      { agent, requests, warmupMs: 0, concurrency: 2 },
    );

    // Five untimed requests to each target first, one target after the other.
    const warm = arrivals.slice(0, 10).map((arrival) => arrival.target);
    expect(warm).toEqual([...'AAAAABBBBB']);
    const timed = arrivals.slice(10);
    expect(timed.map((arrival) => arrival.target).join('')).toBe('ABBAABBAABBA');
    for (let pair = 0; pair < requests; pair++) expect(timed[2 * pair]!.variables).toEqual(timed[2 * pair + 1]!.variables);
    // The pairs' variables still vary from pair to pair, as a varied operation's requests do.
    expect(new Set(timed.map((arrival) => JSON.stringify(arrival.variables))).size).toBe(requests);

    expect(results.map((result) => result.ms.length)).toEqual([requests, requests]);
    expect(results.every((result) => result.ms.every((ms) => ms > 0) && result.bytes.every((bytes) => bytes > 0))).toBe(true);
    // An answer with errors is counted against the target that gave it.
    const bErrors = timed.filter((arrival, i) => arrival.target === 'B' && (i + 11) % 7 === 0).length;
    expect(results[0]!.errors).toBe(0);
    expect(results[1]!.errors).toBe(bErrors);
    // CPU at concurrency 1 only for a target's own processes: a shared one's could be either's.
    expect(Object.keys(results[0]!.cpuMs)).toEqual(['gateway']);
    expect(results[0]!.cpuMs.gateway).toBeGreaterThanOrEqual(0);
    expect(results[1]!.cpuMs).toEqual({});
  });

  it("times each request to its answer's last byte", async () => {
    const dashboard = BENCH_OPERATIONS.find((op) => op.name === 'dashboard')!;
    const [slow] = await measureLatencies(dashboard, [{ gatewayUrl: slowUrl }], 'token', {
      agent,
      requests: 2,
      warmupMs: 0,
      concurrency: 1,
    });
    // The answer's first bytes came at once; the clock ran until the rest did.
    expect(slow!.ms).toHaveLength(2);
    for (const ms of slow!.ms) expect(ms).toBeGreaterThanOrEqual(LAST_BYTES_AFTER_MS - 10);
    expect(slow!.errors).toBe(0);
    expect(slow!.bytes).toEqual([20, 20]);
  });
});
