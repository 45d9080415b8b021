import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { downloadFile } from '../api/download';
import { DownloadIcon } from './icons';
import { useToast } from './toast-provider';

type Format = 'dossier' | 'json-resume';

const FORMATS: Record<
  Format,
  { label: string; short: string; fallbackName: string; query?: Record<string, string> }
> = {
  dossier: { label: 'Export Dossier JSON', short: 'Dossier JSON', fallbackName: 'dossier-portfolio.json' },
  'json-resume': {
    label: 'Export JSON Resume',
    short: 'JSON Resume',
    fallbackName: 'resume.json',
    query: { format: 'json-resume' },
  },
};

export function ExportButtons() {
  const notify = useToast();
  const [busy, setBusy] = useState<Format | null>(null);

  const run = async (format: Format) => {
    const spec = FORMATS[format];
    setBusy(format);
    try {
      const name = await downloadFile('/portfolio/export', spec.fallbackName, spec.query);
      notify(`Downloaded ${name}.`, 'success');
    } catch (error) {
      notify(`Export failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="button-group export-buttons">
      <span className="export-label" aria-hidden="true">
        Export
      </span>
      {(Object.keys(FORMATS) as Format[]).map((format) => (
        <button
          key={format}
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => void run(format)}
          disabled={busy !== null}
          aria-busy={busy === format}
          aria-label={FORMATS[format].label}
        >
          <DownloadIcon size={14} />
          {FORMATS[format].short}
        </button>
      ))}
    </div>
  );
}
