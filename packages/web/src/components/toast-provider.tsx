import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

export type ToastTone = 'success' | 'error' | 'info';

/** A button in the toast, such as "Undo"; the toast closes when it is pressed. */
export interface ToastAction {
  label: string;
  run: () => void;
}

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  action?: ToastAction;
}

type Notify = (message: string, tone?: ToastTone, options?: { action?: ToastAction }) => void;

const ToastContext = createContext<Notify | null>(null);

const TOAST_MS = 6000;

/**
 * Status messages for the whole app. The live region is always in the DOM (screen readers only announce
 * changes to regions that already exist) and each toast can be dismissed by keyboard.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );

  const notify = useCallback<Notify>(
    (message, tone = 'info', options = {}) => {
      const id = nextId.current++;
      const { action } = options;
      setToasts((list) => [...list.slice(-3), { id, message, tone, ...(action ? { action } : {}) }]);
      // Errors, and toasts that offer an action, stay long enough to be read and acted on.
      window.setTimeout(() => dismiss(id), tone === 'error' || action ? TOAST_MS * 2 : TOAST_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => notify, [notify]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-live="polite" aria-label="Notifications">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.tone}`}
            role={toast.tone === 'error' ? 'alert' : 'status'}
          >
            <span className="toast-icon" aria-hidden="true">
              {toast.tone === 'success' ? '✓' : toast.tone === 'error' ? '!' : 'i'}
            </span>
            <p className="toast-message">{toast.message}</p>
            {toast.action && (
              <button
                type="button"
                className="toast-action"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="toast-close"
              onClick={() => dismiss(toast.id)}
              aria-label="Dismiss"
            >
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast must be used inside <ToastProvider>');
  return notify;
}
