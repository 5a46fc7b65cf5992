// `npm run bench --variables` lays its object over each operation's variables, in every request,
// varied operations included, and leaves the operations themselves as they were.
import { describe, expect, it } from 'vitest';
import { BENCH_OPERATIONS, nextVariables, withVariables } from '../../bench/operations';

const operation = (name: string) => BENCH_OPERATIONS.find((op) => op.name === name)!;

describe('bench operations withVariables', () => {
  it('sets the given variables on a fixed operation and keeps the others', () => {
    const county = operation('county-applications');
    const five = withVariables(county, { first: 5, extra: true });
    expect(nextVariables(five)).toEqual({ ...county.variables, first: 5, extra: true });
    expect(county.variables).toEqual({ first: 50 });
  });

  it('sets them on every request of a varied operation, whose other variables still vary', () => {
    const varied = operation('dashboard-varied');
    const fixedHosted = withVariables(varied, { hosted: 7 });
    const requests = [0, 1, 2].map(() => nextVariables(fixedHosted));
    expect(requests.map((variables) => variables.hosted)).toEqual([7, 7, 7]);
    expect(new Set(requests.map((variables) => variables.systems)).size).toBe(3);
  });
});
