import type { NewProject } from '../api/types';

export interface ProjectDraft {
  name: string;
  goal: string;
  budget: string;
  requirePlanApproval: boolean;
  startNow: boolean;
}

export type DraftErrors = Partial<Record<'name' | 'goal' | 'budget', string>>;

export const LIMITS = { name: 120, goalMin: 10, goal: 4000, budgetMax: 10_000 };

export function validateProject(draft: ProjectDraft): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  const goal = draft.goal.trim();
  if (!name) errors.name = 'Give the project a name.';
  else if (name.length > LIMITS.name) errors.name = `Keep the name under ${LIMITS.name} characters.`;
  if (!goal) errors.goal = 'Describe the goal the agents should reach.';
  else if (goal.length < LIMITS.goalMin) errors.goal = `Describe the goal in at least ${LIMITS.goalMin} characters.`;
  else if (goal.length > LIMITS.goal) errors.goal = `Keep the goal under ${LIMITS.goal} characters.`;
  const budget = draft.budget.trim();
  if (budget) {
    const value = Number(budget);
    if (!/^\d+(\.\d{1,2})?$/.test(budget) || Number.isNaN(value)) errors.budget = 'Enter the budget in dollars, e.g. 5 or 12.50.';
    else if (value <= 0) errors.budget = 'The budget must be more than $0.';
    else if (value > LIMITS.budgetMax) errors.budget = `The budget can be at most $${LIMITS.budgetMax.toLocaleString('en-US')}.`;
  }
  return errors;
}

export function toNewProject(draft: ProjectDraft): NewProject {
  const budget = draft.budget.trim();
  return {
    name: draft.name.trim(),
    goal: draft.goal.trim(),
    ...(budget ? { budgetUsd: Number(budget) } : {}),
    requirePlanApproval: draft.requirePlanApproval,
  };
}
