// Readers for the reference datasets the taxonomy is distilled from. Each returns plain records; the
// choice of what to keep lives in build-taxonomy.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readLines = (file) => readFileSync(file, 'utf8').split(/\r?\n/);

/** O*NET Technology_Skills.txt (tab-separated), aggregated per example name. */
export function readOnetTechnologySkills(dir) {
  const [header, ...lines] = readLines(join(dir, 'Technology_Skills.txt'));
  const columns = header.split('\t');
  const at = (name) => columns.indexOf(name);
  const [soc, example, commodity, hot, inDemand] = [
    at('O*NET-SOC Code'),
    at('Example'),
    at('Commodity Title'),
    at('Hot Technology'),
    at('In Demand'),
  ];
  if ([soc, example, commodity, hot, inDemand].includes(-1)) {
    throw new Error(`Unexpected Technology_Skills.txt header: ${header}`);
  }
  const byName = new Map();
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const name = cells[example].trim();
    const row = byName.get(name) ?? { name, commodities: new Set(), occupations: new Set(), hot: false };
    row.commodities.add(cells[commodity]);
    row.occupations.add(cells[soc]);
    row.hot ||= cells[hot] === 'Y' || cells[inDemand] === 'Y';
    byName.set(name, row);
  }
  return [...byName.values()];
}

/**
 * Words written in lowercase in O*NET's prose (task statements, occupation and content-model descriptions)
 * and in ESCO's labels: ordinary English as used about work. A skill alias found here ("go", "make",
 * "spark") is a common word and must not be matched loosely in free text.
 */
export function readEnglishVocabulary(onetDir, escoFile) {
  const texts = [];
  for (const [file, column] of [
    ['Task_Statements.txt', 2],
    ['Occupation_Data.txt', 2],
    ['Content_Model_Reference.txt', 2],
  ]) {
    for (const line of readLines(join(onetDir, file)).slice(1)) texts.push(line.split('\t')[column] ?? '');
  }
  // ESCO's alternative labels are misaligned with their rows but are still English phrases.
  for (const record of readCsv(escoFile)) texts.push(record.preferredLabel, record.altLabels);
  const counts = new Map();
  for (const text of texts) {
    // Only words written in lowercase count: capitalised ones may be product names.
    for (const word of text.match(/(?<![\p{L}\p{N}])[a-z]+(?![\p{L}\p{N}])/gu) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, count]) => count >= 2).map(([word]) => word));
}

/**
 * github-linguist languages.yml. Its layout is regular: a language name at column 0 ending in ':', scalar
 * fields indented by two spaces, list items as "  - item". Only the fields the taxonomy needs are read.
 */
export function readLinguistLanguages(file) {
  const languages = [];
  let current = null;
  let list = null;
  const unquote = (value) => value.trim().replace(/^"(.*)"$/, '$1');
  for (const line of readLines(file)) {
    if (line.startsWith('#') || line === '---' || !line.trim()) continue;
    const top = /^(\S.*):$/.exec(line);
    if (top) {
      current = { name: unquote(top[1]), type: '', aliases: [], group: '', languageId: '' };
      languages.push(current);
      list = null;
      continue;
    }
    if (!current) continue;
    const item = /^ {2}- (.*)$/.exec(line);
    if (item) {
      if (list === 'aliases') current.aliases.push(unquote(item[1]));
      continue;
    }
    const field = /^ {2}([a-z_]+):\s*(.*)$/.exec(line);
    if (!field) continue;
    const [, key, value] = field;
    list = value === '' ? key : null;
    if (key === 'type') current.type = unquote(value);
    if (key === 'group') current.group = unquote(value);
    if (key === 'language_id') current.languageId = unquote(value);
  }
  return languages;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines) into objects keyed by the header. */
export function readCsv(file) {
  const text = readFileSync(file, 'utf8');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [header, ...records] = rows.filter((cells) => cells.some((value) => value !== ''));
  return records.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** Stack Overflow tag synonyms as `{ source, target }` pairs, e.g. `c-sharp → c#`. */
export function readTagSynonyms(file) {
  return readCsv(file).map((record) => ({ source: record.SourceTagName, target: record.TargetTagName }));
}

/**
 * ESCO skills: URI, reuse level and preferred label only. The subset's `altLabels` column is misaligned with
 * its rows after the first few records (labels of unrelated skills), so it is not used.
 */
export function readEscoSkills(file) {
  return readCsv(file).map((record) => ({
    uuid: record.conceptUri.split('/').pop(),
    reuseLevel: record.reuseLevel,
    label: record.preferredLabel.trim().replace(/\s+/g, ' '),
  }));
}
