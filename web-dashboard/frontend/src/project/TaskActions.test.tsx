import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '../test/render';
import { TaskActions } from './TaskPanel';

const failed = { id: 't1', projectId: 'p1', title: 'Build', status: 'FAILED' } as Task;

describe('TaskActions', () => {
  it('retries a failed task', async () => {
    const calls = mockFetch(() => jsonResponse({ ...failed, status: 'READY' }));
    const user = userEvent.setup();
    renderWithProviders(<TaskActions task={failed} />);

    await user.click(screen.getByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.url).toBe('/api/tasks/t1/retry');
  });

  it('asks for a reason before skipping and sends nothing without one', async () => {
    const calls = mockFetch(() => jsonResponse({ ...failed, status: 'SKIPPED' }));
    const user = userEvent.setup();
    renderWithProviders(<TaskActions task={failed} />);

    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByLabelText('Reason')).toHaveAccessibleDescription('Say why the task is skipped: its dependants are told.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText('Reason'), 'Not needed');
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/tasks/t1/skip');
    expect(post.body).toEqual({ reason: 'Not needed' });
  });

  it('offers nothing for a running or completed task', () => {
    mockFetch(() => jsonResponse({}));
    const { container } = renderWithProviders(<TaskActions task={{ ...failed, status: 'RUNNING' }} />);
    expect(container).toBeEmptyDOMElement();
    renderWithProviders(<TaskActions task={{ ...failed, status: 'COMPLETED' }} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
