import { describe, expect, it } from 'vitest';
import { lazyLoaderSets } from '../../../subgraphs/kit/lazy-loaders';

/** Factories that record each set they build, as a request's feature loaders would be made. */
function recordingFactories(built: string[]) {
  return {
    units: () => (built.push('units'), { unitById: { name: 'unit loader' }, unitPages: { name: 'unit pages' } }),
    systems: () => (built.push('systems'), { systemById: { name: 'system loader' } }),
    todo: () => (built.push('todo'), { todoById: { name: 'todo loader' } }),
  };
}

describe('lazyLoaderSets', () => {
  it('builds a request’s set only when a resolver asks for one of its loaders, once per request', () => {
    const loaderSets = lazyLoaderSets();
    loaderSets(recordingFactories([])); // the first call learns which set holds which loader
    const built: string[] = [];
    const loaders = loaderSets(recordingFactories(built));
    expect(built).toEqual([]);

    expect(loaders.systemById).toEqual({ name: 'system loader' });
    expect(loaders.systemById).toBe(loaders.systemById);
    expect(built).toEqual(['systems']);

    expect(loaders.unitPages).toEqual({ name: 'unit pages' });
    expect(loaders.unitById).toEqual({ name: 'unit loader' });
    expect(built).toEqual(['systems', 'units']);
  });

  it('gives each request its own loaders', () => {
    const loaderSets = lazyLoaderSets();
    const first = loaderSets(recordingFactories([]));
    const second = loaderSets(recordingFactories([]));
    expect(second.systemById).toEqual(first.systemById);
    expect(second.systemById).not.toBe(first.systemById);
  });

  it('learns the loaders’ owners on its first call, building every set then', () => {
    const built: string[] = [];
    const loaders = lazyLoaderSets()(recordingFactories(built));
    expect(built).toEqual(['units', 'systems', 'todo']);
    expect(Object.keys(loaders).sort()).toEqual(['systemById', 'todoById', 'unitById', 'unitPages']);
  });

  it('enumerates every loader as spreading the sets would', () => {
    const loaderSets = lazyLoaderSets();
    loaderSets(recordingFactories([]));
    const built: string[] = [];
    const loaders = loaderSets(recordingFactories(built));
    expect({ ...loaders }).toEqual({
      unitById: { name: 'unit loader' },
      unitPages: { name: 'unit pages' },
      systemById: { name: 'system loader' },
      todoById: { name: 'todo loader' },
    });
    expect(built.sort()).toEqual(['systems', 'todo', 'units']);
  });

  it('refuses two sets with a loader of the same name, which spreading would hide', () => {
    const loaderSets = lazyLoaderSets();
    expect(() => loaderSets({ a: () => ({ byId: 1 }), b: () => ({ byId: 2 }) })).toThrow('loader byId is in both a and b');
  });
});
