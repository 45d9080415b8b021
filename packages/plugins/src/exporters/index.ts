import type { AnyPlugin } from '@dossier/core/plugins';
import { docxExporter } from './docx-exporter.js';
import { htmlExporter } from './html-exporter.js';
import { jsonResumeExporter } from './json-resume-exporter.js';
import { markdownExporter } from './markdown-exporter.js';
import { pdfExporter } from './pdf-exporter.js';
import { textExporter } from './text-exporter.js';

export { BROKEN_LINK_MARKER } from './prepare-export-view.js';
export { docxExporter, htmlExporter, jsonResumeExporter, markdownExporter, pdfExporter, textExporter };

/** Every built-in exporter: pdf, docx, md, html, txt, json-resume. */
export const exporterPlugins: AnyPlugin[] = [
  pdfExporter,
  docxExporter,
  markdownExporter,
  htmlExporter,
  textExporter,
  jsonResumeExporter,
];
