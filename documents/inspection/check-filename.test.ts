import { describe, expect, it } from 'vitest';
import { checkFilename } from './check-filename.js';
import { DocumentRefusal } from './document-refusal.js';

describe('checkFilename', () => {
  it.each(['plan.pdf', 'Pièce d’identité (recto).jpg', 'étude-d’impact_2026.PDF', undefined, ''])('accepts %j', (name) => {
    expect(() => checkFilename(name)).not.toThrow();
  });

  it.each(['../../etc/passwd', 'dossier/plan.pdf', 'C:\\Windows\\plan.pdf', 'plan\u0000.pdf', 'plan\n.pdf', 'plan\u202egpj.exe', '..', 'x'.repeat(256)])('refuses %j', (name) => {
    let error: unknown;
    try {
      checkFilename(name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DocumentRefusal);
    expect((error as DocumentRefusal).code).toBe('BAD_USER_INPUT');
    expect((error as DocumentRefusal).status).toBe(400);
  });
});
