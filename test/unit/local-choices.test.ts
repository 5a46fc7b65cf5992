// Local choices (本地选择) cannot drift: every SDL description that states one after
// "本地选择 (local choice)：" names the value contracts/local-choices.ts holds, every choice is stated
// somewhere in the SDL and on docs/local-choices.md, and the rules use the module's values.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LOCAL_CHOICE_MARKER,
  LOCAL_CHOICES,
  PROVIDER_EVALUATION_GRADE_MINIMUMS,
  PROVIDER_EVALUATION_WEIGHTS,
  UNIT_PERFORMANCE_GRADE_MINIMUMS,
  UNIT_PERFORMANCE_WEIGHTS,
  UNIT_SECURITY_DEDUCTIONS,
  UTILISATION_DEFAULT_THRESHOLDS,
  UTILISATION_FEE_FACTORS_PERMILLE,
} from '../../subgraphs/contracts/local-choices';
import { SUBGRAPH_NAMES, subgraphSdl } from '../../subgraphs/kit/schema-files';
import * as providerEvaluation from '../../subgraphs/supervision/provider-evaluation/provider-evaluation.rules';
import * as unitPerformance from '../../subgraphs/supervision/unit-performance/unit-performance.rules';
import { DEFAULT_UTILISATION_THRESHOLDS } from '../../subgraphs/supervision/utilisation/utilisation.rules';
import { utilisationFactorPermille } from '../../subgraphs/applications/settlement/settlement.rules';
import { gradeFor } from '../../seed/world/evaluations';

const sdlBySubgraph = SUBGRAPH_NAMES.map((name) => ({ name, sdl: subgraphSdl(name) }));
const allTexts = LOCAL_CHOICES.flatMap((choice) => choice.sdlTexts);
const docs = readFileSync(path.join(__dirname, '../../docs/local-choices.md'), 'utf8');

/** Each statement of a local choice in an SDL: where it is and the 120 characters after the marker. */
function statements(sdl: string): Array<{ line: number; after: string }> {
  const found: Array<{ line: number; after: string }> = [];
  for (let at = sdl.indexOf(LOCAL_CHOICE_MARKER); at >= 0; at = sdl.indexOf(LOCAL_CHOICE_MARKER, at + 1)) {
    found.push({
      line: sdl.slice(0, at).split('\n').length,
      after: sdl.slice(at + LOCAL_CHOICE_MARKER.length, at + LOCAL_CHOICE_MARKER.length + 120),
    });
  }
  return found;
}

describe('local choices (本地选择)', () => {
  it.each(sdlBySubgraph)('$name: every SDL description stating a local choice names the value the configuration holds', ({ sdl }) => {
    const stale = statements(sdl)
      .filter(({ after }) => !allTexts.some((text) => after.startsWith(text)))
      .map(({ line, after }) => `line ${line}: ${after}`);
    expect(stale).toEqual([]);
  });

  it('states every local choice in some SDL description and on docs/local-choices.md', () => {
    const stated = sdlBySubgraph.flatMap(({ sdl }) => statements(sdl).map(({ after }) => after));
    for (const choice of LOCAL_CHOICES) {
      expect(
        stated.some((after) => after.startsWith(choice.sdlTexts[0]!)),
        `${choice.key} in the SDL`,
      ).toBe(true);
      expect(docs, `${choice.key} on docs/local-choices.md`).toContain(`\`${choice.key}\``);
      expect(docs, `${choice.key}'s value on docs/local-choices.md`).toContain(choice.sdlTexts[0]!);
    }
  });

  it('is what the rules use', () => {
    expect(providerEvaluation.EVALUATION_WEIGHTS).toBe(PROVIDER_EVALUATION_WEIGHTS);
    expect(providerEvaluation.GRADE_BANDS).toBe(PROVIDER_EVALUATION_GRADE_MINIMUMS);
    expect(unitPerformance.UNIT_PERFORMANCE_WEIGHTS).toBe(UNIT_PERFORMANCE_WEIGHTS);
    expect(unitPerformance.GRADE_BANDS).toBe(UNIT_PERFORMANCE_GRADE_MINIMUMS);
    expect(unitPerformance.SECURITY_DEDUCTIONS).toBe(UNIT_SECURITY_DEDUCTIONS);
    expect(unitPerformance.IDLE_CPU_P95_BELOW_PERCENT).toBe(UTILISATION_DEFAULT_THRESHOLDS.idleCpuP95Percent);
    expect(DEFAULT_UTILISATION_THRESHOLDS).toBe(UTILISATION_DEFAULT_THRESHOLDS);
    expect(utilisationFactorPermille('IDLE')).toBe(UTILISATION_FEE_FACTORS_PERMILLE.idle);
    expect(utilisationFactorPermille('UNDER_USED')).toBe(UTILISATION_FEE_FACTORS_PERMILLE.underUsed);
    for (const band of PROVIDER_EVALUATION_GRADE_MINIMUMS) expect(gradeFor(band.minimum)).toBe(band.grade);
  });

  it('has weights that sum to 1', () => {
    const sum = (weights: Record<string, number>) => Object.values(weights).reduce((a, b) => a + Math.round(b * 100), 0);
    expect(sum(PROVIDER_EVALUATION_WEIGHTS)).toBe(100);
    expect(sum(UNIT_PERFORMANCE_WEIGHTS)).toBe(100);
  });
});
