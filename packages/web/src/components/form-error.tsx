import type { Ref } from 'react';
import type { FieldIssue } from '../api/api-error';

interface FormErrorProps {
  message: string | null;
  /** Issues that could not be shown next to a field. */
  issues?: FieldIssue[];
  ref?: Ref<HTMLDivElement>;
}

/** A form-level error summary; focusable so it can receive focus after a failed submit. */
export function FormError({ message, issues, ref }: FormErrorProps) {
  if (!message) return null;
  return (
    <div ref={ref} className="form-error" role="alert" tabIndex={-1}>
      <p className="form-error-title">{message}</p>
      {issues && issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <strong>{issue.path}: </strong> : null}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
