import { describe, expect, it } from 'vitest';
import { findEmails, findPhones, findUrls, labelForUrl, normalizeUrl } from './find-contacts.js';

describe('contact details in text', () => {
  it('finds e-mails, including non-ASCII ones, but not their domains as links', () => {
    const text = 'Write to zoë.li@example.dev or jobs@acme.co.uk.';
    expect(findEmails(text)).toEqual(['zoë.li@example.dev', 'jobs@acme.co.uk']);
    expect(findUrls(text)).toEqual([]);
  });

  it('finds URLs with and without a scheme, trimming trailing punctuation', () => {
    const text =
      'See github.com/zoe/ledgerkit, https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series). and www.zoe.dev!';
    expect(findUrls(text)).toEqual([
      'https://github.com/zoe/ledgerkit',
      'https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)',
      'https://www.zoe.dev/',
    ]);
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
  });

  it('finds phone numbers but not year ranges or amounts', () => {
    expect(findPhones('Call +49 30 5550 1234 or (123) 456-7890; 2018 - 2022; 3,000,000 users')).toEqual([
      '+49 30 5550 1234',
      '(123) 456-7890',
    ]);
  });

  it('labels profile links by network', () => {
    expect(labelForUrl('https://www.linkedin.com/in/zoe')).toBe('LinkedIn');
    expect(labelForUrl('https://github.com/zoe')).toBe('GitHub');
    expect(labelForUrl('https://zoe.dev')).toBe('Website');
  });
});
