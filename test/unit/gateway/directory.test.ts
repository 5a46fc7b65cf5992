// The gateway's identity check against the directory (gateway/src/directory.ts) and its cache
// (directory-client.ts), with a directory in memory.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkPrincipal, DIRECTORY_MESSAGES } from '../../../gateway/src/directory';
import { cachedDirectory, createHttpDirectory, type Directory } from '../../../gateway/src/directory-client';
import type { ProviderDirectoryEntry, UnitDirectoryEntry } from '../../../subgraphs/kit/directory';
import { DirectoryUnavailableError } from '../../../subgraphs/kit/errors';
import { Role, type Principal } from '../../../subgraphs/kit/principal';

const UNIT: UnitDirectoryEntry = { id: '0b7c2f4e-1d3a-4e5b-8c6d-7e8f9a0b1c2d', code: 'U-371602-001', regionCode: '371602', active: true };
const GONE: UnitDirectoryEntry = { id: '1c8d3a5f-2e4b-4f6c-9d7e-8f9a0b1c2d3e', code: 'U-371602-009', regionCode: '371602', active: false };
const PROVIDER: ProviderDirectoryEntry = { id: '2d9e4b6a-3f5c-4a7d-8e8f-9a0b1c2d3e4f', code: 'P-INSPUR', status: 'DESIGNATED' };
const NOBODY = '3eaf5c7b-4a6d-4b8e-9f9a-0b1c2d3e4f5a';

/** A directory in memory that counts the questions it is asked. */
function memoryDirectory(units: UnitDirectoryEntry[] = [UNIT, GONE], providers: ProviderDirectoryEntry[] = [PROVIDER]) {
  const asked: string[] = [];
  const directory: Directory = {
    unit: async (id) => (asked.push(`unit:${id}`), units.find((unit) => unit.id === id) ?? null),
    provider: async (id) => (asked.push(`provider:${id}`), providers.find((provider) => provider.id === id) ?? null),
  };
  return { directory, asked };
}

const failing: Directory = {
  unit: async () => {
    throw new DirectoryUnavailableError('down');
  },
  provider: async () => {
    throw new DirectoryUnavailableError('down');
  },
};

async function refusal(principal: Principal, directory: Directory = memoryDirectory().directory) {
  const error = await checkPrincipal(principal, directory).then(
    () => undefined,
    (e: unknown) => e as { message: string; extensions: Record<string, unknown> },
  );
  expect(error, 'the principal was accepted').toBeDefined();
  return { code: error!.extensions.code, status: (error!.extensions.http as { status: number }).status, message: error!.message };
}

describe('checkPrincipal', () => {
  it.each<[string, Principal]>([
    ['a county authority of a county', { subject: 'c', role: Role.COUNTY_AUTHORITY, regionCode: '371681' }],
    ['city finance', { subject: 'f', role: Role.FINANCE, regionCode: '371600' }],
    ['county finance', { subject: 'f', role: Role.FINANCE, regionCode: '371602' }],
    ['an active unit in its own region', { subject: 'u', role: Role.USER_UNIT, unitId: UNIT.id, regionCode: '371602' }],
    ['a provider that exists', { subject: 'p', role: Role.PROVIDER, providerId: PROVIDER.id }],
    ['the bureau', { subject: 'b', role: Role.BUREAU }],
  ])('accepts %s unchanged', async (_label, principal) => {
    await expect(checkPrincipal(principal, memoryDirectory().directory)).resolves.toBe(principal);
  });

  it('refuses a county authority for the city (known, not allowed: 403), naming the seven counties', async () => {
    const answer = await refusal({ subject: 'c', role: Role.COUNTY_AUTHORITY, regionCode: '371600' });
    expect(answer).toEqual({ code: 'FORBIDDEN', status: 403, message: DIRECTORY_MESSAGES.countyNotCounty('371600') });
    expect(answer.message).toContain('371681');
  });

  it('refuses a region Binzhou does not have (unknown: 401), for any role that claims one', async () => {
    for (const role of [Role.COUNTY_AUTHORITY, Role.FINANCE]) {
      expect(await refusal({ subject: 'x', role, regionCode: '110101' })).toEqual({
        code: 'UNAUTHENTICATED',
        status: 401,
        message: DIRECTORY_MESSAGES.unknownRegion('110101'),
      });
    }
  });

  it('refuses a unit that does not exist (401), one of another region and one no longer active (403)', async () => {
    expect(await refusal({ subject: 'u', role: Role.USER_UNIT, unitId: NOBODY, regionCode: '371602' })).toEqual({
      code: 'UNAUTHENTICATED',
      status: 401,
      message: DIRECTORY_MESSAGES.unknownUnit(NOBODY),
    });
    expect(await refusal({ subject: 'u', role: Role.USER_UNIT, unitId: UNIT.id, regionCode: '371603' })).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message: DIRECTORY_MESSAGES.unitRegion('U-371602-001', '371602', '371603'),
    });
    expect(await refusal({ subject: 'u', role: Role.USER_UNIT, unitId: GONE.id, regionCode: '371602' })).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message: DIRECTORY_MESSAGES.unitInactive('U-371602-009'),
    });
  });

  it('refuses a provider that does not exist (401)', async () => {
    expect(await refusal({ subject: 'p', role: Role.PROVIDER, providerId: NOBODY })).toEqual({
      code: 'UNAUTHENTICATED',
      status: 401,
      message: DIRECTORY_MESSAGES.unknownProvider(NOBODY),
    });
  });

  it('answers 503 when the directory cannot be asked, never letting the principal through', async () => {
    const unit = await refusal({ subject: 'u', role: Role.USER_UNIT, unitId: UNIT.id, regionCode: '371602' }, failing);
    expect(unit).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(await refusal({ subject: 'p', role: Role.PROVIDER, providerId: PROVIDER.id }, failing)).toMatchObject({ status: 503 });
  });

  it('asks the directory nothing for roles whose claims are static', async () => {
    const { directory, asked } = memoryDirectory();
    await checkPrincipal({ subject: 'c', role: Role.COUNTY_AUTHORITY, regionCode: '371602' }, directory);
    await checkPrincipal({ subject: 'f', role: Role.FINANCE, regionCode: '371600' }, directory);
    expect(asked).toEqual([]);
  });
});

