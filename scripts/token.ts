import { parseTokenArgs, requestToken, TokenRequestError, TokenUsageError, tokenUsage } from '../idp/token-cli.js';

/**
 * `npm run -s token -- --role citizen --niu <NIU>`: prints a token from the running IdP (IDP_URL, default
 * http://127.0.0.1:4300) and nothing else on stdout, so that `TOKEN=$(npm run -s token -- …)` works.
 * Bad arguments: usage on stderr, exit 2. IdP unreachable or refusing: one line on stderr, exit 1.
 */
try {
  const command = parseTokenArgs(process.argv.slice(2), process.env);
  if (command.kind === 'help') {
    process.stdout.write(`${tokenUsage}\n`);
  } else {
    process.stdout.write(`${await requestToken(command)}\n`);
  }
} catch (error) {
  if (error instanceof TokenUsageError) {
    process.stderr.write(`${error.message}\n\n${tokenUsage}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof TokenRequestError ? error.message : `Échec inattendu : ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
}
