import { useRef, useState, type FormEvent } from 'react';
import type { Project } from '../api/types';
import { useCreateProject } from '../api/queries';
import { problemOf } from '../api/problem';
import { ProblemAlert } from '../components/ProblemAlert';
import { LIMITS, toNewProject, validateProject, type DraftErrors, type ProjectDraft } from '../lib/validation';

const EMPTY: ProjectDraft = { name: '', goal: '', budget: '', requirePlanApproval: false, startNow: true };

export function NewProjectForm({ onCreated, onCancel }: { onCreated: (project: Project) => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState<ProjectDraft>(EMPTY);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [touched, setTouched] = useState(false);
  const create = useCreateProject();
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof ProjectDraft>(key: K, value: ProjectDraft[K]) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (touched) setErrors(validateProject(next));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const found = validateProject(draft);
    setErrors(found);
    const first = (['name', 'goal', 'budget'] as const).find((k) => found[k]);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`#project-${first}`)?.focus();
      return;
    }
    create.mutate(
      { project: toNewProject(draft), start: draft.startNow },
      {
        onSuccess: (project) => {
          setDraft(EMPTY);
          setTouched(false);
          onCreated(project);
        },
      },
    );
  };

  // Field errors from the server's ProblemDetail land next to their field.
  const serverErrors = create.error ? problemOf(create.error).fieldErrors : [];
  const serverError = (field: string) => serverErrors.find((e) => e.field === field || (field === 'budget' && e.field === 'budgetUsd'))?.message;
  const errorOf = (field: 'name' | 'goal' | 'budget') => errors[field] ?? serverError(field);

  const describedBy = (field: 'name' | 'goal' | 'budget', hint?: boolean) =>
    [hint ? `project-${field}-hint` : '', errorOf(field) ? `project-${field}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form ref={formRef} className="card form-card" onSubmit={submit} noValidate aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <div className="field">
        <label htmlFor="project-name">Name</label>
        <input
          id="project-name"
          value={draft.name}
          maxLength={LIMITS.name + 20}
          aria-invalid={!!errorOf('name')}
          aria-describedby={describedBy('name')}
          onChange={(e) => set('name', e.target.value)}
        />
        {errorOf('name') && <p className="field-error" id="project-name-error">{errorOf('name')}</p>}
      </div>
      <div className="field">
        <label htmlFor="project-goal">Goal</label>
        <textarea
          id="project-goal"
          rows={4}
          value={draft.goal}
          aria-invalid={!!errorOf('goal')}
          aria-describedby={describedBy('goal', true)}
          onChange={(e) => set('goal', e.target.value)}
        />
        <p className="hint" id="project-goal-hint">
          What should the agents deliver? Be specific; the planner splits this into tasks.
        </p>
        {errorOf('goal') && <p className="field-error" id="project-goal-error">{errorOf('goal')}</p>}
      </div>
      <div className="field field-narrow">
        <label htmlFor="project-budget">Budget (USD, optional)</label>
        <input
          id="project-budget"
          inputMode="decimal"
          placeholder="e.g. 5.00"
          value={draft.budget}
          aria-invalid={!!errorOf('budget')}
          aria-describedby={describedBy('budget')}
          onChange={(e) => set('budget', e.target.value)}
        />
        {errorOf('budget') && <p className="field-error" id="project-budget-error">{errorOf('budget')}</p>}
      </div>
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={draft.requirePlanApproval} onChange={(e) => set('requirePlanApproval', e.target.checked)} />
          Requires plan approval before agents start
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.startNow} onChange={(e) => set('startNow', e.target.checked)} />
          Start right away
        </label>
      </div>
      {create.error ? <ProblemAlert error={create.error} title="The project was not created" /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : draft.startNow ? 'Create and start' : 'Create project'}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
