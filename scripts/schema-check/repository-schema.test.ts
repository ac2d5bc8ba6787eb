import { describe, expect, it } from 'vitest';
import { runSchemaCheck } from './run-schema-check.js';

/**
 * `npm run schema:check` on the repository itself, inside `npm test`: no unaccepted breaking change between what the
 * code composes to and the committed supergraph, which must be up to date, as must docs/schema.md and the typed
 * client documents.
 */
describe('schema:check on the repository', () => {
  it('passes (the message is the report: it says what to run)', async () => {
    const { text, failed } = await runSchemaCheck();
    expect(failed, text).toBe(false);
  });
});
