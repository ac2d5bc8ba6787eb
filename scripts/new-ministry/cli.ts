import { runNewMinistry } from './main.js';

process.exitCode = runNewMinistry(process.argv.slice(2));
