import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { dateTime } from '../lib/format';
import { TaskWaiting } from './TaskPanel';

const running = { id: 't1', projectId: 'p1', title: 'Write the report', status: 'RUNNING' } as Task;

describe('TaskWaiting', () => {
  it('says what the task waits for and since when', () => {
    const since = '2026-01-02T03:04:05Z';
    render(
      <TaskWaiting task={{ ...running, waitingReason: 'waiting: model-orchestration unavailable: HTTP 503', waitingSince: since }} />,
    );

    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(`waiting: model-orchestration unavailable: HTTP 503 since ${dateTime(since)}`);
    expect(status.querySelector('time')).toHaveAttribute('datetime', since);
  });

  it('shows nothing for a task that does not wait', () => {
    const { container } = render(<TaskWaiting task={running} />);
    expect(container).toBeEmptyDOMElement();
  });
});
