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

// The explorer: its page script (served as is), and GraphiQL's and React's browser builds from node_modules, so that
// the image serves them without its development modules (gateway/explorer/explorer-files.ts).
cpSync('gateway/explorer/web/explorer.js', 'dist/gateway/explorer/web/explorer.js');
const { vendorFiles } = await import('../dist/gateway/explorer/index.js');
for (const [name, modulePath] of Object.entries(vendorFiles)) cpSync(join('node_modules', modulePath), join('dist/gateway/explorer/vendor', name));

// The supervision room's labels, written from the ministry registry (the page is compiled apart from it).
const { ministryLabelsModule, ministryLabelsModulePath } = await import('../dist/scripts/web-labels/index.js');
writeFileSync(join('dist', ministryLabelsModulePath), ministryLabelsModule());
