/** The portable portfolio document: what `GET /portfolio/export` writes and `tailor --portfolio` reads. */
export interface PortfolioEvidence {
  id?: string;
  url: string;
  title?: string | null;
  kind?: string;
  status?: string;
}

export interface PortfolioArtifact {
  id?: string;
  title: string;
  summary: string;
  role?: string | null;
  startDate: string;
  endDate?: string | null;
  technologies: string[];
  skills?: Array<{ id: string; name: string }>;
  collaborators: string[];
  outcomes: string[];
  visibility?: 'private' | 'public';
  evidence: PortfolioEvidence[];
  labels?: Array<{ id?: string; name: string }>;
}

export interface PortfolioLabel {
  id?: string;
  name: string;
  description?: string | null;
  colour?: string;
  skillFocus?: string[];
}

export interface PortfolioProfile {
  name: string | null;
  email: string | null;
  headline?: string | null;
  location?: string | null;
}

export interface Portfolio {
  format: 'dossier-portfolio';
  version: 1;
  exportedAt: string;
  profile: PortfolioProfile;
  labels: PortfolioLabel[];
  artifacts: PortfolioArtifact[];
}
