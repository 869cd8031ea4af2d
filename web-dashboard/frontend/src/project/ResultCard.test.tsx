import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProjectResult } from '../api/types';
import { ResultCard } from './SideCards';

const result: ProjectResult = { projectId: 'p1', status: 'COMPLETED', summary: 'The launch plan.', model: 'gpt-4o-mini', simulated: false, simulatedCalls: 0 };

describe('ResultCard', () => {
  it('says clearly when the built-in simulated model answered the project', () => {
    render(<ResultCard result={{ ...result, model: 'berrys-simulated', simulated: true, simulatedCalls: 3 }} />);

    const notice = screen.getByRole('note');
    expect(notice).toHaveTextContent('Answered by the built-in simulated model — not a real AI model');
    expect(notice).toHaveTextContent('3 model calls of this project were answered by it.');
    expect(screen.getByText('Simulated model')).toBeInTheDocument();
  });

  it('shows no notice and names the model when real models answered every call', () => {
    render(<ResultCard result={result} />);

    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(screen.queryByText(/simulated model/i)).not.toBeInTheDocument();
    expect(screen.getByText('gpt-4o-mini')).toBeInTheDocument();
  });
});
