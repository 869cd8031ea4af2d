import type { Plan, Task } from '../api/types';

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  critical: boolean;
  /** implied by a longer path (A→C when A→B→C): drawn, but left out of the layout */
  redundant: boolean;
}

export interface PlanGraph {
  tasks: Task[];
  edges: GraphEdge[];
  critical: Set<string>;
  /** dependency ids that name no task of the plan (shown as a warning, not drawn) */
  unknownDependencies: string[];
}

/**
 * Turns a plan into graph elements: one edge per dependency, pointing from the prerequisite to the
 * task that waits for it. An edge is on the critical path when both its ends are consecutive on the
 * plan's `criticalPath` (or both tasks carry `critical: true` when the plan has no path list).
 */
export function buildPlanGraph(plan: Pick<Plan, 'tasks' | 'criticalPath'>): PlanGraph {
  const tasks = plan.tasks ?? [];
  const ids = new Set(tasks.map((t) => t.id));
  const path = (plan.criticalPath ?? []).filter((id) => ids.has(id));
  const critical = new Set<string>(path.length ? path : tasks.filter((t) => t.critical ?? t.onCriticalPath).map((t) => t.id));
  const criticalPairs = new Set<string>();
  for (let i = 1; i < path.length; i++) criticalPairs.add(`${path[i - 1]}->${path[i]}`);

  const ancestors = ancestorsOf(tasks);
  const edges: GraphEdge[] = [];
  const unknownDependencies: string[] = [];
  for (const task of tasks) {
    const deps = [...new Set(task.dependsOn ?? [])];
    for (const dep of deps) {
      if (!ids.has(dep)) {
        unknownDependencies.push(dep);
        continue;
      }
      const onPath = path.length
        ? criticalPairs.has(`${dep}->${task.id}`)
        : critical.has(dep) && critical.has(task.id);
      const redundant = deps.some((other) => other !== dep && ancestors.get(other)?.has(dep));
      edges.push({ id: `${dep}->${task.id}`, source: dep, target: task.id, critical: onPath, redundant });
    }
  }
  return { tasks, edges, critical, unknownDependencies };
}

/** Every task's transitive prerequisites (cycles are cut where they close). */
function ancestorsOf(tasks: Task[]): Map<string, Set<string>> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, stack: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const result = new Set<string>();
    stack.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep) || stack.has(dep)) continue;
      result.add(dep);
      visit(dep, stack).forEach((a) => result.add(a));
    }
    stack.delete(id);
    memo.set(id, result);
    return result;
  };
  tasks.forEach((t) => visit(t.id, new Set()));
  return memo;
}

/** A key that changes only when tasks or dependencies change, so status updates skip the layout. */
export function structureKey(plan: Pick<Plan, 'tasks'>): string {
  return (plan.tasks ?? []).map((t) => `${t.id}:${(t.dependsOn ?? []).join(',')}`).join('|');
}

/** Tasks in dependency order (prerequisites first), for the list view and keyboard users. */
export function topologicalOrder(tasks: Task[]): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const out: Task[] = [];
  const visit = (t: Task, stack: Set<string>) => {
    if (seen.has(t.id) || stack.has(t.id)) return;
    stack.add(t.id);
    for (const d of t.dependsOn ?? []) {
      const dep = byId.get(d);
      if (dep) visit(dep, stack);
    }
    stack.delete(t.id);
    seen.add(t.id);
    out.push(t);
  };
  tasks.forEach((t) => visit(t, new Set()));
  return out;
}
