import { describe, expect, it } from 'vitest';
import { summarizeUsage } from './usage';

describe('summarizeUsage', () => {
  it("reads model-orchestration's summary with totals by model", () => {
    const s = summarizeUsage({
      projectId: 'p1',
      calls: 7,
      failedCalls: 1,
      inputTokens: 9000,
      outputTokens: 1200,
      totalTokens: 10200,
      costUsd: 0.0456,
      budget: null,
      byModel: [
        { key: 'small', calls: 5, failed: 0, inputTokens: 4000, outputTokens: 200, costUsd: 0.0056 },
        { key: 'large', calls: 2, failed: 1, inputTokens: 5000, outputTokens: 1000, costUsd: 0.04 },
      ],
      byAgent: [],
      byTask: [],
    });
    expect(s).toMatchObject({ costUsd: 0.0456, calls: 7, inputTokens: 9000, outputTokens: 1200 });
    expect(s.byModel.map((m) => [m.model, m.calls, m.costUsd])).toEqual([
      ['large', 2, 0.04],
      ['small', 5, 0.0056],
    ]);
  });

  it('adds up a page of per-call records', () => {
    const s = summarizeUsage({
      content: [
        { model: 'a', inputTokens: 10, outputTokens: 5, costUsd: 0.01 },
        { model: 'a', inputTokens: 20, outputTokens: 5, costUsd: 0.02 },
        { model: 'b', inputTokens: 1, outputTokens: 1, costUsd: 0.5 },
      ],
      page: 0,
      size: 50,
      totalElements: 3,
      totalPages: 1,
    });
    expect(s.calls).toBe(3);
    expect(s.costUsd).toBeCloseTo(0.53);
    expect(s.byModel.find((m) => m.model === 'a')).toMatchObject({ calls: 2, inputTokens: 30, outputTokens: 10 });
  });
});
