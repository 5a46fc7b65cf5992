// The kit's one mutation pipeline and the hash-chained audit trail it writes, against real
// PostgreSQL: every outcome is recorded, refusals change nothing, and tampering is named.
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../seed/world';
import { verifyAuditTrail } from '../../../subgraphs/kit/audit-verify';
import type { SubgraphContext } from '../../../subgraphs/kit/context';
import { RuleViolationError } from '../../../subgraphs/kit/errors';
import { mutation } from '../../../subgraphs/kit/mutation';
import { Role, scopeOf, type Principal } from '../../../subgraphs/kit/principal';
import { createDataSource } from '../../../subgraphs/providers/data-source';
import { ProviderEntity } from '../../../subgraphs/providers/directory/provider.entity';
import { seed } from '../../../subgraphs/providers/seed';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { migratedDataSource } from '../../setup/subgraphs';

let database: TestDatabase;
let dataSource: DataSource;
/** The schema's owner: holds every privilege on the audit tables, so only their triggers stop it. */
let owner: DataSource;
const world = buildWorld();
const target = world.providers[0]!;

const bureau: Principal = { subject: 'bureau-officer', role: Role.BUREAU };
const center: Principal = { subject: 'center-operator', role: Role.CENTER };

function contextOf(principal: Principal, requestId = 'req-1'): SubgraphContext<unknown> {
  return { principal, scope: scopeOf(principal), loaders: {}, dataSource, requestId };
}
const info = (fieldName: string) => ({ fieldName }) as GraphQLResolveInfo;

/** A mutation for the test: renames a provider the bureau can see. */
function renameProvider(options: { visible?: boolean; rule?: boolean } = {}) {
  return mutation<SubgraphContext<unknown>, { id: string; name: string }, { id: string; name: string }, ProviderEntity, ProviderEntity>({
    roles: [Role.BUREAU],
    lock: (input) => ({ entity: ProviderEntity, id: input.id, what: '定点服务商', visible: () => options.visible ?? true }),
    run: async (tx, input, row) => {
      row.name = input.name;
      const saved = await tx.manager.save(row);
      if (options.rule) throw new RuleViolationError('PROVIDER_QUALIFIED', '测试：规则拒绝');
      return saved;
    },
  });
}

async function nameOf(id: string): Promise<string> {
  return (await dataSource.getRepository(ProviderEntity).findOneByOrFail({ id })).name;
}

async function entries() {
  return dataSource.query(`SELECT seq::int, operation, outcome, error_code, rule, role, scope, request_id, target_ids
                             FROM providers.audit_entry ORDER BY seq`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Migrated and seeded as the owner; the pipeline runs as the service role, as a subgraph does.
  dataSource = await migratedDataSource(database, { createDataSource, seed }, world);
  owner = createDataSource(database.migrationUrl);
  await owner.initialize();
});

afterAll(async () => {
  await owner?.destroy();
  await dataSource?.destroy();
  await database?.drop();
});

describe('the mutation pipeline', () => {
  it('refuses a role before anything runs, and records the refusal', async () => {
    const before = await nameOf(target.id);
    await expect(
      renameProvider()(null, { id: target.id, name: '改名' }, contextOf(center, 'req-forbidden'), info('renameProvider')),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await nameOf(target.id)).toBe(before);
    expect((await entries()).at(-1)).toMatchObject({
      operation: 'renameProvider',
      outcome: 'REFUSED',
      error_code: 'FORBIDDEN',
      role: 'CENTER',
      request_id: 'req-forbidden',
    });
  });

  it('commits the work and its SUCCEEDED entry together, naming the target', async () => {
    await renameProvider()(null, { id: target.id, name: '新名称' }, contextOf(bureau, 'req-ok'), info('renameProvider'));
    expect(await nameOf(target.id)).toBe('新名称');
    expect((await entries()).at(-1)).toMatchObject({ outcome: 'SUCCEEDED', scope: 'CITY', target_ids: [target.id], request_id: 'req-ok' });
  });

  it('rolls the work back on a rule violation and records the rule', async () => {
    await expect(
      renameProvider({ rule: true })(null, { id: target.id, name: '不应保存' }, contextOf(bureau), info('renameProvider')),
    ).rejects.toMatchObject({ extensions: { code: 'RULE_VIOLATION', rule: 'PROVIDER_QUALIFIED' } });
    expect(await nameOf(target.id)).toBe('新名称');
    expect((await entries()).at(-1)).toMatchObject({ outcome: 'REFUSED', error_code: 'RULE_VIOLATION', rule: 'PROVIDER_QUALIFIED' });
  });

  it('answers a record outside the scope exactly like a missing one', async () => {
    const hidden = renameProvider({ visible: false });
    const missing = renameProvider();
    const outOfScope = await hidden(null, { id: target.id, name: 'x' }, contextOf(bureau), info('renameProvider')).catch((e: unknown) => e);
    const absent = await missing(
      null,
      { id: '00000000-0000-4000-8000-000000000000', name: 'x' },
      contextOf(bureau),
      info('renameProvider'),
    ).catch((e: unknown) => e);
    expect(outOfScope).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((outOfScope as Error).message).toBe((absent as Error).message);
  });

  it('records a refusal whatever the caller sent as an id: a NUL byte or a field separator cannot stop or forge it', async () => {
    const hostile = 'x\u0000\u001fSUCCEEDED\u001f';
    await expect(
      renameProvider()(null, { id: hostile, name: 'x' }, contextOf(center, 'req-hostile'), info('renameProvider')),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(
      renameProvider()(null, { id: hostile, name: 'x' }, contextOf(bureau, 'req-hostile-2'), info('renameProvider')),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const recorded = (await entries()).filter((entry: { request_id: string }) => entry.request_id.startsWith('req-hostile'));
    expect(
      recorded.map((entry: { outcome: string; error_code: string; target_ids: string[] }) => [
        entry.outcome,
        entry.error_code,
        entry.target_ids,
      ]),
    ).toEqual([
      ['REFUSED', 'FORBIDDEN', ['x??SUCCEEDED?']],
      ['REFUSED', 'BAD_USER_INPUT', ['x??SUCCEEDED?']],
    ]);
    expect((await verifyAuditTrail(dataSource, 'providers')).problems).toEqual([]);
  });

  it('keeps the chain whole under concurrent mutations', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        renameProvider()(
          null,
          { id: world.providers[i % world.providers.length]!.id, name: `并发 ${i}` },
          contextOf(bureau),
          info('renameProvider'),
        ),
      ),
    );
    const seqs = (await entries()).map((entry: { seq: number }) => entry.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await verifyAuditTrail(dataSource, 'providers')).toMatchObject({ entries: seqs.length, problems: [] });
  });
});

