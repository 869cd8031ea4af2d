import { describe, expect, it } from 'vitest';
import { mergeEvents } from './useProjectEvents';

describe('mergeEvents', () => {
  it('shows stored and live events once each, newest first', () => {
    const history = [
      { id: '1', type: 'project.started', time: '2026-01-01T10:00:00Z' },
      { id: '2', type: 'plan.created', time: '2026-01-01T10:00:05Z' },
    ];
    const live = [
      { id: '3', type: 'task.assigned', time: '2026-01-01T10:00:09Z' },
      { id: '2', type: 'plan.created', time: '2026-01-01T10:00:05Z' },
    ];
    expect(mergeEvents(live, history).map((e) => e.id)).toEqual(['3', '2', '1']);
  });
});
