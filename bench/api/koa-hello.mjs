// The baseline: a bare Koa hello-world, one process. Usage: node bench/api/koa-hello.mjs <port> [body.json]
// With a file it answers that file's text as JSON instead (the same bytes as one of the API's list pages).
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
const page = process.argv[3] ? readFileSync(process.argv[3], 'utf8') : undefined;
const app = new Koa();
app.use((ctx) => {
  if (page === undefined) {
    ctx.body = 'Hello World';
  } else {
    ctx.type = 'application/json';
    ctx.body = page;
  }
});
const server = app.listen(port, '127.0.0.1', () =>
  console.log(`koa hello-world on ${server.address().port}`),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