describe('isolation', () => {
  it('runs every transaction READ COMMITTED, even where the database defaults to SERIALIZABLE', async () => {
    const [{ name }] = await dataSource.query(`SELECT current_database() AS name`);
    // As the database's owner; the services' role may not change its settings.
    await owner.query(`ALTER DATABASE "${name}" SET default_transaction_isolation TO 'serializable'`);
    const fresh = createDataSource(database.url);
    await fresh.initialize();
    try {
      expect((await fresh.query(`SHOW transaction_isolation`))[0].transaction_isolation).toBe('read committed');
    } finally {
      await fresh.destroy();
      await owner.query(`ALTER DATABASE "${name}" RESET default_transaction_isolation`);
    }
  });
});

describe('the audit trail', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of its entries: to the service role by privilege, to the owner by trigger', async () => {
    for (const sql of [
      `UPDATE providers.audit_entry SET subject = 'someone else' WHERE seq = 1`,
      `DELETE FROM providers.audit_entry WHERE seq = 1`,
      `TRUNCATE providers.audit_entry`,
    ]) {
      await expect(dataSource.query(sql), sql).rejects.toThrow(/permission denied/);
      await expect(owner.query(sql), sql).rejects.toThrow(/append-only/);
    }
  });

  it('lends its chaining trigger to no other table', async () => {
    // As the owner: the services' role may create no table to lend it to.
    await owner.query(`CREATE TABLE public.fake_audit (LIKE providers.audit_entry)`);
    await owner.query(
      `CREATE TRIGGER fake BEFORE INSERT ON public.fake_audit FOR EACH ROW EXECUTE FUNCTION providers.audit_entry_append()`,
    );
    const [before] = await owner.query(`SELECT seq::int FROM providers.audit_chain_head`);
    await expect(
      owner.query(`INSERT INTO public.fake_audit (seq, recorded_at, request_id, subject, role, scope, operation, target_ids, outcome, prev_hash, hash)
                        VALUES (0, now(), 'r', 's', 'BUREAU', 'CITY', 'forged', '{}', 'SUCCEEDED', '', '')`),
    ).rejects.toThrow(/serves providers.audit_entry only/);
    expect((await owner.query(`SELECT seq::int FROM providers.audit_chain_head`))[0].seq).toBe(before.seq);
    await owner.query(`DROP TABLE public.fake_audit`);
  });

  it('numbers, times and chains an entry itself, whatever the insert claims', async () => {
    await dataSource.query(`INSERT INTO providers.audit_entry (seq, recorded_at, request_id, subject, role, scope, operation, target_ids, outcome, prev_hash, hash)
                            VALUES (999, '2000-01-01', 'r', 's', 'BUREAU', 'CITY', 'forged', '{}', 'SUCCEEDED', 'x', 'y')`);
    const [last] = await dataSource.query(`SELECT seq::int, recorded_at FROM providers.audit_entry ORDER BY seq DESC LIMIT 1`);
    expect(last.seq).not.toBe(999);
    expect(new Date(last.recorded_at).getFullYear()).toBeGreaterThan(2000);
    expect((await verifyAuditTrail(dataSource, 'providers')).problems).toEqual([]);
  });

  it('names an edited, a deleted and an inserted entry when the owner bypasses the triggers', async () => {
    // Only the schema's owner (or a superuser) can do this; the verification still sees it.
    await owner.transaction(async (manager) => {
      await manager.query(`ALTER TABLE providers.audit_entry DISABLE TRIGGER USER`);
      await manager.query(`UPDATE providers.audit_entry SET subject = 'forged' WHERE seq = 2`);
      await manager.query(`DELETE FROM providers.audit_entry WHERE seq = 4`);
      await manager.query(`INSERT INTO providers.audit_entry (seq, recorded_at, request_id, subject, role, scope, operation, target_ids, outcome, prev_hash, hash)
                           SELECT seq + 1000, recorded_at, request_id, subject, role, scope, operation, target_ids, outcome, prev_hash, hash
                             FROM providers.audit_entry WHERE seq = 6`);
      await manager.query(`ALTER TABLE providers.audit_entry ENABLE TRIGGER USER`);
    });
    const { problems } = await verifyAuditTrail(dataSource, 'providers');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'EDITED', seq: 2 }),
        expect.objectContaining({ kind: 'DELETED', seq: 4 }),
        expect.objectContaining({ kind: 'INSERTED', seq: 1006 }),
      ]),
    );
  });
});
