import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, renderWithProviders } from '../test/render';
import { NewProjectForm } from './NewProjectForm';

describe('NewProjectForm', () => {
  it('shows a message next to each invalid field, focuses the first and sends nothing', async () => {
    const calls = mockFetch(() => jsonResponse({}));
    const user = userEvent.setup();
    renderWithProviders(<NewProjectForm onCreated={vi.fn()} />);

    await user.type(screen.getByLabelText('Budget (USD, optional)'), 'lots');
    await user.click(screen.getByRole('button', { name: 'Create and start' }));

    const name = screen.getByLabelText('Name');
    expect(name).toHaveFocus();
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Give the project a name.');
    expect(screen.getByLabelText('Goal')).toHaveAccessibleDescription(/Describe the goal the agents should reach\./);
    expect(screen.getByLabelText('Budget (USD, optional)')).toHaveAccessibleDescription('Enter the budget in dollars, e.g. 5 or 12.50.');
    expect(calls).toHaveLength(0);

    // messages clear as the user fixes the fields
    await user.type(name, 'Vendor study');
    expect(name).toHaveAttribute('aria-invalid', 'false');
  });

  it('creates the project, starts it and reports the started project', async () => {
    const calls = mockFetch((call) => {
      if (call.url === '/api/projects') return jsonResponse({ id: 'p1', name: 'Vendor study', status: 'DRAFT' }, 201);
      if (call.url === '/api/projects/p1/start') return jsonResponse({ id: 'p1', name: 'Vendor study', status: 'PLANNING' });
      return jsonResponse({}, 404);
    });
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<NewProjectForm onCreated={onCreated} />);

    await user.type(screen.getByLabelText('Name'), 'Vendor study');
    await user.type(screen.getByLabelText('Goal'), 'Compare three CRM vendors');
    await user.type(screen.getByLabelText('Budget (USD, optional)'), '5');
    await user.click(screen.getByLabelText('Requires plan approval before agents start'));
    await user.click(screen.getByRole('button', { name: 'Create and start' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'p1', status: 'PLANNING' })));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/projects', 'POST /api/projects/p1/start']);
    expect(calls[0].body).toEqual({ name: 'Vendor study', goal: 'Compare three CRM vendors', budgetUsd: 5, requirePlanApproval: true });
  });

  it('does not start the project when "Start right away" is unticked', async () => {
    const calls = mockFetch(() => jsonResponse({ id: 'p2', name: 'Later', status: 'DRAFT' }, 201));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<NewProjectForm onCreated={onCreated} />);

    await user.type(screen.getByLabelText('Name'), 'Later');
    await user.type(screen.getByLabelText('Goal'), 'Write a release note draft');
    await user.click(screen.getByLabelText('Start right away'));
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(calls.map((c) => c.url)).toEqual(['/api/projects']);
  });

  it('shows the server ProblemDetail and puts its field errors next to the fields', async () => {
    mockFetch(() =>
      jsonResponse(
        {
          type: 'https://berrys.dev/problems/validation',
          title: 'Bad Request',
          status: 400,
          detail: 'The project is invalid.',
          fieldErrors: [{ field: 'budgetUsd', message: 'exceeds the tenant budget' }],
        },
        400,
        'application/problem+json',
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<NewProjectForm onCreated={vi.fn()} />);

    await user.type(screen.getByLabelText('Name'), 'Big one');
    await user.type(screen.getByLabelText('Goal'), 'Index every document we have');
    await user.type(screen.getByLabelText('Budget (USD, optional)'), '9000');
    await user.click(screen.getByRole('button', { name: 'Create and start' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The project was not created');
    expect(alert).toHaveTextContent('The project is invalid.');
    expect(alert).toHaveTextContent('Budget: exceeds the tenant budget');
    expect(screen.getByLabelText('Budget (USD, optional)')).toHaveAccessibleDescription('exceeds the tenant budget');
  });
});
