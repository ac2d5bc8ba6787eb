import type { AccessAction, AccessRecorder } from '../../../audit/index.js';
import type { LegacySystem } from '../../../schema/index.js';

/** A ministry's system, or Guichet's own store (the outbox). */
type System = LegacySystem | 'guichet';

/**
 * A visibility rule that also puts on the audit trail every record it lets through: what the caller is shown is
 * exactly what gets recorded, whatever the path (root field, list, `_entities`).
 */
export function recordedWhenVisible<V>(
  visible: (value: V) => boolean,
  access: AccessRecorder,
  system: System,
  niusOf: (value: V) => readonly string[],
  action: AccessAction = 'read',
): (value: V) => boolean {
  return (value) => {
    if (!visible(value)) return false;
    for (const niu of niusOf(value)) access.record({ niu, system, action });
    return true;
  };
}
