import { Graph, layout } from '@dagrejs/dagre';
import type { PlanGraph } from './graph';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;
/** above this many tasks the layout trades a little compactness for speed */
export const LARGE_PLAN = 60;

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
  const started = performance.now();
  const g = new Graph();
  // network-simplex ranks most compactly but costs ~3x the CPU of tight-tree (measured on a 200-task
  // plan: ~640 ms against ~250 ms); large plans take the cheaper ranker to be drawn within a second
  const ranker = graph.tasks.length > LARGE_PLAN ? 'tight-tree' : 'network-simplex';
  g.setGraph({ rankdir: direction, nodesep: 24, ranksep: 64, marginx: 16, marginy: 16, ranker });
  g.setDefaultEdgeLabel(() => ({}));
  for (const t of graph.tasks) g.setNode(t.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) if (!e.redundant) g.setEdge(e.source, e.target);
  layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const t of graph.tasks) {
    const n = g.node(t.id) as { x: number; y: number };
    positions.set(t.id, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  // visible in the browser's performance timeline (and read by e2e/bench.mjs)
  performance.measure?.('berrys:plan-layout', { start: started, detail: { tasks: graph.tasks.length } });
  if (cacheKey) {
    if (cache.size > 20) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, positions);
  }
  return positions;
}

/**
 * The direction that shows a plan largest in a box of the given aspect (width / height): long
 * chains read best left to right, wide fan-outs top to bottom. Large plans keep `fallback`, as a
 * second layout would cost more than it gains.
 */
export function bestDirection(graph: Pick<PlanGraph, 'tasks' | 'edges'>, aspect: number, key: string, fallback: Direction = 'LR'): Direction {
  if (graph.tasks.length > 40) return fallback;
  const zoom = (d: Direction) => {
    const pos = [...layoutPlanGraph(graph, d, key).values()];
    const w = Math.max(...pos.map((p) => p.x)) + NODE_WIDTH;
    const h = Math.max(...pos.map((p) => p.y)) + NODE_HEIGHT;
    return Math.min(aspect / w, 1 / h);
  };
  return zoom('TB') > zoom('LR') * 1.05 ? 'TB' : 'LR';
}
