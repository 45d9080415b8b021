import type { GenerateOptions } from '@dossier/core';

export type Tone = GenerateOptions['tone'];

/** What one body paragraph is made of; the wording decides how to say it in each tone. */
export interface ParagraphFacts {
  title: string;
  role: string | null;
  organization: string | null;
  /** The artifact's first summary sentence, or null when the length leaves it out. */
  summary: string | null;
  /** The outcome with a figure, already phrased, and whether it opens with a verb that can follow "I". */
  outcome: string | null;
  outcomeVerbLed: boolean;
  /** The skills named by the job requirement this work answers, as a list in the job's spelling. */
  requirement: string | null;
  /** The job's skills this artifact has, in the job's spelling, as a list ("Golang, Postgres and gRPC"). */
  skills: string | null;
  /** What the first evidence link is ("pull request"), or null without one. */
  evidence: string | null;
}

export interface LetterWording {
  greeting(company: string | null): string;
  opening(target: string, skills: string | null): string[];
  paragraph(facts: ParagraphFacts): string[];
  closing(company: string | null): string;
  signOff: string;
}

const joinFacts = (parts: Array<string | null | false>): string[] =>
  parts.filter((p): p is string => Boolean(p));

const FORMAL: LetterWording = {
  greeting: () => 'Dear Hiring Manager,',
  opening: (target, skills) =>
    joinFacts([
      `I am writing to apply for the ${target}.`,
      skills && `My background in ${skills} matches the core requirements of the role.`,
    ]),
  paragraph: (f) =>
    joinFacts([
      f.role && f.organization
        ? `As ${f.role} at ${f.organization}, I worked on ${f.title}.`
        : f.organization
          ? `At ${f.organization}, I worked on ${f.title}.`
          : f.role
            ? `As ${f.role}, I worked on ${f.title}.`
            : `I worked on ${f.title}.`,
      f.summary,
      f.outcome && (f.outcomeVerbLed ? `In that work I ${f.outcome}.` : `A measurable result: ${f.outcome}.`),
      f.requirement
        ? `This answers the role's requirement for ${f.requirement} experience.`
        : f.skills && `It draws on the ${f.skills} experience the role calls for.`,
      f.evidence && `The ${f.evidence} linked below documents the work.`,
    ]),
  closing: (company) =>
    `Thank you for considering my application. I would welcome the opportunity to discuss how I could contribute to ${company ?? 'your team'}.`,
  signOff: 'Sincerely,',
};

const WARM: LetterWording = {
  greeting: (company) => (company ? `Dear ${company} team,` : 'Dear Hiring Manager,'),
  opening: (target, skills) =>
    joinFacts([
      `I was excited to see the ${target}, and I would love to be part of what you are building.`,
      skills && `Much of my work has been with ${skills}, so the role feels like a natural fit.`,
    ]),
  paragraph: (f) =>
    joinFacts([
      `One piece of work I am especially proud of is ${f.title}${f.organization ? `, which I worked on at ${f.organization}` : ''}.`,
      f.summary,
      f.outcome &&
        (f.outcomeVerbLed ? `Along the way I ${f.outcome}.` : `I was proud of the result: ${f.outcome}.`),
      f.requirement
        ? `It is a close match for the ${f.requirement} experience you are looking for.`
        : f.skills && `I would love to bring that ${f.skills} experience to your team.`,
      f.evidence && `You can see the work itself in the linked ${f.evidence}.`,
    ]),
  closing: (company) =>
    `Thank you so much for reading. I would be glad to talk about how I could help ${company ?? 'your team'}, and I look forward to hearing from you.`,
  signOff: 'Warm regards,',
};

// Concise letters keep one result and one link to the role per paragraph: the whole letter stays under 200 words.
const CONCISE: LetterWording = {
  greeting: () => 'Dear Hiring Manager,',
  opening: (target, skills) =>
    joinFacts([`I am applying for the ${target}.`, skills && `I bring hands-on ${skills} experience.`]),
  paragraph: (f) =>
    joinFacts([
      f.outcome
        ? `${f.title}${f.organization ? ` (${f.organization})` : ''}: ${f.outcomeVerbLed ? `I ${f.outcome}` : f.outcome}.`
        : `I worked on ${f.title}${f.organization ? ` at ${f.organization}` : ''}.`,
      f.skills && `Relevant to your need for ${f.skills}.`,
    ]),
  closing: () => 'Thank you for your time; I would welcome a conversation.',
  signOff: 'Best regards,',
};

export const LETTER_WORDING: Record<Tone, LetterWording> = { formal: FORMAL, warm: WARM, concise: CONCISE };
