import { memo, useMemo } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  useNodesInitialized,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Plan, Task } from '../api/types';
import { buildPlanGraph, structureKey } from '../lib/graph';
import { bestDirection, layoutPlanGraph, NODE_HEIGHT, NODE_WIDTH, type Direction } from '../lib/layout';
import { statusLabel, TASK_TONES } from '../lib/status';

type TaskNodeData = { task: Task; critical: boolean; selected: boolean; vertical: boolean };
type TaskNode = Node<TaskNodeData, 'task'>;

const TaskNodeView = memo(function TaskNodeView({ data }: NodeProps<TaskNode>) {
  const { task, critical, selected, vertical } = data;
  const tone = TASK_TONES[task.status] ?? TASK_TONES.PENDING;
  return (
    <div
      className={`task-node ${critical ? 'critical' : ''} ${selected ? 'selected' : ''} ${task.status === 'RUNNING' ? 'running' : ''}`}
      data-task-id={task.id}
      data-status={task.status}
      style={{ background: tone.bg, borderColor: tone.border, color: tone.fg }}
    >
      <Handle type="target" position={vertical ? Position.Top : Position.Left} isConnectable={false} />
      <button
        type="button"
        className="task-node-button nodrag"
        aria-pressed={selected}
        aria-label={`${task.title}, ${statusLabel(task.status)}${critical ? ', on the critical path' : ''}`}
      >
        <span className="task-node-title">{task.title}</span>
        <span className="task-node-meta">
          <span className="task-node-status">{statusLabel(task.status)}</span>
          {task.role && <span className="task-node-role">{task.role}</span>}
          {critical && <span className="task-node-critical" title="Critical path">★</span>}
        </span>
      </button>
      <Handle type="source" position={vertical ? Position.Bottom : Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { task: TaskNodeView };

// Where edges attach, given up front (like the sizes) so that edges are drawn in the first pass
// instead of after React Flow has measured every node's handles.
const W = NODE_WIDTH;
const H = NODE_HEIGHT;
const HANDLES: Record<Direction, NonNullable<Node['handles']>> = {
  LR: [
    { type: 'target', position: Position.Left, x: 0, y: 0, width: 0, height: H },
    { type: 'source', position: Position.Right, x: 0, y: 0, width: W, height: H },
  ],
  TB: [
    { type: 'target', position: Position.Top, x: 0, y: 0, width: W, height: 0 },
    { type: 'source', position: Position.Bottom, x: 0, y: 0, width: W, height: H },
  ],
};

function ReadyMarker({ count }: { count: number }) {
  // Lets tests and the benchmark know every node is measured (so its edges can be drawn). The
  // option makes the hook check each node's handles rather than a flag that sizes given up front
  // never raise.
  const initialized = useNodesInitialized({ includeHiddenNodes: true });
  return <span hidden data-graph-ready={initialized && count > 0 ? 'true' : 'false'} data-node-count={count} />;
}

export default function PlanGraph({
  plan,
  selectedTaskId,
  onSelect,
  narrow = false,
}: {
  plan: Plan;
  selectedTaskId?: string;
  onSelect: (taskId: string) => void;
  /** a phone-width screen: always top to bottom */
  narrow?: boolean;
}) {
  const graph = useMemo(() => buildPlanGraph(plan), [plan]);
  const key = structureKey(plan);
  const direction: Direction = useMemo(() => (narrow ? 'TB' : bestDirection(graph, 1.3, key)), [key, narrow]);
  // Layout depends only on the structure: a status change re-colours without moving anything.
  const positions = useMemo(() => layoutPlanGraph(graph, direction, key), [key, direction]);

  const nodes = useMemo<TaskNode[]>(
    () =>
      graph.tasks.map((task) => ({
        id: task.id,
        type: 'task',
        position: positions.get(task.id) ?? { x: 0, y: 0 },
        // known size: drawn at once, without waiting for a measuring pass
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        handles: HANDLES[direction],
        data: { task, critical: graph.critical.has(task.id), selected: task.id === selectedTaskId, vertical: direction === 'TB' },
        draggable: false,
        connectable: false,
        selectable: false,
        focusable: false,
      })),
    [graph, positions, selectedTaskId, direction],
  );

  const edges = useMemo<Edge[]>(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        className: e.critical ? 'edge-critical' : undefined,
        focusable: false,
        selectable: false,
        style: e.critical ? { stroke: '#c2410c', strokeWidth: 2.5 } : { stroke: '#9aa3b2', strokeWidth: 1.25 },
        markerEnd: { type: MarkerType.ArrowClosed, color: e.critical ? '#c2410c' : '#9aa3b2', width: 16, height: 16 },
      })),
    [graph],
  );

  return (
    <div className="graph-canvas" data-testid="plan-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        // a click handler is also what gives non-draggable nodes pointer events; the button inside
        // each node bubbles its click (mouse, Enter or Space) up to here
        onNodeClick={(_, node) => onSelect(node.id)}
        key={`${plan.id}-${direction}-${narrow}`}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
      >
        <Background gap={20} size={1} color="#e3e6ee" />
        <Controls showInteractive={false} />
        <ReadyMarker count={nodes.length} />
      </ReactFlow>
    </div>
  );
}
