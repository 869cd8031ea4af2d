import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getPage, post, withQuery } from './client';
import type {
  Agent,
  Approval,
  Execution,
  McpServer,
  Model,
  NewProject,
  NewProvider,
  Plan,
  PlanSummary,
  Project,
  ProjectResult,
  Provider,
  Question,
  ServiceHealth,
  Task,
  Tool,
  UsageRecord,
} from './types';

export const keys = {
  projects: (filter: object) => ['projects', filter] as const,
  project: (id: string) => ['project', id] as const,
  plans: (projectId: string) => ['plans', projectId] as const,
  agents: (projectId: string) => ['agents', projectId] as const,
  executions: (taskId: string) => ['executions', taskId] as const,
  execution: (id: string) => ['execution', id] as const,
  result: (projectId: string) => ['result', projectId] as const,
  usage: (projectId?: string) => ['usage', projectId ?? 'all'] as const,
  approvals: ['approvals'] as const,
  questions: (projectId: string) => ['questions', projectId] as const,
  providers: ['providers'] as const,
  models: ['models'] as const,
  tools: ['tools'] as const,
  mcpServers: ['mcp-servers'] as const,
  health: ['system-health'] as const,
};

export interface ProjectFilter {
  status?: string;
  page: number;
  size: number;
}

export function useProjects(filter: ProjectFilter) {
  return useQuery({
    queryKey: keys.projects(filter),
    queryFn: () => getPage<Project>('/api/projects', { ...filter }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

export const projectQuery = (id: string) =>
  queryOptions({ queryKey: keys.project(id), queryFn: () => api<Project>(`/api/projects/${id}`) });

export function useProject(id: string) {
  return useQuery(projectQuery(id));
}

export interface LatestPlan {
  latest?: PlanSummary;
  plan?: Plan;
}

/**
 * The newest plan version of a project with its tasks: the version list and the plan in one query,
 * so the second request leaves as soon as the first answers (no render in between).
 */
export const latestPlanQuery = (projectId: string) =>
  queryOptions({
    queryKey: keys.plans(projectId),
    queryFn: async (): Promise<LatestPlan> => {
      const versions = await getPage<PlanSummary>('/api/plans', { projectId });
      const latest = versions.content.reduce<PlanSummary | undefined>(
        (best, p) => (!best || (p.version ?? 0) > (best.version ?? 0) ? p : best),
        undefined,
      );
      return latest ? { latest, plan: await api<Plan>(`/api/plans/${latest.id}`) } : {};
    },
  });

export function useLatestPlan(projectId: string) {
  return useQuery(latestPlanQuery(projectId));
}

export function useAgents(projectId: string) {
  return useQuery({ queryKey: keys.agents(projectId), queryFn: () => getPage<Agent>('/api/agents', { projectId }) });
}

export function useExecutions(taskId: string | undefined) {
  return useQuery({
    queryKey: keys.executions(taskId ?? ''),
    queryFn: () => getPage<Execution>('/api/executions', { taskId }),
    enabled: !!taskId,
  });
}

export function useExecution(id: string | undefined) {
  return useQuery({
    queryKey: keys.execution(id ?? ''),
    queryFn: () => api<Execution>(`/api/executions/${id}`),
    enabled: !!id,
  });
}

export function useResult(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.result(projectId),
    queryFn: () => api<ProjectResult>(`/api/projects/${projectId}/result`),
    enabled,
    retry: false,
  });
}

export function useUsage(projectId?: string) {
  return useQuery({
    queryKey: keys.usage(projectId),
    queryFn: async () => api<unknown>(withQuery('/api/model-usage', { projectId, size: 500 })),
  });
}

/** The newest model calls (model-orchestration's GET /api/model-calls), for the cost-over-time chart. */
export function useModelCalls() {
  return useQuery({
    queryKey: ['model-calls'],
    queryFn: () => getPage<UsageRecord>('/api/model-calls', { size: 500 }),
    retry: false,
  });
}

export function useApprovals() {
  return useQuery({
    queryKey: keys.approvals,
    queryFn: () => getPage<Approval>('/api/approvals', { status: 'PENDING' }),
    refetchInterval: 10_000,
  });
}

export function useDecideApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: 'approve' | 'reject'; comment: string }) =>
      post<Approval>(`/api/approvals/${id}/${decision}`, { comment }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.approvals }),
  });
}

/** The project's questions that wait for an answer (agents' ask_human calls). */
export function useOpenQuestions(projectId: string) {
  return useQuery({
    queryKey: keys.questions(projectId),
    queryFn: () => getPage<Question>('/api/questions', { projectId, status: 'OPEN' }),
    refetchInterval: 10_000,
  });
}

export function useAnswerQuestion(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) => post<Question>(`/api/questions/${id}/answer`, { answer }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.questions(projectId) }),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ project, start }: { project: NewProject; start: boolean }) => {
      const created = await post<Project>('/api/projects', project);
      if (start) return post<Project>(`/api/projects/${created.id}/start`).then((p) => p ?? created);
      return created;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export type LifecycleAction = 'start' | 'pause' | 'resume' | 'cancel';

export function useProjectAction(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: LifecycleAction) => post<Project>(`/api/projects/${projectId}/${action}`),
    onSuccess: (project) => {
      if (project?.id) client.setQueryData(keys.project(projectId), project);
      void client.invalidateQueries({ queryKey: keys.project(projectId) });
    },
  });
}

export type TaskAction = 'retry' | 'skip';

/** Retry or skip a task; the plan (and the project, reopened where it had failed) are fetched again. */
export function useTaskAction(taskId: string, projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: TaskAction; reason?: string }) =>
      post<Task>(`/api/tasks/${taskId}/${action}`, reason ? { reason } : {}),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.plans(projectId) });
      void client.invalidateQueries({ queryKey: keys.project(projectId) });
    },
  });
}

export function useProviders() {
  return useQuery({ queryKey: keys.providers, queryFn: () => getPage<Provider>('/api/providers', { size: 100 }) });
}

export function useCreateProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (provider: NewProvider) => post<Provider>('/api/providers', provider),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.providers }),
  });
}

export function useModels() {
  return useQuery({ queryKey: keys.models, queryFn: () => getPage<Model>('/api/models', { size: 200 }) });
}

export function useTools() {
  return useQuery({ queryKey: keys.tools, queryFn: () => getPage<Tool>('/api/tools', { size: 200 }) });
}

export function useMcpServers() {
  return useQuery({ queryKey: keys.mcpServers, queryFn: () => getPage<McpServer>('/api/mcp-servers', { size: 100 }) });
}

export function useSystemHealth() {
  return useQuery({
    queryKey: keys.health,
    queryFn: async (): Promise<{ services: ServiceHealth[]; fallback: boolean }> => {
      try {
        const body = await api<unknown>('/api/system/health');
        const list = Array.isArray(body) ? body : ((body as { services?: unknown })?.services ?? []);
        return { services: list as ServiceHealth[], fallback: false };
      } catch (error) {
        // The overview lives in service-integration; without it, at least report the gateway.
        if ((error as { status?: number }).status === 401) throw error;
        const gateway = await fetch('/actuator/health', { headers: { Accept: 'application/json' } })
          .then(async (r) => ((await r.json().catch(() => ({}))) as { status?: string }).status ?? (r.ok ? 'UP' : 'DOWN'))
          .catch(() => 'UNKNOWN');
        return { services: [{ service: 'api-gateway', status: gateway }], fallback: true };
      }
    },
    refetchInterval: 15_000,
    retry: false,
  });
}

export type { UsageRecord };
