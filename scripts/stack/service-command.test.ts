import { describe, expect, it } from 'vitest';
import { connectedMinistries } from '../../schema/index.js';
import { gatewayNodeOptions } from './service-catalog.js';
import { serviceCommand, serviceNames } from './service-command.js';

describe('npm run service -- <name>', () => {
  it('runs any service of the stack by name, a ministry’s two processes included, from the registry', () => {
    for (const { system, subgraph } of connectedMinistries) {
      expect(serviceCommand([`legacy-${system.code}`], '/dist/')).toMatchObject({ args: [`/dist/legacy/${system.code}/main.js`] });
      expect(serviceCommand([subgraph.name], '/dist/')).toMatchObject({ args: [`/dist/subgraphs/${subgraph.name}/main.js`] });
    }
    expect(serviceCommand(['gateway'], '/dist/')).toMatchObject({ args: [gatewayNodeOptions, '/dist/gateway/main.js'] });
    expect(serviceNames()).toEqual(expect.arrayContaining(['idp', 'witness', 'dossiers', 'supervision', 'gateway', 'legacy-mines', 'energy-mines']));
  });

  it('refuses an unknown or missing name, listing the known ones', () => {
    const unknown = serviceCommand(['electricty'], '/dist/');
    expect(unknown).toEqual({
      refusal: expect.stringMatching(/^Service inconnu : « electricty » \(unknown service\)\.\nServices connus \(known services\) : idp, witness, legacy-rnec, .*, gateway\.$/),
    });
    expect(serviceCommand([], '/dist/')).toEqual({ refusal: expect.stringMatching(/^Usage : npm run service -- <nom>/) });
    expect(serviceCommand(['gateway', 'electricity'], '/dist/')).toEqual({ refusal: expect.stringMatching(/one service at a time/) });
  });
});
