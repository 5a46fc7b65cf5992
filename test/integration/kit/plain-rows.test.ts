// Plain rows (kit/plain-rows.ts) hold what the entity would for the columns they read: dates as ISO
// days, instants as Dates, booleans, integers, nulls; and a row loader batches by id, in key order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { joinedOr, joinedRow, plainRowLoader, plainRows, type PlainJoins } from '../../../subgraphs/kit/plain-rows';
import { InformationSystemEntity } from '../../../subgraphs/applications/systems/information-system.entity';
import { UnitEntity } from '../../../subgraphs/applications/units/unit.entity';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PROPERTIES = ['id', 'goLiveOn', 'retiredOn', 'isStandby', 'revision', 'createdAt', 'providerId', 'deploymentMode'] as const;

function systems() {
  return subgraph.dataSource.getRepository(InformationSystemEntity).createQueryBuilder('sys').orderBy('sys.code');
}

describe('plain rows', () => {
  it('converts each column as the entity does, and reads only the columns asked for', async () => {
    const entities = await systems().getMany();
    const rows = await plainRows(systems(), 'sys', PROPERTIES);
    expect(rows).toHaveLength(entities.length);
    expect(rows).toEqual(entities.map((entity) => Object.fromEntries(PROPERTIES.map((property) => [property, entity[property]]))));
    // The seed has both a set and an unset day, so both conversions are checked.
    expect(rows.some((row) => typeof row.goLiveOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.goLiveOn))).toBe(true);
    expect(rows.some((row) => row.goLiveOn === null)).toBe(true);
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('reads every column when no properties are named', async () => {
    const [entity] = await systems().limit(1).getMany();
    const [row] = await plainRows(systems().limit(1), 'sys', null);
    expect(row).toEqual({ ...entity });
  });

  it('loads a batch of ids in one statement with every property any key asked for, null for an unknown id', async () => {
    const [first, second] = await systems().limit(2).getMany();
    const loader = plainRowLoader((ids, properties) => plainRows(systems().andWhere('sys.id = ANY(:ids)', { ids }), 'sys', properties));
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const [a, b, missing] = await Promise.all([
      loader.load({ id: first!.id, properties: ['code'] }),
      loader.load({ id: second!.id, properties: ['name'] }),
      loader.load({ id: randomUUID(), properties: ['code'] }),
    ]);
    expect(counter.count).toBe(1);
    expect(a).toEqual({ id: first!.id, code: first!.code, name: first!.name });
    expect(b).toEqual({ id: second!.id, code: second!.code, name: second!.name });
    expect(missing).toBeNull();

    // One key of the batch reading every column: every key's row has them all, still one statement.
    const everything = plainRowLoader((ids, properties) => plainRows(systems().andWhere('sys.id = ANY(:ids)', { ids }), 'sys', properties));
    counter.reset();
    const [narrow, whole] = await Promise.all([
      everything.load({ id: first!.id, properties: ['code'] }),
      everything.load({ id: second!.id, properties: null }),
    ]);
    expect(counter.count).toBe(1);
    expect(Object.keys(narrow!).sort()).toEqual(Object.keys(whole!).sort());
    expect(narrow).toMatchObject({ id: first!.id, code: first!.code, name: first!.name, regionCode: first!.regionCode });
  });

  it('reads a joined row in the same statement, only where the join’s scope sees it, converted as the entity is', async () => {
    const units = await subgraph.dataSource.getRepository(UnitEntity).find();
    const region = units[0]!.regionCode;
    const joins: PlainJoins = {
      owner: {
        entity: UnitEntity,
        on: (alias, joined) => `${joined}.id = ${alias}.unit_id`,
        scoped: (query, alias) => query.andWhere(`${alias}.region_code = :joinRegion`, { joinRegion: region }),
      },
    };
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const rows = await plainRows(systems(), 'sys', ['id', 'unitId', 'owner.name', 'owner.createdAt'], joins);
    expect(counter.count).toBe(1);
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const owners = rows.map((row) => joinedRow<Partial<UnitEntity>>(row, 'owner'));
    expect(owners).toEqual(
      rows.map((row) => {
        const unit = byId.get(row.unitId)!;
        return unit.regionCode === region ? { id: unit.id, name: unit.name, createdAt: unit.createdAt } : null;
      }),
    );
    // Both sides of the scope are present in the seed, and a row nothing was joined to says so.
    expect(owners.some((owner) => owner === null)).toBe(true);
    expect(owners.find((owner) => owner !== null)!.createdAt).toBeInstanceOf(Date);
    const [plain] = await plainRows(systems().limit(1), 'sys', ['id']);
    expect(joinedRow(plain!, 'owner')).toBeUndefined();
  });

  it('hands a joined row (or its null) to the resolver as a value, and loads only what was not joined', async () => {
    const [unit] = await subgraph.dataSource.getRepository(UnitEntity).find({ take: 1 });
    const joins: PlainJoins = {
      owner: {
        entity: UnitEntity,
        on: (alias, joined) => `${joined}.id = ${alias}.unit_id`,
        scoped: (query, alias) => query.andWhere(`${alias}.id = :joinUnit`, { joinUnit: unit!.id }),
      },
    };
    const rows = await plainRows(systems(), 'sys', ['id', 'unitId', 'owner.name'], joins);
    const loaded: string[] = [];
    const load = (id: string) => () => (loaded.push(id), Promise.resolve(null));
    const answers = rows.map((row) => joinedOr(row, 'owner', load(row.id)));
    // Not promises: graphql-js then completes each node without awaiting it.
    expect(answers.some((answer) => answer instanceof Promise)).toBe(false);
    expect(answers.filter((answer) => answer !== null)).toEqual(
      rows.filter((row) => row.unitId === unit!.id).map(() => ({ id: unit!.id, name: unit!.name })),
    );
    expect(loaded).toEqual([]);
    const [plain] = await plainRows(systems().limit(1), 'sys', ['id']);
    await expect(joinedOr(plain!, 'owner', load(plain!.id))).resolves.toBeNull();
    expect(loaded).toEqual([plain!.id]);
  });
});
