import type { ProjectStatus, TaskStatus } from '../api/types';

export interface Tone {
  /** fill */
  bg: string;
  /** border and accents */
  border: string;
  /** text on the fill */
  fg: string;
}

const grey: Tone = { bg: '#eef0f4', border: '#9aa3b2', fg: '#3b4252' };
const blue: Tone = { bg: '#e3efff', border: '#3b82f6', fg: '#1d4ed8' };
const indigo: Tone = { bg: '#ecebff', border: '#6d5bd0', fg: '#4c3ab3' };
const amber: Tone = { bg: '#fff4d6', border: '#e29a00', fg: '#8a5a00' };
const green: Tone = { bg: '#ddf6e6', border: '#1f9d55', fg: '#116b38' };
const red: Tone = { bg: '#fde3e3', border: '#dc2626', fg: '#a51c1c' };
const slate: Tone = { bg: '#e5e7eb', border: '#6b7280', fg: '#374151' };
const teal: Tone = { bg: '#dff3f0', border: '#0f766e', fg: '#115e59' };

export const TASK_TONES: Record<TaskStatus, Tone> = {
  PENDING: grey,
  READY: blue,
  ASSIGNED: indigo,
  RUNNING: amber,
  COMPLETED: green,
  FAILED: red,
  CANCELLED: slate,
  SKIPPED: teal,
};

export const PROJECT_TONES: Record<ProjectStatus, Tone> = {
  DRAFT: grey,
  PLANNING: blue,
  AWAITING_APPROVAL: indigo,
  RUNNING: amber,
  PAUSED: slate,
  COMPLETED: green,
  FAILED: red,
  CANCELLED: slate,
};

export function toneOf(status: string | undefined): Tone {
  if (!status) return grey;
  return (
    (TASK_TONES as Record<string, Tone>)[status] ??
    (PROJECT_TONES as Record<string, Tone>)[status] ??
    ({ UP: green, DOWN: red, OUT_OF_SERVICE: red, HEALTHY: green, UNHEALTHY: red, CONNECTED: green, ERROR: red,
       PENDING: indigo, APPROVED: green, WORKING: amber, IDLE: grey, AVAILABLE: green, UNAVAILABLE: red, REJECTED: red, ENABLED: green, DISABLED: slate } as Record<string, Tone>)[status] ??
    grey
  );
}

/** "AWAITING_APPROVAL" → "Awaiting approval" */
export function statusLabel(status: string | undefined): string {
  if (!status) return 'Unknown';
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const ACTIVE_PROJECT_STATUSES: ProjectStatus[] = ['PLANNING', 'AWAITING_APPROVAL', 'RUNNING'];
export const FINISHED_PROJECT_STATUSES: ProjectStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export function projectActions(status: ProjectStatus): { pause: boolean; resume: boolean; cancel: boolean; start: boolean } {
  return {
    start: status === 'DRAFT',
    pause: status === 'RUNNING' || status === 'PLANNING',
    // a FAILED project resumes too: what failed runs again, completed outputs are kept
    resume: status === 'PAUSED' || status === 'FAILED',
    cancel: !FINISHED_PROJECT_STATUSES.includes(status) && status !== 'DRAFT',
  };
}

/** What a person may do to a task: retry a failed (or by the failure cancelled) one, skip one not running nor done. */
export function taskActions(status: TaskStatus): { retry: boolean; skip: boolean } {
  return {
    retry: status === 'FAILED' || status === 'CANCELLED',
    skip: status === 'PENDING' || status === 'READY' || status === 'FAILED' || status === 'CANCELLED',
  };
}
