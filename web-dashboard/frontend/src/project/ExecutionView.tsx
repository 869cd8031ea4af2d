import type { Execution, ExecutionStep } from '../api/types';
import { LazyMarkdown } from '../components/LazyMarkdown';
import { StatusBadge } from '../components/StatusBadge';
import { duration, time, tokens } from '../lib/format';

function StepItem({ step, index }: { step: ExecutionStep; index: number }) {
  const isTool = step.kind === 'TOOL_CALL';
  const output = step.result ?? null;
  const args = step.arguments != null ? JSON.stringify(step.arguments, null, 2) : null;
  return (
    <li className={`step ${isTool ? 'step-tool' : 'step-model'}`} data-kind={step.kind}>
      <div className="step-head">
        <span className="step-index" aria-hidden="true">
          {index + 1}
        </span>
        <span className="step-kind">{isTool ? 'Tool call' : 'Model call'}</span>
        {isTool && step.tool && <code className="step-tool-name">{step.tool}</code>}
        {!isTool && step.model && <code className="step-tool-name">{step.model}</code>}
        <span className="step-time muted small">{time(step.startedAt)}</span>
      </div>
      <dl className="step-metrics">
        <div>
          <dt>Duration</dt>
          <dd>{duration(step.durationMs)}</dd>
        </div>
        {!isTool && (
          <>
            <div>
              <dt>Input tokens</dt>
              <dd>{tokens(step.inputTokens)}</dd>
            </div>
            <div>
              <dt>Output tokens</dt>
              <dd>{tokens(step.outputTokens)}</dd>
            </div>
          </>
        )}
      </dl>
      {step.summary && <LazyMarkdown>{step.summary}</LazyMarkdown>}
      {step.error && <p className="field-error">{step.error}</p>}
      {isTool && args && args !== '{}' && (
        <details className="step-output">
          <summary>Arguments</summary>
          <pre className="code-block">{args}</pre>
        </details>
      )}
      {output && output !== step.summary && (
        <details className="step-output">
          <summary>{isTool ? 'Result' : 'Output'}</summary>
          <LazyMarkdown>{output}</LazyMarkdown>
        </details>
      )}
    </li>
  );
}

export function ExecutionView({ execution }: { execution: Execution }) {
  const steps = execution.steps ?? [];
  const totalIn = execution.inputTokens ?? steps.reduce((n, s) => n + (s.inputTokens ?? 0), 0);
  const totalOut = execution.outputTokens ?? steps.reduce((n, s) => n + (s.outputTokens ?? 0), 0);
  const totalMs = steps.reduce((n, s) => n + (s.durationMs ?? 0), 0);
  return (
    <section className="execution" aria-label="Execution steps" data-execution-id={execution.id}>
      <div className="execution-head">
        <StatusBadge status={execution.status} />
        <span className="muted small">
          {execution.model ? `${execution.model} · ` : ''}
          {steps.length} steps · {tokens(totalIn)} in / {tokens(totalOut)} out tokens · {duration(totalMs)}
        </span>
      </div>
      {execution.error && <div className="alert alert-error">{execution.error}</div>}
      {steps.length === 0 ? <p className="muted">No steps recorded yet.</p> : <ol className="steps">{steps.map((s, i) => <StepItem key={s.index ?? i} step={s} index={i} />)}</ol>}
      {execution.output && (
        <div className="execution-output">
          <h4>Final answer</h4>
          <LazyMarkdown>{execution.output}</LazyMarkdown>
        </div>
      )}
    </section>
  );
}
