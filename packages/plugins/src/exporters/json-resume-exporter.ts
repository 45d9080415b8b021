import { definePlugin } from '@dossier/core/plugins';
import { buildJsonResume } from './build-json-resume.js';
import { prepareExportView } from './prepare-export-view.js';

export const jsonResumeExporter = definePlugin({
  name: 'json-resume-exporter',
  kind: 'exporter',
  version: '1.0.0',
  description: 'Maps a CV to a JSON Resume (v1.0.0) document.',
  create() {
    return {
      format: 'json-resume',
      async export({ content, options }, ctx) {
        ctx.signal.throwIfAborted();
        if (content.kind !== 'cv') {
          throw new Error('json-resume-exporter exports CVs only: JSON Resume has no cover-letter form');
        }
        const resume = buildJsonResume(prepareExportView(content, options));
        return {
          bytes: new TextEncoder().encode(`${JSON.stringify(resume, null, 2)}\n`),
          mediaType: 'application/json',
          extension: 'json',
        };
      },
    };
  },
});
