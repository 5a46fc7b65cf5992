import { readFileSync } from 'node:fs';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleTabs } from '../../gateway/ide/src/examples';
import { SUPERGRAPH_PATH } from '../../schema/compose';

/** The schema clients see: the committed supergraph without federation's own types (printed and
 * rebuilt, because federation-internals loads its own copy of graphql). */
const apiSchema = buildSchema(printSchema(Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema()));

describe('the IDE example operations', () => {
  it.each(exampleTabs.map((tab, index) => [index, tab.query ?? '']))('example %i is valid against the supergraph', (_index, query) => {
    expect(validate(apiSchema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});
