import type { TJobKeyword } from '@dossier/core';

export interface KeywordRule {
  /** How the keyword is shown; for certifications matched by a pattern, the matched text is shown instead. */
  term: string;
  kind: TJobKeyword['kind'];
  pattern: RegExp;
  /** Show the matched text (full certification names such as "AWS Certified Solutions Architect"). */
  useMatch?: boolean;
}

const rule = (term: string, kind: TJobKeyword['kind'], pattern: RegExp, useMatch = false): KeywordRule => ({
  term,
  kind,
  pattern,
  useMatch,
});
// Acronyms are matched case-sensitively so "pmp" in a URL or "cpa" in a word never counts.
const word = (source: string, flags = 'i'): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, `${flags}gu`);
const acronym = (source: string): RegExp => word(source, '');

/** ATS keywords beyond the skill taxonomy: certifications, working methods, domain terms and soft skills. */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  // Certifications
  rule('AWS Certified', 'certification', /AWS Certified(?:[ \t]+(?:[A-Z][\w-]*|-|–))*(?<![ \t\-–])/gu, true),
  rule('Azure certification', 'certification', acronym('(?:AZ|DP|AI|SC|PL|MS)-\\d{3}'), true),
  rule(
    'Google Cloud Professional',
    'certification',
    /Google Cloud (?:Certified )?Professional(?: [A-Z][\w-]*){1,3}/gu,
    true,
  ),
  rule('CPA', 'certification', acronym('CPA')),
  rule('CFA', 'certification', acronym('CFA')),
  rule('ACCA', 'certification', acronym('ACCA')),
  rule('PMP', 'certification', acronym('PMP')),
  rule('CAPM', 'certification', acronym('CAPM')),
  rule('PRINCE2', 'certification', acronym('PRINCE2')),
  rule('CISSP', 'certification', acronym('CISSP')),
  rule('CISM', 'certification', acronym('CISM')),
  rule('CISA', 'certification', acronym('CISA')),
  rule('CEH', 'certification', acronym('CEH')),
  rule('OSCP', 'certification', acronym('OSCP')),
  rule('CCNA', 'certification', acronym('CCNA')),
  rule('CCNP', 'certification', acronym('CCNP')),
  rule('CKA', 'certification', acronym('CKA')),
  rule('CKAD', 'certification', acronym('CKAD')),
  rule('Certified ScrumMaster', 'certification', word('certified scrum ?master|CSM')),
  rule('PSM', 'certification', acronym('PSM(?: I{1,3})?')),
  rule('PMI-ACP', 'certification', acronym('PMI-ACP')),
  rule('ITIL', 'certification', acronym('ITIL(?: ?v?4)?')),
  rule('Six Sigma', 'certification', word('(?:lean )?six sigma(?: (?:green|black|yellow) belt)?')),
  rule('CompTIA', 'certification', /CompTIA (?:Security|Network|A|Cloud|Linux|CySA)\+/gu, true),
  rule('ISTQB', 'certification', acronym('ISTQB')),
  rule('TOGAF', 'certification', acronym('TOGAF')),
  rule('RHCE', 'certification', acronym('RHCSA|RHCE')),
  rule('CIPP', 'certification', acronym('CIPP(?:/[EU]S?)?')),
  rule('SHRM-CP', 'certification', acronym('SHRM-(?:CP|SCP)')),
  rule('Terraform Associate', 'certification', word('terraform associate')),
  // Working methods
  rule('Agile', 'method', word('agile|agil')),
  rule('Scrum', 'method', word('scrum')),
  rule('Kanban', 'method', word('kanban')),
  rule('Lean', 'method', acronym('Lean')),
  rule('SAFe', 'method', acronym('SAFe')),
  rule('TDD', 'method', word('TDD|test[- ]driven development', '')),
  rule('BDD', 'method', word('BDD|behaviou?r[- ]driven development', '')),
  rule('DDD', 'method', word('DDD|domain[- ]driven design', '')),
  rule('OKRs', 'method', word('OKRs?')),
  rule('Pair programming', 'method', word('pair[- ]programming')),
  rule('Code review', 'method', word('code reviews?')),
  rule('Continuous delivery', 'method', word('continuous (?:delivery|deployment)')),
  rule('Design thinking', 'method', word('design thinking')),
  rule('User research', 'method', word('user research|usability testing|user interviews')),
  rule('A/B testing', 'method', word('a/b[- ]tests?(?:ing)?|experimentation')),
  rule('Design systems', 'method', word('design systems?')),
  rule('Trunk-based development', 'method', word('trunk[- ]based development')),
  rule('On-call', 'method', word('on[- ]call')),
  rule('Incident management', 'method', word('incident (?:management|response)|postmortems?')),
  // Domain terms and regulation
  rule('Fintech', 'domain', word('fintech')),
  rule('Healthtech', 'domain', word('health ?tech|digital health')),
  rule('Insurtech', 'domain', word('insurtech')),
  rule('Edtech', 'domain', word('ed ?tech')),
  rule('E-commerce', 'domain', word('e-?commerce')),
  rule('SaaS', 'domain', word('SaaS', '')),
  rule('B2B', 'domain', acronym('B2B')),
  rule('B2C', 'domain', acronym('B2C')),
  rule('Marketplace', 'domain', word('marketplaces?')),
  rule('Payments', 'domain', word('payments?|zahlungsverkehr')),
  rule('Banking', 'domain', word('banking|open banking')),
  rule('Healthcare', 'domain', word('healthcare|gesundheitswesen')),
  rule('Insurance', 'domain', word('insurance|versicherung(?:en)?')),
  rule('Logistics', 'domain', word('logistics|supply chain|logistik')),
  rule('HIPAA', 'domain', acronym('HIPAA')),
  rule('GDPR', 'domain', word('GDPR|DSGVO|RGPD', '')),
  rule('SOC 2', 'domain', acronym('SOC ?2')),
  rule('PCI DSS', 'domain', acronym('PCI[- ]DSS|PCI')),
  rule('ISO 27001', 'domain', acronym('ISO ?27001')),
  rule('KYC/AML', 'domain', acronym('KYC|AML')),
  rule('PSD2', 'domain', acronym('PSD2')),
  rule('HL7/FHIR', 'domain', acronym('HL7|FHIR')),
  rule('Cybersecurity', 'domain', word('cyber ?security|information security')),
  // Soft skills
  rule(
    'Communication',
    'soft',
    word('communication(?: skills)?|communicator|kommunikationsf[äa]hig\\w*|kommunikationsstark'),
  ),
  rule('Collaboration', 'soft', word('collaborat(?:e|ion|ive)|teamwork|team player|teamf[äa]hig\\w*')),
  rule('Leadership', 'soft', word('leadership|führungserfahrung')),
  rule('Mentoring', 'soft', word('mentor(?:ing|ship)?|coaching')),
  rule('Problem solving', 'soft', word('problem[- ]solving|problem solver')),
  rule('Ownership', 'soft', word('ownership|accountability')),
  rule('Stakeholder management', 'soft', word('stakeholder(?:s| management)?')),
  rule('Attention to detail', 'soft', word('attention to detail|detail[- ]oriented')),
  rule('Self-motivated', 'soft', word('self[- ]motivated|self[- ]starter|proactive|eigeninitiative')),
  rule('Adaptability', 'soft', word('adaptab(?:le|ility)|able to adapt|anpassungsf[äa]hig\\w*')),
  rule('Time management', 'soft', word('time management|prioriti[sz](?:e|ation)')),
  rule('Critical thinking', 'soft', word('critical thinking|analytical (?:skills|thinking|mindset)')),
  rule('Presentation', 'soft', word('presentation skills|public speaking')),
  rule('Cross-functional', 'soft', word('cross[- ]functional')),
  rule('Empathy', 'soft', word('empath(?:y|etic)')),
  rule('Curiosity', 'soft', word('curio(?:us|sity)|eagerness to learn|growth mindset')),
];

