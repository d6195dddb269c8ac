// The `box-ai-models` command: answers --version at once, and otherwise loads the engine (cli.js, a
// bundle of its own, so that start-up reads only this file) and sets the exit code it returns.
declare const CLI_VERSION: string;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${CLI_VERSION}\n`);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { run } = require('./cli.js') as typeof import('./cli');
  run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  }).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`box-ai-models: ${error.stack ?? error.message}\n`);
      process.exitCode = 2;
    },
  );
}
