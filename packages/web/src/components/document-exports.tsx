import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { exportDocument } from '../api/documents';
import type { DocumentKind, ExportFormat } from '../api/tailoring-types';
import type { Features } from '../api/types';
import { useFeatures } from '../features-context';
import { DownloadIcon } from './icons';
import { useToast } from './toast-provider';

const FORMATS: { format: ExportFormat; short: string; hint: string; flag?: keyof Features }[] = [
  { format: 'pdf', short: 'PDF', hint: 'For sending and printing', flag: 'exportPdf' },
  {
    format: 'docx',
    short: 'DOCX',
    hint: 'Word, for further editing',
    flag: 'exportDocx',
  },
  { format: 'md', short: 'Markdown', hint: 'Plain text with structure' },
  { format: 'html', short: 'HTML', hint: 'A web page' },
  { format: 'txt', short: 'Text', hint: 'For pasting into forms' },
  {
    format: 'json-resume',
    short: 'JSON Resume',
    hint: 'jsonresume.org schema',
  },
];

interface DocumentExportsProps {
  documentId: string;
  kind: DocumentKind;
  title: string;
  /** The version being viewed, when it is not the current one. */
  version?: number | undefined;
}

/** A download button per format the server offers; PDF and DOCX follow their feature flags. */
export function DocumentExports({ documentId, kind, title, version }: DocumentExportsProps) {
  const { features } = useFeatures();
  const notify = useToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const formats = FORMATS.filter(
    (entry) => (!entry.flag || features[entry.flag]) && (entry.format !== 'json-resume' || kind === 'cv'),
  );

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const name = await exportDocument(documentId, format, title, version);
      notify(`Downloaded ${name}.`, 'success');
    } catch (error) {
      notify(`Export failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card side-card" aria-labelledby="export-heading">
      <h2 id="export-heading" className="section-title">
        <DownloadIcon size={18} /> Export
      </h2>
      {version !== undefined && <p className="muted small">Exports version {version}.</p>}
      <div className="export-grid">
        {formats.map((entry) => (
          <button
            key={entry.format}
            type="button"
            className="export-tile"
            onClick={() => void run(entry.format)}
            disabled={busy !== null}
            aria-busy={busy === entry.format}
            title={entry.hint}
          >
            {/* Named by its visible text ("Export" is read, not shown): a label that differs from what is shown
                trips up speech input. */}
            <span className="sr-only">Export </span>
            <span className="export-tile-name">{busy === entry.format ? 'Preparing…' : entry.short}</span>
            <span className="export-tile-hint" aria-hidden="true">
              {entry.hint}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
