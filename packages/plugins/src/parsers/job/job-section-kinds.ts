/** What a part of a job ad is about; decides how much the skills mentioned there weigh. */
export type JobSectionKind =
  | 'title'
  | 'about'
  | 'role'
  | 'responsibilities'
  | 'requirements'
  | 'nice'
  | 'benefits'
  | 'boilerplate'
  | 'other';

// Checked in order: "Preferred qualifications" is a nice-to-have list although it says "qualifications".
const SECTION_PATTERNS: [JobSectionKind, RegExp][] = [
  [
    'nice',
    /nice[\s-]*to[\s-]*have|bonus|preferred|\bplus\b|desirable|would be great|extra credit|good to have|w[üu]nschenswert|von vorteil|idealerweise|pluspunkte|atouts?|un plus|souhait|deseable|valorable|se valorar/i,
  ],
  [
    'benefits',
    /benefits|what we offer|perks|why (?:join|work)|compensation|salary|we offer|in return|wir bieten|was wir bieten|unser angebot|das bieten wir|avantages|nous offrons|ce que nous offrons|ofrecemos|beneficios/i,
  ],
  [
    'boilerplate',
    /equal (?:opportunit|employment)|how to apply|application process|diversity|eeo\b|bewerbung|so bewirbst|candidature|postular/i,
  ],
  [
    'responsibilities',
    /responsibilit|what you['’]?ll (?:do|work on)|what you will (?:do|work on)|your (?:role|mission|impact|day)|duties|day[\s-]to[\s-]day|in this role|you will|key tasks|the work|aufgaben|das erwartet (?:dich|sie)|deine rolle|ihre rolle|missions?|vos missions|responsabilit|funciones|tus tareas/i,
  ],
  [
    'requirements',
    /requirement|must[\s-]*haves?|what you bring|what (?:we['’]?re|we are) looking for|what we look for|qualifications|required|who you are|you have|you bring|your (?:profile|background|skills)|skills|about you|what you need|ihr profil|dein profil|was (?:du|sie) mitbring|anforderungen|qualifikation|voraussetzung|profil recherch|votre profil|comp[ée]tences|requisitos|perfil|buscamos/i,
  ],
  [
    'role',
    /about the (?:role|job|position|team)|the role|role overview|job (?:summary|description|overview)|position (?:summary|overview)|overview|die (?:stelle|position)|le poste|el puesto/i,
  ],
  [
    'about',
    /^about\b|who we are|our (?:company|story|mission)|company overview|the company|über uns|wer wir sind|qui sommes|à propos|sobre nosotros|qui[eé]nes somos|unternehmen/i,
  ],
];

export function classifyJobHeading(heading: string): JobSectionKind {
  const text = heading.replace(/[*_#:]+/g, ' ').trim();
  for (const [kind, pattern] of SECTION_PATTERNS) if (pattern.test(text)) return kind;
  return 'other';
}

/**
 * True when a short plain line names a known section near its start ("Key Responsibilities", "Nice to have"),
 * so a list line such as "Strong communication skills" is not taken for a "Skills" heading.
 */
export function isKnownJobHeading(heading: string): boolean {
  const text = heading.replace(/[*_#:]+/g, ' ').trim();
  if (text.length > 48) return false;
  for (const [, pattern] of SECTION_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match.index <= 12;
  }
  return false;
}
