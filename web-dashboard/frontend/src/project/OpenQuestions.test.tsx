import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { jsonResponse, mockFetch, renderWithProviders } from '../test/render';
import { OpenQuestions } from './OpenQuestions';

const page = (content: unknown[]) => ({ content, page: 0, size: 50, totalElements: content.length, totalPages: 1 });
const choice = { id: 'q1', executionId: 'e1', taskId: 't1', projectId: 'p1', question: 'Which colour should the logo be?', options: ['red', 'blue'], status: 'OPEN', createdAt: '2026-01-01T10:00:00Z' };
const free = { ...choice, id: 'q2', question: 'What is the product called?', options: [] };

function serve(questions: unknown[]) {
  return mockFetch((call) => {
    if (call.url.startsWith('/api/questions?')) return jsonResponse(page(questions));
    if (call.url.startsWith('/api/questions/') && call.method === 'POST') return jsonResponse({ ...choice, status: 'ANSWERED', answer: (call.body as { answer: string }).answer });
    return jsonResponse({}, 404);
  });
}

const titles = new Map([['t1', 'Design the logo']]);

describe('OpenQuestions', () => {
  it('shows an open question with its options as buttons, and a click answers it', async () => {
    const calls = serve([choice]);
    const user = userEvent.setup();
    renderWithProviders(<AuthProvider><OpenQuestions projectId="p1" canWrite taskTitles={titles} /></AuthProvider>);

    expect(await screen.findByRole('heading', { name: 'Which colour should the logo be?' })).toBeInTheDocument();
    expect(screen.getByText(/task “Design the logo”/)).toBeInTheDocument();
    expect(calls[0].url).toBe('/api/questions?projectId=p1&status=OPEN');
    await user.click(screen.getByRole('button', { name: 'blue' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/questions/q1/answer');
    expect(post.body).toEqual({ answer: 'blue' });
  });

  it('takes a free answer in a text box and sends nothing blank', async () => {
    const calls = serve([free]);
    const user = userEvent.setup();
    renderWithProviders(<AuthProvider><OpenQuestions projectId="p1" canWrite taskTitles={titles} /></AuthProvider>);

    await user.click(await screen.findByRole('button', { name: 'Send answer' }));
    const box = screen.getByLabelText('Your answer');
    expect(box).toHaveAccessibleDescription('Write an answer first.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(box, 'Berry Bright');
    await user.click(screen.getByRole('button', { name: 'Send answer' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ answer: 'Berry Bright' }));
    expect(calls.find((c) => c.method === 'POST')!.url).toBe('/api/questions/q2/answer');
  });

  it('shows a viewer the question without a way to answer it', async () => {
    serve([free]);
    renderWithProviders(<AuthProvider><OpenQuestions projectId="p1" canWrite={false} taskTitles={titles} /></AuthProvider>);
    expect(await screen.findByRole('heading', { name: 'What is the product called?' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send answer' })).toBeNull();
    expect(screen.queryByLabelText('Your answer')).toBeNull();
  });
});
