// Word lists that steer the distillation: which dataset records and aliases to keep, and which words are
// too ambiguous to match loosely in free text. Each list is short and says why it exists.

// Words that are also technology names. The script adds every single-word name or alias that O*NET's and
// ESCO's prose uses as an ordinary lowercase word; these are the ones that prose happens not to contain.
export const EXTRA_AMBIGUOUS =
  `angular ant babel bootstrap chef cypress dart elastic excel express flask flutter groovy
  helm jest julia kube mongo node octave pandas prometheus puppet ruby scala snowflake swift unity`.split(
    /\s+/,
  );

// O*NET examples that name a company or a kind of thing rather than a product a CV would list.
export const DROPPED_ONET = new Set(['Chat', 'Google', 'Wiki']);

// Aliases from linguist that name something else in prose or in a CV ("cake" is a C# build script format).
export const DROPPED_ALIASES = new Set(['cake', 'cakescript', 'node', 'envrc', 'rusthon', 'bsdmake', 'mf']);

// Vendor prefixes O*NET puts before product names; the product name alone becomes an alias.
export const VENDORS = [
  'Adobe',
  'Amazon',
  'Apache',
  'Apple',
  'Atlassian',
  'Autodesk',
  'Bentley',
  'Cisco',
  'Corel',
  'Dassault Systemes',
  'ESRI',
  'Google',
  'IBM',
  'Intuit',
  'Microsoft',
  'National Instruments',
  'Oracle',
  'PTC',
  'Qlik Tech',
  'SAP',
  'StataCorp',
  'The MathWorks',
  'Trimble',
  'VMware',
  'Wind River Systems',
  'Wind River',
  'Hewlett Packard',
  'Hewlett-Packard',
  'HashiCorp',
  'JetBrains',
];

// ESCO reuse level "transversal"/"cross-sector" labels are mostly verb phrases ("perform toxicological
// studies"); only noun phrases naming a field are kept, recognised by their last word.
export const ESCO_DOMAIN_HEADS = new Set([
  'analysis',
  'analytics',
  'design',
  'economics',
  'engineering',
  'informatics',
  'intelligence',
  'learning',
  'marketing',
  'mathematics',
  'networks',
  'processing',
  'programming',
  'science',
  'security',
  'statistics',
  'vision',
]);

// First words that make an ESCO label an activity ("apply machine learning") rather than a field.
export const ESCO_VERBS = new Set(
  `adapt address analyse apply approve assess build carry conduct create define design develop ensure evaluate execute
  identify implement interpret maintain manage monitor operate perform plan prepare provide teach use utilise write`.split(
    /\s+/,
  ),
);

// Linguist languages whose names are mostly seen as people, products or ordinary capitalised words; listing
// them would make "Grace" or "Max" a programming skill wherever a name appears.
export const DROPPED_LANGUAGES = new Set(
  `B M V q Boo Boogie Cadence Chapel Charity Clue Curry Dune Dylan Euphoria Factor Fantom Faust Fennel Fluent
  Genie Glyph Grace Hack Harbour Hare Isabelle Jac Janet Jasmin Just Kit Lasso Latte Leo Limbo Lobster Max Mint
  Monkey Noir Opal Pan Parrot Pike Polar Pony Quake Riot Roc Rouge Sage Sail Scenic Shen Sieve Singularity Slang
  Slash Slim Squirrel Stan Sway Tact Talon Teal Turing Uno Verse Volt Wren wisp`.split(/\s+/),
);
