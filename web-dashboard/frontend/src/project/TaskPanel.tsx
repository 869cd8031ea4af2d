import { useEffect, useRef, useState } from 'react';
import { useExecution, useExecutions, useTaskAction } from '../api/queries';
import type { Agent, Task } from '../api/types';
import { LazyMarkdown } from '../components/LazyMarkdown';
import { StatusBadge } from '../components/StatusBadge';
import { QueryState, Spinner } from '../components/ui';
import { ProblemAlert } from '../components/ProblemAlert';
import { dateTime } from '../lib/format';
import { taskActions } from '../lib/status';
import { ExecutionView } from './ExecutionView';

export function TaskPanel({
  task,
  agents,
  tasksById,
  executionId,
  onExecution,
  onClose,
}: {
  task: Task;
  agents: Agent[];
  tasksById: Map<string, Task>;
  executionId?: string;
  onExecution: (id: string) => void;
  onClose: () => void;
}) {
  const executions = useExecutions(task.id);
  const list = executions.data?.content ?? [];
  const chosen = executionId ?? list[list.length - 1]?.id;
  const execution = useExecution(chosen);
  const heading = useRef<HTMLHeadingElement>(null);
  const agent = agents.find((a) => a.id === task.agentId);

  useEffect(() => heading.current?.focus(), [task.id]);

  return (
    <section className="card task-panel" aria-labelledby="task-panel-title">
      <div className="card-head">
        <h2 id="task-panel-title" tabIndex={-1} ref={heading}>
          {task.title}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close task details">
          Close
        </button>
      </div>
      <div className="task-facts">
        <StatusBadge status={task.status} />
        {task.role && <span className="chip">{task.role}</span>}
        {agent && <span className="chip">Agent: {agent.name ?? agent.id.slice(0, 8)}</span>}
        {task.attempts ? <span className="chip">Attempt {task.attempts}</span> : null}
        <span className="muted small">
          {task.startedAt ? `Started ${dateTime(task.startedAt)}` : 'Not started'}
          {task.completedAt ? ` · finished ${dateTime(task.completedAt)}` : ''}
        </span>
      </div>
      {task.description && <p className="task-description">{task.description}</p>}
      <TaskWaiting task={task} />
      {task.lastError && <div className="alert alert-error">Last error: {task.lastError}</div>}
      <TaskActions task={task} />
      {(task.dependsOn ?? []).length > 0 && (
        <p className="small muted">
          Waits for: {(task.dependsOn ?? []).map((d) => tasksById.get(d)?.title ?? d.slice(0, 8)).join(', ')}
        </p>
      )}

      <h3>Executions</h3>
      <QueryState query={executions} isEmpty={list.length === 0} empty="No execution yet: the task has not been picked up.">
        {list.length > 1 && (
          <div className="tabs" role="group" aria-label="Attempts">
            {list.map((e, i) => (
              <button key={e.id} type="button" className={`btn btn-tab ${e.id === chosen ? 'active' : ''}`} aria-pressed={e.id === chosen} onClick={() => onExecution(e.id)}>
                Attempt {e.attempt ?? i + 1}
              </button>
            ))}
          </div>
        )}
        {execution.isPending && chosen ? <Spinner label="Loading execution" /> : null}
        {execution.error ? <ProblemAlert error={execution.error} /> : null}
        {execution.data && <ExecutionView execution={execution.data} />}
      </QueryState>

      {task.output && !execution.data?.output && (
        <>
          <h3>Output</h3>
          <LazyMarkdown>{task.output}</LazyMarkdown>
        </>
      )}
    </section>
  );
}

/** "waiting: <reason> since <time>": the task's execution waits out an outage, which uses up no attempt. */
export function TaskWaiting({ task }: { task: Task }) {
  if (!task.waitingReason) return null;
  const reason = task.waitingReason.startsWith('waiting: ') ? task.waitingReason : `waiting: ${task.waitingReason}`;
  return (
    <div className="alert alert-warn" role="status">
      {reason}
      {task.waitingSince ? (
        <>
          {' since '}
          <time dateTime={task.waitingSince}>{dateTime(task.waitingSince)}</time>
        </>
      ) : null}
    </div>
  );
}

/** Retry and Skip: a person's way past a failed task. Skipping asks why; dependants are told. */
export function TaskActions({ task }: { task: Task }) {
  const action = useTaskAction(task.id, task.projectId ?? '');
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const allowed = taskActions(task.status);
  const reasonId = `skip-reason-${task.id}`;
  if (!allowed.retry && !allowed.skip) return null;

  const skip = () => {
    if (!skipping) {
      setSkipping(true);
      return;
    }
    if (!reason.trim()) {
      setReasonError('Say why the task is skipped: its dependants are told.');
      document.getElementById(reasonId)?.focus();
      return;
    }
    action.mutate({ action: 'skip', reason: reason.trim() });
  };

  return (
    <div className="task-actions">
      {skipping && (
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            value={reason}
            autoFocus
            aria-invalid={!!reasonError}
            aria-describedby={reasonError ? `${reasonId}-error` : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError('');
            }}
          />
          {reasonError && (
            <p className="field-error" id={`${reasonId}-error`}>
              {reasonError}
            </p>
          )}
        </div>
      )}
      <div className="actions">
        {allowed.retry && (
          <button type="button" className="btn btn-primary" disabled={action.isPending} onClick={() => action.mutate({ action: 'retry' })}>
            Retry
          </button>
        )}
        {allowed.skip && (
          <button type="button" className="btn" disabled={action.isPending} onClick={skip}>
            Skip
          </button>
        )}
      </div>
      {action.error ? <ProblemAlert error={action.error} /> : null}
    </div>
  );
}