describe('cachedDirectory', () => {
  it('asks once per id within the TTL, "no such id" included, and again after it', async () => {
    const { directory, asked } = memoryDirectory();
    let now = 1_000;
    const cached = cachedDirectory(directory, { ttlMs: 60_000, now: () => now });
    await cached.unit(UNIT.id);
    await cached.unit(UNIT.id);
    await cached.unit(NOBODY);
    await expect(cached.unit(NOBODY)).resolves.toBeNull();
    expect(asked).toEqual([`unit:${UNIT.id}`, `unit:${NOBODY}`]);
    now += 60_001;
    await expect(cached.unit(UNIT.id)).resolves.toEqual(UNIT);
    expect(asked).toEqual([`unit:${UNIT.id}`, `unit:${NOBODY}`, `unit:${UNIT.id}`]);
  });

  it('shares one question among concurrent requests for an id, and keeps units and providers apart', async () => {
    const { directory, asked } = memoryDirectory();
    const cached = cachedDirectory(directory);
    await Promise.all([cached.unit(UNIT.id), cached.unit(UNIT.id), cached.provider(PROVIDER.id), cached.provider(UNIT.id)]);
    expect(asked.sort()).toEqual([`provider:${PROVIDER.id}`, `provider:${UNIT.id}`, `unit:${UNIT.id}`].sort());
  });

  it('is bounded: past `max` ids the least recently used is asked again', async () => {
    const { directory, asked } = memoryDirectory();
    const cached = cachedDirectory(directory, { max: 2 });
    for (const id of [UNIT.id, GONE.id, NOBODY, UNIT.id]) await cached.unit(id);
    expect(asked.filter((question) => question === `unit:${UNIT.id}`)).toHaveLength(2);
  });

  it('does not remember a failure: the next request asks again', async () => {
    let down = true;
    const { directory, asked } = memoryDirectory();
    const flaky: Directory = {
      unit: async (id) => {
        if (down) throw new DirectoryUnavailableError('down');
        return directory.unit(id);
      },
      provider: (id) => directory.provider(id),
    };
    const cached = cachedDirectory(flaky);
    await expect(cached.unit(UNIT.id)).rejects.toBeInstanceOf(DirectoryUnavailableError);
    down = false;
    await expect(cached.unit(UNIT.id)).resolves.toEqual(UNIT);
    expect(asked).toEqual([`unit:${UNIT.id}`]);
  });

  it('keeps an expired answer while the directory cannot be asked, and asks again once it can', async () => {
    let down = false;
    let now = 1_000;
    const { directory, asked } = memoryDirectory();
    const flaky: Directory = {
      unit: async (id) => {
        if (down) throw new DirectoryUnavailableError('down');
        return directory.unit(id);
      },
      provider: (id) => directory.provider(id),
    };
    const cached = cachedDirectory(flaky, { ttlMs: 60_000, now: () => now });
    await cached.unit(UNIT.id);
    down = true;
    now += 60_001;
    await expect(cached.unit(UNIT.id)).resolves.toEqual(UNIT);
    await expect(cached.unit(NOBODY)).rejects.toBeInstanceOf(DirectoryUnavailableError);
    down = false;
    await expect(cached.unit(UNIT.id)).resolves.toEqual(UNIT);
    expect(asked).toEqual([`unit:${UNIT.id}`, `unit:${UNIT.id}`]);
  });
});

describe('createHttpDirectory', () => {
  it('is SERVICE_UNAVAILABLE for anything but a clean answer: a missing route, a refused token, no server', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.url?.includes('/units/') ? 404 : 401;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const logged: string[] = [];
    try {
      const directory = createHttpDirectory({
        applicationsUrl: `${origin}/graphql`,
        providersUrl: 'http://127.0.0.1:2/graphql',
        internalTokenSecret: 'a-test-internal-secret-of-32-characters!',
        log: (message) => logged.push(message),
      });
      await expect(directory.unit(UNIT.id)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
      await expect(directory.provider(PROVIDER.id)).rejects.toBeInstanceOf(DirectoryUnavailableError);
      expect(logged).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
