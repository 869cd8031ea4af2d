import { Graph, layout } from '@dagrejs/dagre';
import type { PlanGraph } from './graph';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;

export type Direction = 'LR' | 'TB';

const cache = new Map<string, Map<string, { x: number; y: number }>>();

/**
 * Layered layout (dagre); returns each task's top-left corner. Redundant (transitive) edges are
 * left out: they do not change the ranks and only slow the crossing reduction down. Results are
 * cached by structure, so live status updates and revisits cost nothing.
 */
export function layoutPlanGraph(graph: Pick<PlanGraph, 'tasks' | 'edges'>, direction: Direction = 'LR', key?: string) {
  const cacheKey = key === undefined ? undefined : `${direction}|${key}`;
  const cached = cacheKey && cache.get(cacheKey);
  if (cached) return cached;
  const g = new Graph();
  g.setGraph({ rankdir: direction, nodesep: 24, ranksep: 64, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const t of graph.tasks) g.setNode(t.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) if (!e.redundant) g.setEdge(e.source, e.target);
  layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const t of graph.tasks) {
    const n = g.node(t.id) as { x: number; y: number };
    positions.set(t.id, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  if (cacheKey) {
    if (cache.size > 20) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, positions);
  }
  return positions;
}
