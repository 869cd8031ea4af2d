// RFC 9457 problem details, plus the field-error lists Spring and others add to them.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  fieldErrors: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }
}

type RawFieldError = {
  field?: string;
  name?: string;
  pointer?: string;
  property?: string;
  message?: string;
  detail?: string;
  defaultMessage?: string;
};

function fieldErrorsOf(body: Record<string, unknown>): FieldError[] {
  const list = (body.fieldErrors ?? body.errors ?? body.violations) as unknown;
  if (Array.isArray(list)) {
    return list
      .filter((e): e is RawFieldError => typeof e === 'object' && e !== null)
      .map((e) => ({
        field: e.field ?? e.name ?? e.property ?? (e.pointer ? e.pointer.replace(/^#?\//, '') : ''),
        message: e.message ?? e.detail ?? e.defaultMessage ?? 'is invalid',
      }));
  }
  if (list && typeof list === 'object') {
    // { "name": "must not be blank" } or { "name": ["must not be blank"] }
    return Object.entries(list as Record<string, unknown>).map(([field, message]) => ({
      field,
      message: Array.isArray(message) ? message.join(', ') : String(message),
    }));
  }
  // a single offending field named beside the detail ({"field": "budgetUsd", "detail": "..."})
  if (typeof body.field === 'string' && typeof body.detail === 'string') return [{ field: body.field, message: body.detail }];
  return [];
}

/** Turns any error response into a Problem, whether or not the server sent problem+json. */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : statusText || undefined,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : typeof b.message === 'string' ? b.message : undefined,
      instance: typeof b.instance === 'string' ? b.instance : undefined,
      fieldErrors: fieldErrorsOf(b),
    };
  }
  const text = typeof body === 'string' && body.length < 300 && !body.trimStart().startsWith('<') ? body : '';
  return { status, title: statusText || undefined, detail: text || undefined, fieldErrors: [] };
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (error instanceof TypeError) {
    return { status: 0, title: 'Network error', detail: 'The server could not be reached.', fieldErrors: [] };
  }
  return {
    status: 0,
    title: 'Unexpected error',
    detail: error instanceof Error ? error.message : String(error),
    fieldErrors: [],
  };
}
