// A process that only exports PDFs, as a worker would: measure-chromium.mjs sends it the CV content once, then
// asks for one export at a time and gets back the wall and CPU time of that export. Keeping the exporter out of
// the process that drives Chromium keeps the driver's protocol traffic and garbage out of our figures.
import { exportContext, loadPipeline } from './load-pipeline.mjs';

const pipeline = await loadPipeline();
const pdfExporter = await pipeline.registry.get('pdf-exporter').handler(pipeline.deps);
let content = null;

process.on('message', async (message) => {
  if (message.type === 'content') {
    content = message.content;
    process.send({ type: 'ready' });
    return;
  }
  if (message.type === 'export') {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { bytes } = await pdfExporter.export({ content }, exportContext());
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    process.send({ type: 'exported', ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes });
  }
});
process.send({ type: 'loaded' });
