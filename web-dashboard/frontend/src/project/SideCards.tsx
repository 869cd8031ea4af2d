import type { Agent, Project, ProjectEvent, ProjectResult, Task } from '../api/types';
import type { StreamState } from '../api/sse';
import { LazyMarkdown } from '../components/LazyMarkdown';
import { StatusBadge } from '../components/StatusBadge';
import { money, time, tokens } from '../lib/format';
import type { UsageSummary } from '../lib/usage';

export function CostCard({ project, usage }: { project: Project; usage?: UsageSummary }) {
  const cost = usage?.costUsd ?? project.costUsd ?? 0;
  const budget = project.budgetUsd ?? null;
  const ratio = budget ? Math.min(1, cost / budget) : 0;
  const level = !budget ? 'ok' : cost >= budget ? 'over' : ratio >= 0.8 ? 'warn' : 'ok';
  return (
    <section className="card" aria-labelledby="cost-title">
      <h2 id="cost-title">Cost</h2>
      <p className="cost-figure">
        <strong>{money(cost)}</strong> <span className="muted">of {budget != null ? money(budget) : 'no budget set'}</span>
      </p>
      {budget ? (
        <div className={`budget-bar budget-${level}`} role="meter" aria-label="Budget used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(ratio * 100)}>
          <div style={{ width: `${Math.round(ratio * 100)}%` }} />
        </div>
      ) : null}
      {usage && (
        <p className="small muted">
          {usage.calls} model calls · {tokens(usage.inputTokens)} in / {tokens(usage.outputTokens)} out tokens
        </p>
      )}
      {usage && usage.byModel.length > 0 && (
        <ul className="plain-list small">
          {usage.byModel.map((m) => (
            <li key={m.model}>
              <code>{m.model}</code> — {money(m.costUsd)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TeamCard({ agents, tasks, onTask }: { agents: Agent[]; tasks: Task[]; onTask: (id: string) => void }) {
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">Team</h2>
      {agents.length === 0 ? (
        <p className="muted">The team is assembled once the plan is ready.</p>
      ) : (
        <ul className="team">
          {agents.map((a) => {
            const current =
              tasks.find((t) => t.id === a.currentTaskId) ??
              tasks.find((t) => t.agentId === a.id && (t.status === 'RUNNING' || t.status === 'ASSIGNED'));
            return (
              <li key={a.id} className="agent">
                <span className="avatar" aria-hidden="true">
                  {(a.role ?? a.name ?? '?').charAt(0).toUpperCase()}
                </span>
                <div className="agent-body">
                  <div className="agent-name">
                    {a.name ?? a.role ?? a.id.slice(0, 8)} {a.status && <StatusBadge status={a.status} className="badge-sm" />}
                  </div>
                  <div className="small muted">
                    {a.role}
                    {a.model ? ` · ${a.model}` : ''}
                  </div>
                  <div className="small">
                    {current ? (
                      <button type="button" className="link-button" onClick={() => onTask(current.id)}>
                        Working on: {current.title}
                      </button>
                    ) : (
                      <span className="muted">Idle</span>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function describe(event: ProjectEvent, tasks: Map<string, Task>): string {
  const d = (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
  const taskId = typeof d.taskId === 'string' ? d.taskId : undefined;
  const title = (typeof d.title === 'string' && d.title) || (taskId && tasks.get(taskId)?.title) || '';
  const status = typeof d.status === 'string' ? d.status.toLowerCase().replace(/_/g, ' ') : '';
  // an agent's question to a person, and the answer
  const said = typeof d.answer === 'string' ? `answered: “${d.answer}”` : typeof d.question === 'string' ? `asked: “${d.question}”` : '';
  return [title, status && !event.type.endsWith(status) ? `→ ${status}` : '', said].filter(Boolean).join(' ');
}

export function Timeline({ events, state, tasks }: { events: ProjectEvent[]; state: StreamState; tasks: Map<string, Task> }) {
  const live = state === 'open';
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card-head">
        <h2 id="timeline-title">Events</h2>
        <span className={`live ${live ? 'on' : 'off'}`} role="status">
          {live ? 'Live' : state === 'retrying' ? 'Reconnecting…' : state === 'connecting' ? 'Connecting…' : 'Offline'}
        </span>
      </div>
      {events.length === 0 ? (
        <p className="muted">Events appear here as the project moves.</p>
      ) : (
        <ol className="timeline" aria-live="polite" aria-relevant="additions">
          {events.slice(0, 100).map((e) => (
            <li key={e.id} data-event-type={e.type}>
              <time dateTime={e.time}>{time(e.time)}</time>
              <span className="event-type">{e.type}</span>
              <span className="event-desc">{describe(e, tasks)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function ResultCard({ result }: { result: ProjectResult }) {
  const text = result.summary ?? result.content ?? result.output ?? '';
  return (
    <section className="card result" aria-labelledby="result-title">
      <div className="card-head">
        <h2 id="result-title">Result</h2>
        {result.simulated ? (
          <span className="chip chip-warn" title="Answered by the built-in simulated model, not a real AI model">Simulated model</span>
        ) : result.model ? (
          <span className="chip">{result.model}</span>
        ) : null}
      </div>
      {result.simulated && (
        <div className="alert alert-warn" role="note">
          <strong>Answered by the built-in simulated model — not a real AI model.</strong>
          <p>
            {result.simulatedCalls
              ? `${result.simulatedCalls} model call${result.simulatedCalls === 1 ? '' : 's'} of this project ${result.simulatedCalls === 1 ? 'was' : 'were'} answered by it. `
              : ''}
            Configure a model provider for real answers.
          </p>
        </div>
      )}
      {text ? <LazyMarkdown>{text}</LazyMarkdown> : <p className="muted">The result has no summary.</p>}
      {(result.artifacts ?? []).length > 0 && (
        <>
          <h3>Artifacts</h3>
          <ul className="artifacts">
            {result.artifacts!.map((a, i) => (
              <li key={a.id ?? i}>
                <details>
                  <summary>
                    {a.title ?? a.name ?? 'Artifact'} {a.role && <span className="muted small">· {a.role}</span>}
                  </summary>
                  {a.content ? <LazyMarkdown>{a.content}</LazyMarkdown> : <p className="muted small">No content.</p>}
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
