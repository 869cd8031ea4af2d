import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError, problemOf, toProblem } from '../api/problem';
import { ProblemAlert } from './ProblemAlert';

describe('toProblem', () => {
  it('reads RFC 9457 fields and an `errors` array of field errors', () => {
    const p = toProblem(422, {
      type: 'https://berrys.dev/problems/validation',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Two fields are invalid.',
      errors: [
        { field: 'name', message: 'must not be blank' },
        { pointer: '#/goal', detail: 'is too short' },
      ],
    });
    expect(p).toEqual({
      type: 'https://berrys.dev/problems/validation',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Two fields are invalid.',
      instance: undefined,
      fieldErrors: [
        { field: 'name', message: 'must not be blank' },
        { field: 'goal', message: 'is too short' },
      ],
    });
  });

  it('reads a `fieldErrors` object keyed by field', () => {
    expect(toProblem(400, { title: 'Bad Request', fieldErrors: { baseUrl: 'must be a URL', name: ['too long', 'taken'] } }).fieldErrors).toEqual([
      { field: 'baseUrl', message: 'must be a URL' },
      { field: 'name', message: 'too long, taken' },
    ]);
  });

  it('reads a single `field` named beside the detail', () => {
    expect(toProblem(400, { status: 400, detail: "Field 'budgetUsd' has a value of the wrong type or form.", field: 'budgetUsd' }).fieldErrors).toEqual([
      { field: 'budgetUsd', message: "Field 'budgetUsd' has a value of the wrong type or form." },
    ]);
  });

  it('never shows an HTML error page as the detail', () => {
    expect(toProblem(502, '<html><body>Bad gateway</body></html>', 'Bad Gateway')).toEqual({ status: 502, title: 'Bad Gateway', detail: undefined, fieldErrors: [] });
  });

  it('describes a failed network call', () => {
    expect(problemOf(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, detail: 'The server could not be reached.' });
  });
});

describe('ProblemAlert', () => {
  it('announces the title, status, detail and every field error', () => {
    const error = new ApiError(
      toProblem(409, {
        type: 'https://berrys.dev/problems/illegal-transition',
        title: 'Conflict',
        status: 409,
        detail: 'A COMPLETED project cannot be paused.',
        errors: [{ field: 'budgetUsd', message: 'is below the cost so far' }],
      }),
    );
    render(<ProblemAlert error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Conflict (409)');
    expect(alert).toHaveTextContent('A COMPLETED project cannot be paused.');
    expect(screen.getByRole('listitem')).toHaveTextContent('Budget: is below the cost so far');
  });

  it('uses the caller title when given and renders nothing without an error', () => {
    const { container, rerender } = render(<ProblemAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
    rerender(<ProblemAlert error={new ApiError(toProblem(401, { detail: 'Bad credentials' }))} title="Could not sign in" />);
    expect(screen.getByRole('alert')).toHaveTextContent(/^Could not sign in\s*Bad credentials$/);
    expect(screen.getByRole('alert')).not.toHaveTextContent('401');
  });
});
