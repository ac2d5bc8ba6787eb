import { describe, expect, it } from 'vitest';
import { committedSupergraph, editSupergraph, removeField } from '../schema-check/testing/edit-supergraph.js';
import { renderSchemaDocs } from './render-schema-docs.js';

const docs = renderSchemaDocs(committedSupergraph());
const section = (name: string) => docs.slice(docs.indexOf(`### ${name}\n`), docs.indexOf('\n### ', docs.indexOf(`### ${name}\n`) + 1));

describe('schema reference (docs/schema.md)', () => {
  it('is deterministic', () => {
    expect(renderSchemaDocs(committedSupergraph())).toBe(docs);
  });

  it('documents each field with its type, French description, owning subgraph and required scopes', () => {
    expect(section('Citizen')).toContain('| `firstName` | `String` | civil-registry | Prénom(s) (null si le RNEC ne répond pas).<br>Accès : `citizen` ou `agent` ou `citizens:read` |');
    expect(section('Query')).toContain('| `dossier` | [`Dossier`](#dossier) | dossiers | Un dossier de n’importe quel ministère');
  });

  it('documents arguments with their defaults, enum values and interface implementations', () => {
    expect(section('Citizen')).toContain('`first: Int! = 20` — Nombre de dossiers (1 à 100).');
    expect(section('DossierStatus')).toContain('| `ACTION_REQUIRED` | Le citoyen doit agir : payer, compléter le dossier, retirer un document. |');
    expect(section('Dossier')).toContain('Types possibles : [BuildingPermitApplication](#buildingpermitapplication)');
  });

  it('shows deprecations with their reason', () => {
    expect(section('Procedure')).toMatch(/\| ~~`ministry`~~ \| `String!` \| dossiers \| \*\*Déprécié\*\* : Ambigu[^|]*`ministryName`/);
  });

  it('leaves out what clients cannot see (@inaccessible, federation plumbing)', () => {
    expect(docs).not.toContain('lookup');
    expect(docs).not.toContain('join__');
  });

  it('changes when the schema does', () => {
    expect(renderSchemaDocs(editSupergraph(committedSupergraph(), removeField('PageInfo', 'endCursor')))).not.toBe(docs);
  });
});