// "MA" and "MS" are also US states, "BS" and "BA" other things: bare, they count only beside a slash, "in" or
// "degree" ("BS/MS in Computer Science", "a BA degree").
const BARE_DEGREE = (letters: string): string =>
  `(?:${letters})(?=\\s*(?:/|in\\s|degree|or\\s+(?:B|M)[AS]\\b))|(?<=/\\s*)(?:${letters})`;

/** Degree mentions and the canonical names they are reported under; acronyms only in capitals. */
export const DEGREE_RULES: readonly { name: string; patterns: RegExp[] }[] = [
  {
    name: 'PhD',
    patterns: [word('ph\\.? ?d\\.?|doctorate|doctoral degree|doctorat|doctorado'), acronym('PhD')],
  },
  { name: 'MBA', patterns: [acronym('MBA')] },
  {
    name: "Master's degree",
    patterns: [
      word("master['’]?s?(?: degree)?|masterabschluss|diplom"),
      acronym(`M\\.? ?Sc\\.?|M\\.S\\.|MEng|${BARE_DEGREE('MS|MA')}`),
    ],
  },
  {
    name: "Bachelor's degree",
    patterns: [
      word("bachelor['’]?s?(?: degree)?|undergraduate degree|bachelorabschluss"),
      acronym(`B\\.? ?Sc\\.?|B\\.S\\.|B\\.A\\.|BEng|B\\.Tech|${BARE_DEGREE('BS|BA')}`),
    ],
  },
  { name: 'Associate degree', patterns: [word("associate['’]?s? degree")] },
  {
    name: 'Degree',
    patterns: [
      word(
        '(?:university|college|academic) degree|degree in|hochschulabschluss|abgeschlossenes studium|studium|diplôme|titulaci[óo]n',
      ),
    ],
  },
  {
    name: 'Vocational training',
    patterns: [word('abgeschlossene ausbildung|berufsausbildung|vocational training')],
  },
];
