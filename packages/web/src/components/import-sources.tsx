import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { importFile, importText } from '../api/imports';
import { Field } from './field';
import { UploadIcon } from './icons';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT =
  '.pdf,.docx,.md,.markdown,.json,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,application/json';
const EXTENSIONS = /\.(pdf|docx|md|markdown|json)$/i;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface ImportSourcesProps {
  /** Another action on the page is running. */
  disabled: boolean;
  /** Called with the import id once the server has queued it. */
  onStarted: (id: string) => void;
}

/** The two ways in: a resume file (picked or dropped), or pasted Markdown / JSON Resume. */
export function ImportSources({ disabled, onStarted }: ImportSourcesProps) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<'upload' | 'paste' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const fileHintId = useId();

  const choose = (chosen: File | null) => {
    setFileError(undefined);
    if (!chosen) {
      setFile(null);
      return;
    }
    if (chosen.size > MAX_BYTES) {
      setFileError(`That file is ${formatSize(chosen.size)}; the limit is 10 MB.`);
      setFile(null);
      return;
    }
    if (!EXTENSIONS.test(chosen.name)) {
      setFileError('Choose a PDF, DOCX, Markdown (.md), JSON Resume or Dossier export (.json) file.');
      setFile(null);
      return;
    }
    setFile(chosen);
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a file first, or drop one on the box.');
      inputRef.current?.focus();
      return;
    }
    setBusy('upload');
    try {
      const answer = await importFile(file);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onStarted(answer.id);
    } catch (error) {
      setFileError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const importPasted = async (event: FormEvent) => {
    event.preventDefault();
    const text = paste.trim();
    if (!text) {
      setPasteError('Paste your resume as Markdown, or a JSON Resume document.');
      return;
    }
    let body: { markdown: string } | { jsonResume: unknown } | { portfolio: unknown } = { markdown: text };
    if (text.startsWith('{')) {
      try {
        const json = JSON.parse(text) as { format?: unknown };
        // Dossier's own portfolio and account exports are restored; any other JSON is read as a JSON Resume.
        body =
          json.format === 'dossier-portfolio' || json.format === 'dossier-account-export'
            ? { portfolio: json }
            : { jsonResume: json };
      } catch {
        setPasteError('That looks like JSON but does not parse. Check it, or paste Markdown instead.');
        return;
      }
    }
    setPasteError(undefined);
    setBusy('paste');
    try {
      const answer = await importText(body);
      setPaste('');
      onStarted(answer.id);
    } catch (error) {
      setPasteError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files?.[0] ?? null;
    choose(dropped);
  };

  return (
    <div className="import-grid">
      <section className="card form-section" aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="section-title">
          <UploadIcon size={18} /> Upload a file
        </h2>
        <form className="form-stack" onSubmit={(event) => void upload(event)} noValidate>
          {/* Dropping is a pointer shortcut; the file input inside is the keyboard and screen reader path. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: see above */}
          <div
            className={`dropzone${dragging ? ' is-dragging' : ''}${file ? ' has-file' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <UploadIcon size={28} />
            <p className="dropzone-title">{file ? file.name : 'Drop your resume here'}</p>
            <p id={fileHintId} className="muted small">
              {file
                ? formatSize(file.size)
                : 'PDF, DOCX, Markdown, JSON Resume or a Dossier export · up to 10 MB'}
            </p>
            <Field id="resume-file" label="Resume file" error={fileError} className="dropzone-field">
              {(control) => (
                <input
                  {...control}
                  ref={inputRef}
                  type="file"
                  className="file-input"
                  accept={ACCEPT}
                  aria-describedby={[control['aria-describedby'], fileHintId].filter(Boolean).join(' ')}
                  onChange={(event) => choose(event.target.files?.[0] ?? null)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="btn btn-primary" disabled={disabled || busy !== null}>
            {busy === 'upload' ? 'Uploading…' : 'Upload'}
          </button>
        </form>
      </section>

      <section className="card form-section" aria-labelledby="paste-heading">
        <h2 id="paste-heading" className="section-title">
          Or paste it
        </h2>
        <form className="form-stack" onSubmit={(event) => void importPasted(event)} noValidate>
          <Field
            label="Markdown or JSON Resume"
            hint="Headings for roles or projects, bullets for what you did; or a jsonresume.org document, or a Dossier export to restore."
            error={pasteError}
          >
            {(control) => (
              <textarea
                {...control}
                className="input textarea mono-area"
                rows={10}
                value={paste}
                placeholder={'## Payments API migration\nTech lead · 2024 – now\n- Cut p95 latency by 40%'}
                onChange={(event) => setPaste(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={disabled || busy !== null}>
            {busy === 'paste' ? 'Sending…' : 'Import text'}
          </button>
        </form>
      </section>
    </div>
  );
}
