// The baseline: a bare Koa hello-world, one process. Usage: node bench/api/koa-hello.mjs <port>
import Koa from 'koa';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
const app = new Koa();
app.use((ctx) => {
  ctx.body = 'Hello World';
});
const server = app.listen(port, '127.0.0.1', () =>
  console.log(`koa hello-world on ${server.address().port}`),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
