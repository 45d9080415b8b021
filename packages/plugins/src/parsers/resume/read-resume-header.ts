import { findEmails, findPhones, findUrls, labelForUrl, normalizeUrl } from '../shared/find-contacts.js';
import type { ResumeBlock } from './resume-block.js';

export interface ResumeHeader {
  name: string | null;
  headline: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  links: { label: string; url: string }[];
}

const SEGMENT_SPLIT = /\s*(?:[|·•◆⋅]|\s[—–]\s| {2,}|\t)\s*/u;
const CONTACT_WORD =
  /^(?:e-?mail|phone|tel(?:efon)?|mobile|handy|linkedin|github|gitlab|website|web|portfolio|address|adresse)\s*:\s*/iu;
const LOCATION = /^(?=.*\p{L})[\p{L}\p{N} .'’()-]+(?:,\s*[\p{L}\p{N} .'’()-]+){1,3}$/u;
const LAST_UPDATED = /^(?:last updated|updated|stand)\b/iu;

const isContactLike = (text: string): boolean =>
  /@|https?:\/\/|www\.|\.(?:com|org|net|io|dev|me|de)\b/iu.test(text) ||
  findPhones(text).length > 0 ||
  CONTACT_WORD.test(text);

const segmentsOf = (blocks: readonly ResumeBlock[]): string[] =>
  blocks
    .flatMap((block) => [block.text, ...block.meta])
    .flatMap((text) => text.split(SEGMENT_SPLIT))
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Name, headline and contact details from the blocks above the first section: e-mails, phones and links
 * anywhere in them (link targets included), a "City, Region" segment as the location, the first other short
 * line after the name as the headline.
 */
export function readResumeHeader(blocks: readonly ResumeBlock[], knownName: string | null): ResumeHeader {
  const mailto = blocks
    .flatMap((b) => b.links)
    .filter((l) => /^mailto:/i.test(l.url))
    .map((l) => l.url.slice(7).split('?')[0]!);
  const tel = blocks
    .flatMap((b) => b.links)
    .filter((l) => /^tel:/i.test(l.url))
    .map((l) => l.url.slice(4));
  const text = blocks.flatMap((block) => [block.text, ...block.meta]).join('\n');
  const email = findEmails(text)[0] ?? mailto[0] ?? null;
  const phone = findPhones(text)[0] ?? tel[0] ?? null;

  const links: ResumeHeader['links'] = [];
  const addLink = (raw: string, label?: string) => {
    const url = normalizeUrl(raw);
    if (!url || links.some((link) => link.url === url)) return;
    const network = labelForUrl(url);
    // A link's visible text is often just a user name ("rendercv"); the network's name says more.
    links.push({ label: network !== 'Website' || !label ? network : label, url });
  };
  for (const block of blocks)
    for (const link of block.links) if (/^https?:/i.test(link.url)) addLink(link.url, link.label);
  for (const url of findUrls(text.replace(/\S+@\S+/g, ' '))) addLink(url);

  let name = knownName;
  const rest = [...blocks];
  if (!name) {
    const index = rest.findIndex(
      (block) => block.text && !isContactLike(block.text) && !LAST_UPDATED.test(block.text),
    );
    if (index !== -1) name = rest.splice(index, 1)[0]!.text;
  }
  const others = rest.filter((block) => block.text !== name && block.kind !== 'bullet');
  const segments = segmentsOf(others);
  const location =
    segments.find((segment) => !isContactLike(segment) && LOCATION.test(segment) && segment.length <= 60) ??
    null;
  // The headline is the first segment that is none of: contact detail, place, a link's visible text.
  const linkLabels = others.flatMap((block) => block.links.map((link) => link.label.trim())).filter(Boolean);
  // "ð bwayne": a link's text behind an icon glyph that the PDF's font maps to a stray letter.
  const isLinkText = (segment: string) =>
    linkLabels.some((label) => segment.endsWith(label) && segment.length - label.length <= 3);
  const headline =
    segments.find(
      (segment) =>
        segment.length <= 100 &&
        /\p{L}{2}/u.test(segment) &&
        segment !== location &&
        !isContactLike(segment) &&
        !LAST_UPDATED.test(segment) &&
        !isLinkText(segment),
    ) ?? null;
  return { name, headline, email, phone, location, links };
}
