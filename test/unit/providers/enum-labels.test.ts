// Each enum value's Chinese label is queryable (issue 12): every enum value of the published
// contract has one, and enumLabels answers exactly the contract's enums and values.
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enumLabels, labelOf } from '../../../subgraphs/providers/enum-labels/enum-labels';

const contract = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const enums = Object.values(contract.getTypeMap())
  .filter(isEnumType)
  .filter((type) => !type.name.startsWith('__'));

describe('enum labels', () => {
  it('takes the text before " (" as the label', () => {
    expect(labelOf('已提交 (SUBMITTED)：使用单位已提交')).toBe('已提交');
    expect(labelOf('闲置：没有括号')).toBe('闲置');
  });

  it('gives every enum value of the API a label and its description', () => {
    const labels = new Map(enumLabels(null).map((label) => [`${label.enum}.${label.value}`, label]));
    const values = enums.flatMap((type) => type.getValues().map((value) => ({ coordinate: `${type.name}.${value.name}`, value })));
    expect(values.length).toBeGreaterThan(100);
    for (const { coordinate, value } of values) {
      const label = labels.get(coordinate);
      expect(label, coordinate).toBeDefined();
      expect(label!.label, coordinate).not.toBe('');
      expect(label!.label, coordinate).not.toContain(value.name);
      expect(label!.description, coordinate).toBe(value.description);
    }
    expect(labels.size).toBe(values.length);
  });

  it('answers the enums named, in SDL order, and refuses an unknown name', () => {
    const status = enumLabels(['ApplicationStatus']).map((label) => label.value);
    const contractValues = (contract.getType('ApplicationStatus') as GraphQLEnumType).getValues().map((value) => value.name);
    expect([...status].sort()).toEqual([...contractValues].sort());
    expect(status[0]).toBe('DRAFT'); // the subgraph's SDL order (the lifecycle's), not the contract's alphabetical one
    expect(() => enumLabels(['NoSuchEnum'])).toThrow(/NoSuchEnum/);
  });
});
