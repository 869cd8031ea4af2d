import { statusLabel } from '../lib/status';

export { dateTime } from '../lib/format';

export function statusLabelOr(value: string | undefined, fallback: string) {
  return value ? statusLabel(value) : fallback;
}
