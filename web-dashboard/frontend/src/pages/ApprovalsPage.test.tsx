import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { jsonResponse, mockFetch, renderWithProviders } from '../test/render';
import ApprovalsPage from './ApprovalsPage';

const pending = {
  content: [{ id: 'a1', projectId: 'p1', planId: 'pl1', planVersion: 2, status: 'PENDING', summary: 'Five tasks, **two** in parallel.', createdAt: '2026-01-01T10:00:00Z' }],
  page: 0,
  size: 20,
  totalElements: 1,
  totalPages: 1,
};

function serve() {
  return mockFetch((call) => {
    if (call.url.startsWith('/api/approvals?')) return jsonResponse(pending);
    if (call.url === '/api/projects/p1') return jsonResponse({ id: 'p1', name: 'Vendor study', status: 'AWAITING_APPROVAL' });
    if (call.url.startsWith('/api/approvals/a1/')) return jsonResponse({ ...pending.content[0], status: 'APPROVED' });
    return jsonResponse({}, 404);
  });
}

describe('ApprovalsPage', () => {
  it('names the project and plan version of each pending approval', async () => {
    serve();
    renderWithProviders(<AuthProvider><ApprovalsPage /></AuthProvider>);
    expect(await screen.findByRole('heading', { name: 'Plan v2 needs approval' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Vendor study' })).toHaveAttribute('href', '/projects/p1');
  });

  it('asks for a comment before rejecting and sends nothing without one', async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithProviders(<AuthProvider><ApprovalsPage /></AuthProvider>);
    await user.click(await screen.findByRole('button', { name: 'Reject' }));

    const comment = screen.getByLabelText('Comment');
    expect(comment).toHaveFocus();
    expect(comment).toHaveAccessibleDescription('Say what the next plan should change: a comment is required to reject.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(comment, 'Split the research task');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/approvals/a1/reject');
    expect(post.body).toEqual({ comment: 'Split the research task' });
  });

  it('approves with the optional comment', async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithProviders(<AuthProvider><ApprovalsPage /></AuthProvider>);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/approvals/a1/approve' && c.method === 'POST')).toBe(true));
  });
});
