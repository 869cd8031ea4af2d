import { describe, expect, it } from 'vitest';
import { toNewProject, validateProject, type ProjectDraft } from './validation';

const valid: ProjectDraft = { name: 'Market study', goal: 'Compare three CRM vendors on price', budget: '12.50', requirePlanApproval: true, startNow: true };

describe('validateProject', () => {
  it('accepts a complete draft', () => {
    expect(validateProject(valid)).toEqual({});
  });

  it('requires a name and a goal of at least ten characters', () => {
    expect(validateProject({ ...valid, name: '   ', goal: 'short' })).toEqual({
      name: 'Give the project a name.',
      goal: 'Describe the goal in at least 10 characters.',
    });
  });

  it.each([
    ['abc', 'Enter the budget in dollars, e.g. 5 or 12.50.'],
    ['-3', 'Enter the budget in dollars, e.g. 5 or 12.50.'],
    ['1.234', 'Enter the budget in dollars, e.g. 5 or 12.50.'],
    ['0', 'The budget must be more than $0.'],
    ['10001', 'The budget can be at most $10,000.'],
  ])('rejects the budget %s', (budget, message) => {
    expect(validateProject({ ...valid, budget }).budget).toBe(message);
  });

  it('leaves the budget out when it is empty and trims text', () => {
    expect(toNewProject({ ...valid, name: '  A  ', goal: ' Do the thing well ', budget: ' ' })).toEqual({
      name: 'A',
      goal: 'Do the thing well',
      requirePlanApproval: true,
    });
    expect(toNewProject(valid).budgetUsd).toBe(12.5);
  });
});
