// Shapes the dashboard reads. The public API (docs/architecture.md) fixes the core fields; fields marked
// "assumed" are the dashboard's expectation where the API says nothing (see README).

export type ProjectStatus =
  | 'DRAFT'
  | 'PLANNING'
  | 'AWAITING_APPROVAL'
  | 'RUNNING'
  | 'PAUSED'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED';

export type TaskStatus = 'PENDING' | 'READY' | 'ASSIGNED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'SKIPPED';

export interface Progress {
  done: number;
  total: number;
}

export interface Project {
  id: string;
  name: string;
  goal: string;
  status: ProjectStatus;
  statusReason?: string | null;
  budgetUsd?: number | null;
  requirePlanApproval?: boolean;
  createdAt?: string;
  startedAt?: string | null;
  completedAt?: string | null;
  /** done/total tasks; a bare number is read as a fraction 0..1 */
  progress?: Progress | number | null;
  /** assumed: cost so far in USD */
  costUsd?: number | null;
}

export interface NewProject {
  name: string;
  goal: string;
  budgetUsd?: number;
  requirePlanApproval: boolean;
}

export interface Task {
  id: string;
  projectId?: string;
  planId?: string;
  title: string;
  description?: string;
  role?: string;
  status: TaskStatus;
  dependsOn?: string[];
  agentId?: string | null;
  attempts?: number;
  startedAt?: string | null;
  completedAt?: string | null;
  output?: string | null;
  lastError?: string | null;
  /** why the running task's execution waits for a dependency ("waiting: …"), which uses up no attempt */
  waitingReason?: string | null;
  /** since when it waits */
  waitingSince?: string | null;
  /** membership of plan.criticalPath, when the plan has no list */
  onCriticalPath?: boolean;
  critical?: boolean;
}

export interface PlanSummary {
  id: string;
  projectId?: string;
  version: number;
  status?: string;
  createdAt?: string;
  taskCount?: number;
  completedTasks?: number;
  feedback?: string | null;
}

export interface Plan extends PlanSummary {
  tasks: Task[];
  /** assumed: ordered task ids along the critical path */
  criticalPath?: string[];
}

export interface Agent {
  id: string;
  name?: string;
  role?: string;
  status?: string;
  projectId?: string;
  /** assumed: the task the agent works on now */
  currentTaskId?: string | null;
  model?: string | null;
}

export type StepKind = 'MODEL_CALL' | 'TOOL_CALL';

export interface ExecutionStep {
  index?: number;
  kind: StepKind;
  startedAt?: string;
  durationMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  tool?: string | null;
  model?: string | null;
  summary?: string | null;
  /** a tool call's arguments (JSON) */
  arguments?: unknown;
  /** what the model was given back (a tool's result) */
  result?: string | null;
  error?: string | null;
}

export interface Execution {
  id: string;
  taskId: string;
  agentId?: string;
  title?: string;
  role?: string;
  attempt?: number;
  model?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  status: string;
  startedAt?: string;
  completedAt?: string | null;
  steps?: ExecutionStep[];
  /** the final answer (markdown) */
  output?: string | null;
  error?: string | null;
}

export interface Artifact {
  id?: string;
  title?: string;
  /** older shape */
  name?: string;
  taskId?: string;
  role?: string;
  content?: string;
}

export interface ProjectResult {
  projectId?: string;
  status?: string;
  /** assumed: aggregated answer as markdown (also read from `content` or `output`) */
  summary?: string;
  content?: string;
  output?: string;
  artifacts?: Artifact[];
  /** true where the built-in simulated model answered any model call of the project */
  simulated?: boolean;
  /** how many of the project's model calls the simulated model answered */
  simulatedCalls?: number;
  model?: string;
  completedAt?: string | null;
}

export interface UsageRecord {
  id?: string;
  projectId?: string;
  model?: string;
  provider?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  createdAt?: string;
}

export interface Approval {
  id: string;
  projectId?: string;
  planId?: string;
  planVersion?: number;
  status: string;
  /** what the workflow said about the plan when it asked */
  summary?: string | null;
  comment?: string | null;
  createdAt?: string;
  decidedAt?: string | null;
  decidedBy?: string | null;
}

/** A question an agent asked a person (ask_human); its execution waits until it is answered. */
export interface Question {
  id: string;
  executionId: string;
  taskId: string;
  projectId: string;
  agentId?: string;
  attempt?: number;
  question: string;
  /** the answers to choose from; empty: any text */
  options: string[];
  status: 'OPEN' | 'ANSWERED' | 'CANCELLED' | string;
  answer?: string | null;
  answeredBy?: string | null;
  createdAt?: string;
  answeredAt?: string | null;
}

export interface Provider {
  id: string;
  name: string;
  type: string;
  baseUrl?: string | null;
  enabled: boolean;
  hasApiKey?: boolean;
  apiKeySource?: string;
}

export interface NewProvider {
  name: string;
  type: string;
  baseUrl?: string;
  apiKey?: string;
  enabled: boolean;
}

export interface Model {
  id: string;
  providerId?: string;
  providerName?: string;
  name: string;
  contextWindow?: number;
  capabilities?: string[];
  inputPricePerMillion?: number;
  outputPricePerMillion?: number;
  enabled?: boolean;
}

export interface Tool {
  id: string;
  name: string;
  description?: string;
  /** BUILTIN, HTTP or MCP */
  source?: string;
  /** AVAILABLE, or UNAVAILABLE while its MCP server cannot be reached */
  status?: string;
  enabled?: boolean;
  mcpServerId?: string | null;
  endpoint?: string | null;
}

export interface McpServer {
  id: string;
  name: string;
  transport?: string;
  url?: string | null;
  command?: string | null;
  args?: string[];
  enabled?: boolean;
  /** PENDING, CONNECTED, ERROR or DISABLED */
  status?: string;
  statusMessage?: string | null;
  statusAt?: string | null;
  tools?: { name: string; enabled?: boolean; status?: string }[];
}

export interface ServiceHealth {
  service: string;
  /** 1, 2 … when a service runs several replicas */
  replica?: number;
  status: string;
  latencyMs?: number;
}

export interface Page<T> {
  content: T[];
  totalElements: number;
  totalPages: number;
  number: number;
  size: number;
}

export interface ProjectEvent {
  id: string;
  type: string;
  time?: string;
  subject?: string;
  source?: string;
  data?: unknown;
}
