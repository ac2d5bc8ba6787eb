import { describe, expect, it } from 'vitest';
import { AcceptedChangesError, parseAcceptedChanges } from './accepted-changes.js';
import { acceptedChangesPath } from './schema-check-paths.js';
import { readAcceptedChanges } from './accepted-changes.js';

const entry = { path: 'Procedure.ministry', type: 'FIELD_REMOVED', reason: 'Plus aucun client publié ne le lit (journaux de la passerelle, 90 jours).', date: '2027-03-01' };

describe('accepted changes file', () => {
  it('the committed schema/accepted-changes.json is valid', () => {
    expect(() => readAcceptedChanges(acceptedChangesPath())).not.toThrow();
  });

  it('accepts an entry with a path, a change kind, a reason and a date', () => {
    expect(parseAcceptedChanges({ accepted: [entry] })).toEqual([entry]);
  });

  it('refuses an entry without a real reason, with a bad date, a bad kind or an unknown key, naming each problem', () => {
    const invalid = {
      accepted: [
        { ...entry, reason: 'ok' },
        { ...entry, date: '01/03/2027' },
        { ...entry, type: 'removed' },
        { ...entry, by: 'x' },
      ],
    };
    expect(() => parseAcceptedChanges(invalid, 'schema/accepted-changes.json')).toThrow(AcceptedChangesError);
    expect(() => parseAcceptedChanges(invalid, 'schema/accepted-changes.json')).toThrow(
      /schema\/accepted-changes\.json is invalid:\n {2}- accepted\.0\.reason: say why[^\n]*\n {2}- accepted\.1\.date: expected a date YYYY-MM-DD\n {2}- accepted\.2\.type: expected a change kind[^\n]*\n {2}- accepted\.3: Unrecognized key/,
    );
  });

  it('a missing file accepts nothing', () => {
    expect(readAcceptedChanges('/nonexistent/accepted-changes.json')).toEqual([]);
  });
});
