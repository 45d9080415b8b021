import { useState } from 'react';
import { errorMessage } from '../api/api-error';
import { downloadFile } from '../api/download';
import { useAuth } from '../auth-context';
import { ApiKeysCard } from '../components/api-keys-card';
import { DeleteAccountCard } from '../components/delete-account-card';
import { DownloadIcon } from '../components/icons';
import { PasswordCard } from '../components/password-card';
import { ProfileForm } from '../components/profile-form';
import { SessionsCard } from '../components/sessions-card';
import { useToast } from '../components/toast-provider';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatDay } from '../lib/format';
import { Link } from '../router';

export function AccountPage() {
  useDocumentTitle('Account');
  const { user } = useAuth();
  const notify = useToast();
  const [exporting, setExporting] = useState(false);
  // A password change ends the other sessions: the list is read again.
  const [sessionsKey, setSessionsKey] = useState(0);

  const exportData = async () => {
    setExporting(true);
    try {
      const name = await downloadFile('/account/export', 'dossier-account-export.json');
      notify(`Downloaded ${name}.`, 'success');
    } catch (error) {
      notify(`Download failed: ${errorMessage(error)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            Account
          </h1>
          <p className="page-sub">Your profile, sign-in, sessions, API keys and data.</p>
        </div>
      </div>

      <div className="stack">
        <section className="card form-section" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="section-title">
            Profile
          </h2>
          {user && (
            <div className="profile">
              <span className="avatar avatar-lg" aria-hidden="true">
                {(user.name || user.email).trim().charAt(0).toUpperCase()}
              </span>
              <dl className="profile-list">
                <div>
                  <dt>Name</dt>
                  <dd>{user.name || <span className="muted">Not set</span>}</dd>
                </div>
                <div>
                  <dt>Email</dt>
                  <dd>{user.email}</dd>
                </div>
                <div>
                  <dt>Role</dt>
                  <dd className="capitalise">{user.role}</dd>
                </div>
                <div>
                  <dt>Member since</dt>
                  <dd>{formatDay(user.createdAt)}</dd>
                </div>
              </dl>
            </div>
          )}
          {user && <ProfileForm key={`${user.id}:${user.email}:${user.name ?? ''}`} user={user} />}
        </section>

        <PasswordCard onChanged={() => setSessionsKey((key) => key + 1)} />

        <SessionsCard reloadKey={sessionsKey} />

        <ApiKeysCard />

        <section className="card form-section" aria-labelledby="data-heading">
          <h2 id="data-heading" className="section-title">
            Your data
          </h2>
          <p className="section-sub">
            A JSON file with everything you own in Dossier: profile, artifacts, evidence, labels, job
            descriptions, documents with every version, generations, exports, share links, imports,
            notifications, API keys (without secrets) and your audit history. Its portfolio (artifacts,
            evidence links and labels) can be restored from it on the <Link to="/import">Import</Link> page,
            here or on another Dossier.
          </p>
          <div>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => void exportData()}
              disabled={exporting}
            >
              <DownloadIcon size={15} /> {exporting ? 'Preparing download…' : 'Download my data'}
            </button>
          </div>
        </section>

        <DeleteAccountCard />
      </div>
    </>
  );
}
