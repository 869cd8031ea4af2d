import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { buildPlanGraph, structureKey, topologicalOrder } from './graph';
import { layoutPlanGraph } from './layout';

const task = (id: string, dependsOn: string[] = [], status: Task['status'] = 'PENDING'): Task => ({ id, title: id.toUpperCase(), status, dependsOn });

// research -> outline -> draft -> review ; research -> figures -> draft
const tasks = [task('research'), task('outline', ['research']), task('figures', ['research']), task('draft', ['outline', 'figures']), task('review', ['draft'])];

describe('buildPlanGraph', () => {
  it('draws one edge per dependency, from prerequisite to dependant', () => {
    const graph = buildPlanGraph({ tasks });
    expect(graph.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(
      ['draft->review', 'figures->draft', 'outline->draft', 'research->figures', 'research->outline'].sort(),
    );
  });

  it('marks only consecutive critical-path pairs as critical edges', () => {
    const graph = buildPlanGraph({ tasks, criticalPath: ['research', 'outline', 'draft', 'review'] });
    expect(graph.edges.filter((e) => e.critical).map((e) => e.id)).toEqual(['research->outline', 'outline->draft', 'draft->review']);
    expect([...graph.critical]).toEqual(['research', 'outline', 'draft', 'review']);
    // figures touches two critical tasks but is not on the path
    expect(graph.edges.find((e) => e.id === 'research->figures')?.critical).toBe(false);
  });

  it('falls back to per-task critical flags when the plan has no path list', () => {
    const flagged = tasks.map((t) => ({ ...t, critical: ['research', 'figures'].includes(t.id) }));
    const graph = buildPlanGraph({ tasks: flagged });
    expect(graph.edges.filter((e) => e.critical).map((e) => e.id)).toEqual(['research->figures']);
  });

  it('flags dependencies already implied by a longer path as redundant', () => {
    // review needs research directly, but also through draft
    const graph = buildPlanGraph({ tasks: [...tasks.slice(0, 4), task('review', ['draft', 'research'])] });
    expect(graph.edges.filter((e) => e.redundant).map((e) => e.id)).toEqual(['research->review']);
  });

  it('skips dependencies on unknown tasks and duplicate dependencies', () => {
    const graph = buildPlanGraph({ tasks: [task('a'), task('b', ['a', 'a', 'ghost'])], criticalPath: ['ghost', 'b'] });
    expect(graph.edges.map((e) => e.id)).toEqual(['a->b']);
    expect(graph.unknownDependencies).toEqual(['ghost']);
    expect([...graph.critical]).toEqual(['b']);
  });

  it('keeps the structure key stable across status changes only', () => {
    const later = tasks.map((t) => ({ ...t, status: 'COMPLETED' as const }));
    expect(structureKey({ tasks: later })).toBe(structureKey({ tasks }));
    expect(structureKey({ tasks: [...tasks, task('extra')] })).not.toBe(structureKey({ tasks }));
  });
});

describe('layoutPlanGraph', () => {
  it('places every task to the right of its prerequisites without overlaps', () => {
    const graph = buildPlanGraph({ tasks });
    const pos = layoutPlanGraph(graph, 'LR');
    expect(pos.size).toBe(tasks.length);
    for (const e of graph.edges) expect(pos.get(e.source)!.x).toBeLessThan(pos.get(e.target)!.x);
    // outline and figures share a rank, so they are stacked
    expect(pos.get('outline')!.x).toBe(pos.get('figures')!.x);
    expect(Math.abs(pos.get('outline')!.y - pos.get('figures')!.y)).toBeGreaterThanOrEqual(64);
  });

  it('lays out top to bottom when asked', () => {
    const graph = buildPlanGraph({ tasks });
    const pos = layoutPlanGraph(graph, 'TB');
    for (const e of graph.edges) expect(pos.get(e.source)!.y).toBeLessThan(pos.get(e.target)!.y);
  });

  it('lays out a 200-task plan without two tasks on the same spot', () => {
    const big = Array.from({ length: 200 }, (_, i) => task(`t${i}`, i < 10 ? [] : [`t${i - 10}`, `t${(i * 7) % (i - 9)}`]));
    const graph = buildPlanGraph({ tasks: big });
    const pos = layoutPlanGraph(graph);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(200);
    for (const e of graph.edges) expect(pos.get(e.source)!.x).toBeLessThan(pos.get(e.target)!.x);
  });
});

describe('topologicalOrder', () => {
  it('lists prerequisites before dependants and survives a cycle', () => {
    const order = topologicalOrder([...tasks].reverse()).map((t) => t.id);
    for (const t of tasks) for (const d of t.dependsOn ?? []) expect(order.indexOf(d)).toBeLessThan(order.indexOf(t.id));
    expect(topologicalOrder([task('x', ['y']), task('y', ['x'])]).map((t) => t.id).sort()).toEqual(['x', 'y']);
  });
});
