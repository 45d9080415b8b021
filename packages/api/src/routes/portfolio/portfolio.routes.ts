import { toJsonResume } from '@dossier/core';
import { exportPortfolio } from '../../commands/export-portfolio.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { ZPortfolioExportQuery } from './schema.js';

export const portfolioRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/portfolio/export',
    tag: 'portfolio',
    summary: 'Export the portfolio as Dossier JSON or as a JSON Resume document',
    auth: 'user',
    query: ZPortfolioExportQuery,
    response: { status: 200, description: 'The portfolio document, as an attachment' },
    async handler({ em, services, principal, input }) {
      const portfolio = await exportPortfolio({ em, services, ownerId: principal.userId });
      const day = portfolio.exportedAt.slice(0, 10);
      if (input.query.format === 'json-resume') {
        return {
          body: toJsonResume(portfolio),
          headers: { 'Content-Disposition': `attachment; filename="resume-${day}.json"` },
        };
      }
      return {
        body: portfolio,
        headers: { 'Content-Disposition': `attachment; filename="dossier-portfolio-${day}.json"` },
      };
    },
  }),
];
