import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { fetchEvalReportHtml } from '../api/eval';

/**
 * The harness's self-contained HTML report. It needs the bearer token, so it is fetched, then shown in a
 * sandboxed frame (its scripts run, but in an opaque origin without the app's session) or saved as a file.
 */
export function EvalHtmlReport({ runId, name }: { runId: string; name: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (): Promise<string | null> => {
    if (html) return html;
    setPending(true);
    setError(null);
    try {
      const text = await fetchEvalReportHtml(runId);
      setHtml(text);
      return text;
    } catch (err) {
      setError(errorMessage(err));
      return null;
    } finally {
      setPending(false);
    }
  };

  const [shown, setShown] = useState(false);

  const download = async () => {
    const text = await load();
    if (!text) return;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/html' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `evaluation-${name.replace(/[^\w.-]+/g, '-').slice(0, 60) || runId}.html`;
    anchor.style.display = 'none';
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="eval-section" aria-labelledby="html-heading">
      <div className="eval-section-head">
        <h2 id="html-heading" className="section-title">
          HTML report
        </h2>
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            aria-expanded={shown}
            disabled={pending}
            onClick={async () => {
              if (shown) setShown(false);
              else if (await load()) setShown(true);
            }}
          >
            {pending ? 'Loading…' : shown ? 'Hide report' : 'Show HTML report'}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            disabled={pending}
            onClick={() => void download()}
          >
            Download report.html
          </button>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {shown && html && (
        <iframe
          className="eval-report-frame"
          title={`Evaluation report: ${name}`}
          sandbox="allow-scripts"
          srcDoc={html}
        />
      )}
    </section>
  );
}
