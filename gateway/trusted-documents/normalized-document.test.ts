import { describe, expect, it } from 'vitest';
import { normalizedDocumentKey } from './normalized-document.js';

const apollo = 'query A($r: ID!) {\n  dossier(reference: $r) {\n    reference\n    ...F\n    __typename\n  }\n}\n\nfragment F on Dossier {\n  status\n  __typename\n}';

describe('normalizedDocumentKey', () => {
  const key = normalizedDocumentKey(apollo);
  // Every way a client may print the same document: each must match, each variant below must not.
  const same = [
    'query A($r: ID!) { dossier(reference: $r) { reference ...F } } fragment F on Dossier { status }',
    '# urql\nfragment F on Dossier { status __typename }\nquery A($r: ID!) { dossier(reference: $r) { __typename reference ...F } }',
    'query A($r:ID!){dossier(reference:$r){reference,...F,__typename}}fragment F on Dossier{__typename status}',
  ];
  const different = [
    'query A($r: ID!) { dossier(reference: $r) { reference ...F nextAction } } fragment F on Dossier { status }',
    'query A($r: ID!) { dossier(reference: $r) { reference ...F t: __typename } } fragment F on Dossier { status }',
    'query A($r: ID!) { dossier(reference: $r) { reference ...F __typename @include(if: true) } } fragment F on Dossier { status }',
    'query B($r: ID!) { dossier(reference: $r) { reference ...F } } fragment F on Dossier { status }',
    'query A($r: ID) { dossier(reference: $r) { reference ...F } } fragment F on Dossier { status }',
    'query A($r: ID!) { dossier(reference: $r) { reference ...F } } fragment F on Dossier { status } fragment G on Dossier { status }',
  ];
  it.each(same)('matches the same document as another client prints it: %s', (text) => {
    expect(normalizedDocumentKey(text)).toBe(key);
  });
  it.each(different)('does not match a different document: %s', (text) => {
    expect(normalizedDocumentKey(text)).not.toBe(key);
  });
  it('matches nothing when the text does not parse, or has more tokens than allowed', () => {
    expect(normalizedDocumentKey('query A {')).toBeUndefined();
    expect(normalizedDocumentKey(same[0]!, 10)).toBeUndefined();
    expect(normalizedDocumentKey(same[0]!, 100)).toBe(key);
  });
});
