import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../api/types';
import { TASK_TONES } from '../lib/status';
import PlanGraph from './PlanGraph';

beforeAll(() => {
  // React Flow measures nodes with ResizeObserver, which jsdom lacks.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});

const plan: Plan = {
  id: 'plan-1',
  version: 2,
  criticalPath: ['a', 'c'],
  tasks: [
    { id: 'a', title: 'Research vendors', status: 'COMPLETED', role: 'researcher', dependsOn: [] },
    { id: 'b', title: 'Collect prices', status: 'RUNNING', role: 'analyst', dependsOn: ['a'] },
    { id: 'c', title: 'Write the report', status: 'PENDING', role: 'writer', dependsOn: ['a'] },
  ],
};

describe('PlanGraph', () => {
  it('draws a node per task coloured by its status and marks the critical path', () => {
    const { container } = render(<PlanGraph plan={plan} onSelect={() => {}} />);
    const nodes = container.querySelectorAll<HTMLElement>('.task-node');
    expect(nodes).toHaveLength(3);

    const byId = (id: string) => container.querySelector<HTMLElement>(`.task-node[data-task-id="${id}"]`)!;
    expect(byId('a')).toHaveAttribute('data-status', 'COMPLETED');
    expect(byId('a')).toHaveStyle({ background: TASK_TONES.COMPLETED.bg, borderColor: TASK_TONES.COMPLETED.border });
    expect(byId('b')).toHaveStyle({ background: TASK_TONES.RUNNING.bg });
    expect(byId('b')).toHaveClass('running');
    expect(byId('c')).toHaveStyle({ background: TASK_TONES.PENDING.bg });

    expect(byId('a')).toHaveClass('critical');
    expect(byId('c')).toHaveClass('critical');
    expect(byId('b')).not.toHaveClass('critical');
    expect(within(byId('c')).getByRole('button')).toHaveAccessibleName('Write the report, Pending, on the critical path');
  });

  it('re-colours a node when its task status changes', () => {
    const { container, rerender } = render(<PlanGraph plan={plan} onSelect={() => {}} />);
    const done: Plan = { ...plan, tasks: plan.tasks.map((t) => ({ ...t, status: 'COMPLETED' })) };
    rerender(<PlanGraph plan={done} onSelect={() => {}} />);
    const statuses = [...container.querySelectorAll('.task-node')].map((n) => n.getAttribute('data-status'));
    expect(statuses).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  });

  it('lets the pointer reach the nodes, which React Flow only allows when they handle clicks', () => {
    const { container } = render(<PlanGraph plan={plan} onSelect={() => {}} />);
    const wrappers = [...container.querySelectorAll<HTMLElement>('.react-flow__node')];
    expect(wrappers).toHaveLength(3);
    wrappers.forEach((w) => expect(w.style.pointerEvents).toBe('all'));
  });

  it('selects a task from the keyboard', async () => {
    const onSelect = vi.fn();
    render(<PlanGraph plan={plan} onSelect={onSelect} selectedTaskId="b" />);
    const button = screen.getByRole('button', { name: 'Collect prices, Running' });
    expect(button).toHaveAttribute('aria-pressed', 'true');
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith('b');
  });
});
