import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PROJECT_TONES, projectActions, statusLabel, TASK_TONES, toneOf } from '../lib/status';
import { StatusBadge } from './StatusBadge';

describe('status colouring', () => {
  it('gives every task status a distinct fill', () => {
    const fills = Object.values(TASK_TONES).map((t) => t.bg);
    expect(new Set(fills).size).toBe(fills.length);
  });

  it('colours completed green, failed red and running amber in the badge', () => {
    render(
      <>
        <StatusBadge status="COMPLETED" />
        <StatusBadge status="FAILED" />
        <StatusBadge status="RUNNING" />
        <StatusBadge status="AWAITING_APPROVAL" />
      </>,
    );
    expect(screen.getByText('Completed')).toHaveStyle({ background: '#ddf6e6', color: '#116b38' });
    expect(screen.getByText('Failed')).toHaveStyle({ background: '#fde3e3' });
    expect(screen.getByText('Running')).toHaveStyle({ background: '#fff4d6' });
    expect(screen.getByText('Awaiting approval')).toHaveAttribute('data-status', 'AWAITING_APPROVAL');
    expect(screen.getByText('Awaiting approval')).toHaveStyle({ background: PROJECT_TONES.AWAITING_APPROVAL.bg });
  });

  it('falls back to grey for an unknown status and maps health words', () => {
    expect(toneOf('SOMETHING_NEW')).toEqual(TASK_TONES.PENDING);
    expect(toneOf('UP')).toEqual(TASK_TONES.COMPLETED);
    expect(toneOf('DOWN')).toEqual(TASK_TONES.FAILED);
    expect(statusLabel('OUT_OF_SERVICE')).toBe('Out of service');
  });

  it('offers only the lifecycle actions the status allows', () => {
    expect(projectActions('RUNNING')).toEqual({ start: false, pause: true, resume: false, cancel: true });
    expect(projectActions('PAUSED')).toEqual({ start: false, pause: false, resume: true, cancel: true });
    expect(projectActions('DRAFT')).toEqual({ start: true, pause: false, resume: false, cancel: false });
    expect(projectActions('COMPLETED')).toEqual({ start: false, pause: false, resume: false, cancel: false });
  });
});
