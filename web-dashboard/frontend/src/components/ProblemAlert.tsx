import { problemOf, type Problem } from '../api/problem';

const FIELD_LABELS: Record<string, string> = { budgetUsd: 'Budget', requirePlanApproval: 'Plan approval', baseUrl: 'Base URL', apiKey: 'API key' };

function label(field: string) {
  return FIELD_LABELS[field] ?? field.charAt(0).toUpperCase() + field.slice(1);
}

/** Shows an RFC 9457 problem: its detail (or title) and any field errors it lists. */
export function ProblemAlert({ error, problem, title }: { error?: unknown; problem?: Problem; title?: string }) {
  if (!error && !problem) return null;
  const p = problem ?? problemOf(error);
  const heading = title ?? (p.status ? `${p.title ?? 'Request failed'} (${p.status})` : (p.title ?? 'Something went wrong'));
  return (
    <div className="alert alert-error" role="alert">
      <strong>{heading}</strong>
      {p.detail && p.detail !== p.title && <p>{p.detail}</p>}
      {p.fieldErrors.length > 0 && (
        <ul>
          {p.fieldErrors.map((e, i) => (
            <li key={`${e.field}-${i}`}>
              {e.field ? <span className="field-name">{label(e.field)}: </span> : null}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
