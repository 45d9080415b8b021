import { normalizeSkill } from '../../commands/normalize-skill.js';
import { searchSkills } from '../../commands/search-skills.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentSkill, presentSkillRef } from '../../presenters/present-skill.js';
import { ZSkillList, ZSkillNormalization, ZSkillNormalizeQuery, ZSkillSearchQuery } from './schema.js';

export const skillRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/skills',
    tag: 'skills',
    summary: 'Search the skill taxonomy by name or alias; without q, the first skills by name',
    auth: 'user',
    query: ZSkillSearchQuery,
    response: { status: 200, schema: ZSkillList },
    async handler({ services, input }) {
      const { q, limit } = input.query;
      return { body: { items: searchSkills({ taxonomy: services.taxonomy, q, limit }).map(presentSkill) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/skills/normalize',
    tag: 'skills',
    summary: 'Map a free-text skill name to its canonical skill, with suggestions',
    auth: 'user',
    query: ZSkillNormalizeQuery,
    response: { status: 200, schema: ZSkillNormalization },
    async handler({ services, input }) {
      const { name } = input.query;
      const { match, suggestions } = normalizeSkill({ taxonomy: services.taxonomy, name });
      return {
        body: {
          input: name,
          match: match ? presentSkillRef(match) : null,
          suggestions: suggestions.map(presentSkillRef),
        },
      };
    },
  }),
];
