import { runService } from '../lib/service/index.js';
import { readIdpConfig } from './config.js';
import { startIdp } from './start-idp.js';

await runService({ name: 'idp', readConfig: readIdpConfig, start: startIdp });
