// A procurement's reference (CAP_LOWERS, 第八条): the providers subgraph keeps one price per reference
// and entry, so a change or a host change procures under a reference of its own, and a refusal sent
// back under any of them still finds its application.
import { describe, expect, it } from 'vitest';
import { applicationOfReference, procurementReference } from '../../../subgraphs/applications/lifecycle/catalog-port';

describe('procurement references', () => {
  it('is the application number for its procurement, and number/step for a change, a host change or a renegotiation', () => {
    expect(procurementReference('A-2026-0042')).toBe('A-2026-0042');
    const change = procurementReference('A-2026-0042', '5dca41f2-7d34-4bff-9aff-8e31797cd83e');
    expect(change).toBe('A-2026-0042/5dca41f2-7d34-4bff-9aff-8e31797cd83e');
    expect(change).not.toBe(procurementReference('A-2026-0042'));
  });

  it('names its application whichever step made it', () => {
    for (const reference of ['A-2026-0042', 'A-2026-0042/5dca41f2-7d34-4bff-9aff-8e31797cd83e', 'A-2026-0042/议价7']) {
      expect(applicationOfReference(reference)).toBe('A-2026-0042');
    }
  });
});
