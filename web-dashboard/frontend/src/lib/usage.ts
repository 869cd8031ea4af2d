import type { UsageRecord } from '../api/types';

export interface ModelUsage {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface UsageSummary {
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  calls: number;
  byModel: ModelUsage[];
  records: UsageRecord[];
}

/**
 * Reads GET /api/model-usage: the summary model-orchestration answers (`calls`, `inputTokens`,
 * `outputTokens`, `costUsd`, `byModel: [{key, calls, inputTokens, outputTokens, costUsd}]`), or a
 * page (or array) of per-call records, which it adds up.
 */
export function summarizeUsage(body: unknown): UsageSummary {
  const b = (body ?? {}) as Record<string, unknown>;
  const records = (Array.isArray(body) ? body : Array.isArray(b.content) ? b.content : Array.isArray(b.records) ? b.records : []) as UsageRecord[];
  const byModel = new Map<string, ModelUsage>();
  const add = (r: Partial<ModelUsage> & { model?: string; key?: string | null }) => {
    const key = r.model ?? r.key ?? 'unknown';
    const m = byModel.get(key) ?? { model: key, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    m.calls += r.calls ?? 1;
    m.inputTokens += r.inputTokens ?? 0;
    m.outputTokens += r.outputTokens ?? 0;
    m.costUsd += r.costUsd ?? 0;
    byModel.set(key, m);
  };
  records.forEach((r) => add({ ...r, calls: 1 }));
  if (records.length === 0 && Array.isArray(b.byModel)) (b.byModel as ModelUsage[]).forEach(add);
  const list = [...byModel.values()].sort((x, y) => y.costUsd - x.costUsd);
  const sum = (f: (m: ModelUsage) => number) => list.reduce((acc, m) => acc + f(m), 0);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    costUsd: num(b.totalCostUsd) ?? num(b.costUsd) ?? sum((m) => m.costUsd),
    inputTokens: num(b.inputTokens) ?? sum((m) => m.inputTokens),
    outputTokens: num(b.outputTokens) ?? sum((m) => m.outputTokens),
    calls: num(b.calls) ?? sum((m) => m.calls),
    byModel: list,
    records,
  };
}
