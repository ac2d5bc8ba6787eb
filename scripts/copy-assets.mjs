// tsc copies no non-TypeScript files: copy the assets services read at run time (WSDL, static files) into dist/.
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = ['legacy', 'adapters', 'gateway', 'subgraphs', 'schema', 'supervision-web', 'scripts/new-ministry'];
const assetPattern = /\.(wsdl|xsd|graphql|html|css|svg|png|json|tmpl)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (assetPattern.test(name)) cpSync(path, join('dist', relative('.', path)));
  }
}

for (const root of roots) if (existsSync(root)) walk(root);

// The supervision room's labels, written from the ministry registry (the page is compiled apart from it).
const { ministryLabelsModule, ministryLabelsModulePath } = await import('../dist/scripts/web-labels/index.js');
writeFileSync(join('dist', ministryLabelsModulePath), ministryLabelsModule());
