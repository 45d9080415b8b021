import type { ReactNode } from 'react';
import { CheckIcon } from './icons';
import { Logo } from './logo';

const POINTS = [
  'Every project, paper and launch in one place',
  'Evidence links re-checked automatically',
  'Tailored CVs where every claim has a source',
];

export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="auth-page">
      <aside className="auth-aside">
        <div className="auth-brand">
          <Logo size={36} />
          <span className="brand-name">Dossier</span>
        </div>
        <div className="auth-pitch">
          <p className="auth-tagline">Your work, with receipts.</p>
          <p className="auth-lede">
            Keep the projects you are proud of and the proof behind them — ready for every application.
          </p>
          <ul className="auth-points">
            {POINTS.map((point) => (
              <li key={point}>
                <span className="auth-point-icon">
                  <CheckIcon size={14} />
                </span>
                {point}
              </li>
            ))}
          </ul>
        </div>
        <div className="auth-sample" aria-hidden="true">
          <div className="sample-card">
            <div className="sample-title">Payments API migration</div>
            <div className="sample-meta">Tech lead · Mar 2024 – Present</div>
            <div className="sample-chips">
              <span>TypeScript</span>
              <span>Kubernetes</span>
              <span>PostgreSQL</span>
            </div>
            <div className="sample-foot">
              <span className="badge badge-valid">✓ 3 valid</span>
              <span className="badge badge-redirected">↪ 1 redirected</span>
            </div>
          </div>
        </div>
      </aside>
      <main id="main" className="auth-main" tabIndex={-1}>
        <div className="auth-card">
          <div className="auth-card-brand">
            <Logo size={32} />
            <span className="brand-name">Dossier</span>
          </div>
          <h1 className="auth-title">{title}</h1>
          <p className="auth-subtitle">{subtitle}</p>
          {children}
        </div>
      </main>
    </div>
  );
}
