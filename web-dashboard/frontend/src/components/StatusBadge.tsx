import { statusLabel, toneOf } from '../lib/status';

export function StatusBadge({ status, className = '' }: { status: string | undefined; className?: string }) {
  const tone = toneOf(status);
  return (
    <span
      className={`badge ${className}`}
      data-status={status}
      style={{ background: tone.bg, color: tone.fg, borderColor: tone.border }}
    >
      <span className="badge-dot" aria-hidden="true" style={{ background: tone.border }} />
      {statusLabel(status)}
    </span>
  );
}
