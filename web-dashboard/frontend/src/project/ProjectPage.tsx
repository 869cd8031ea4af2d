import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAgents, useLatestPlan, useProject, useProjectAction, useResult, useUsage, type LifecycleAction } from '../api/queries';
import type { Task } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusBadge } from '../components/StatusBadge';
import { PageTitle, ProgressBar, Spinner } from '../components/ui';
import { dateTime, progressOf } from '../lib/format';
import { topologicalOrder } from '../lib/graph';
import { ACTIVE_PROJECT_STATUSES, projectActions, statusLabel, TASK_TONES } from '../lib/status';
import { summarizeUsage } from '../lib/usage';
import { OpenQuestions } from './OpenQuestions';
import { CostCard, ResultCard, TeamCard, Timeline } from './SideCards';
import { TaskPanel } from './TaskPanel';
import { useProjectEvents } from './useProjectEvents';

// Fetched as soon as this page's own chunk runs, in parallel with the project's data rather than
// after it (the graph chunk holds React Flow and dagre).
const loadPlanGraph = () => import('./PlanGraph');
void loadPlanGraph();
const PlanGraph = lazy(loadPlanGraph);

function useNarrow() {
  const query = '(max-width: 720px)';
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

function TaskList({ tasks, critical, onSelect, selected }: { tasks: Task[]; critical: Set<string>; onSelect: (id: string) => void; selected?: string }) {
  return (
    <ol className="task-list">
      {topologicalOrder(tasks).map((t) => (
        <li key={t.id} data-task-id={t.id} data-status={t.status}>
          <button type="button" className={`task-row ${selected === t.id ? 'selected' : ''}`} onClick={() => onSelect(t.id)} aria-pressed={selected === t.id}>
            <span className="task-row-title">
              {critical.has(t.id) && <span className="crit" title="Critical path">★ </span>}
              {t.title}
            </span>
            <StatusBadge status={t.status} className="badge-sm" />
          </button>
        </li>
      ))}
    </ol>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {(Object.keys(TASK_TONES) as (keyof typeof TASK_TONES)[]).map((s) => (
        <li key={s}>
          <span className="swatch" style={{ background: TASK_TONES[s].bg, borderColor: TASK_TONES[s].border }} />
          {statusLabel(s)}
        </li>
      ))}
      <li>
        <span className="swatch swatch-critical" />
        Critical path
      </li>
    </ul>
  );
}

export default function ProjectPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { canWrite } = useAuth();
  const narrow = useNarrow();
  const [view, setView] = useState<'graph' | 'list'>('graph');
  const selectedTaskId = params.get('task') ?? undefined;
  const executionId = params.get('execution') ?? undefined;

  const project = useProject(id);
  const status = project.data?.status;
  const active = !!status && ACTIVE_PROJECT_STATUSES.includes(status);
  // asked for at once, not after the project: a draft simply has no plan versions yet
  const planQuery = useLatestPlan(id);
  const plan = { data: planQuery.data?.plan };
  const latest = planQuery.data?.latest;
  const agents = useAgents(id);
  const usageQuery = useUsage(id);
  const result = useResult(id, status === 'COMPLETED');
  const { events, state } = useProjectEvents(id, active);
  const action = useProjectAction(id);

  const tasks = plan.data?.tasks ?? [];
  const tasksById = useMemo(() => new Map(tasks.map((t) => [t.id, t])), [tasks]);
  const taskTitles = useMemo(() => new Map(tasks.map((t) => [t.id, t.title])), [tasks]);
  const critical = useMemo(() => new Set(plan.data?.criticalPath ?? tasks.filter((t) => t.critical ?? t.onCriticalPath).map((t) => t.id)), [plan.data, tasks]);
  const usage = useMemo(() => (usageQuery.data ? summarizeUsage(usageQuery.data) : undefined), [usageQuery.data]);
  const selectedTask = selectedTaskId ? tasksById.get(selectedTaskId) : undefined;

  const selectTask = useCallback(
    (taskId: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('task', taskId);
        next.delete('execution');
        return next;
      }),
    [setParams],
  );
  const selectExecution = (execId: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('execution', execId);
      return next;
    });
  const closeTask = () => setParams(new URLSearchParams());

  if (project.isPending) return <Spinner label="Loading project" />;
  if (project.error || !project.data) {
    return (
      <>
        <PageTitle>Project</PageTitle>
        <ProblemAlert error={project.error} />
        <Link to="/projects">Back to projects</Link>
      </>
    );
  }

  const p = project.data;
  const progress = progressOf(p);
  const doneTasks = tasks.filter((t) => t.status === 'COMPLETED').length;
  const allowed = projectActions(p.status);
  const run = (a: LifecycleAction) => {
    if (a === 'cancel' && !window.confirm(`Cancel “${p.name}”? Running tasks are stopped.`)) return;
    action.mutate(a);
  };

  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/projects">Projects</Link> <span aria-hidden="true">/</span>
      </nav>
      <PageTitle
        actions={
          canWrite && (
            <div className="button-row">
              {allowed.start && <button type="button" className="btn btn-primary" onClick={() => run('start')} disabled={action.isPending}>Start</button>}
              {allowed.pause && <button type="button" className="btn" onClick={() => run('pause')} disabled={action.isPending}>Pause</button>}
              {allowed.resume && <button type="button" className="btn btn-primary" onClick={() => run('resume')} disabled={action.isPending}>Resume</button>}
              {allowed.cancel && <button type="button" className="btn btn-danger" onClick={() => run('cancel')} disabled={action.isPending}>Cancel</button>}
            </div>
          )
        }
      >
        {p.name}
      </PageTitle>
      <div className="project-summary">
        <StatusBadge status={p.status} />
        {p.statusReason && <span className="muted">{p.statusReason}</span>}
        <span className="summary-progress">
          <ProgressBar ratio={tasks.length ? doneTasks / tasks.length : progress.ratio} label="Project progress" />
          <span className="small muted">
            {tasks.length ? `${doneTasks}/${tasks.length}` : progress.total ? `${progress.done}/${progress.total}` : '0'} tasks done
          </span>
        </span>
        <span className="small muted">Created {dateTime(p.createdAt)}</span>
        {p.status === 'AWAITING_APPROVAL' && (
          <Link to="/approvals" className="chip chip-warn">
            Waiting for approval →
          </Link>
        )}
      </div>
      <p className="goal">{p.goal}</p>
      {action.error ? <ProblemAlert error={action.error} title="The action was refused" /> : null}

      <div className="project-grid">
        <div className="project-main">
          <OpenQuestions projectId={id} canWrite={canWrite} taskTitles={taskTitles} />
          <section className="card graph-card" aria-labelledby="plan-title">
            <div className="card-head">
              <h2 id="plan-title">
                Plan {latest ? <span className="muted small">v{latest.version}</span> : null}
              </h2>
              {tasks.length > 0 && (
                <div className="tabs" role="group" aria-label="Plan view">
                  <button type="button" className={`btn btn-tab ${view === 'graph' ? 'active' : ''}`} aria-pressed={view === 'graph'} onClick={() => setView('graph')}>
                    Graph
                  </button>
                  <button type="button" className={`btn btn-tab ${view === 'list' ? 'active' : ''}`} aria-pressed={view === 'list'} onClick={() => setView('list')}>
                    List
                  </button>
                </div>
              )}
            </div>
            {p.status === 'DRAFT' ? (
              <p className="muted">Start the project to have it planned.</p>
            ) : planQuery.isPending ? (
              <Spinner label="Loading plan" />
            ) : planQuery.error ? (
              <ProblemAlert error={planQuery.error} />
            ) : !plan.data ? (
              <p className="muted">{p.status === 'PLANNING' ? 'The planner is decomposing the goal…' : 'No plan yet.'}</p>
            ) : view === 'graph' ? (
              <>
                <Suspense fallback={<div className="graph-canvas"><Spinner label="Drawing the plan" /></div>}>
                  <PlanGraph plan={plan.data} selectedTaskId={selectedTaskId} onSelect={selectTask} narrow={narrow} />
                </Suspense>
                <Legend />
              </>
            ) : (
              <TaskList tasks={tasks} critical={critical} onSelect={selectTask} selected={selectedTaskId} />
            )}
          </section>

          {selectedTask && (
            <TaskPanel task={selectedTask} agents={agents.data?.content ?? []} tasksById={tasksById} executionId={executionId} onExecution={selectExecution} onClose={closeTask} />
          )}
          {result.data && <ResultCard result={result.data} />}
        </div>
        <aside className="project-side" aria-label="Project details">
          <CostCard project={p} usage={usage} />
          <TeamCard agents={agents.data?.content ?? []} tasks={tasks} onTask={selectTask} />
          <Timeline events={events} state={state} tasks={tasksById} />
        </aside>
      </div>
    </>
  );
}
